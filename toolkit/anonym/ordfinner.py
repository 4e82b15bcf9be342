"""Find many known words (names) in a text at once, the way a reader would see them.

One Aho–Corasick automaton (pyahocorasick) holds every value; a text is
scanned once, whatever the number of values. A hit counts only as a whole
word: no letter, digit or apostrophe inside a word right before it, and
after it either nothing that belongs to a word, or a genitive ending
("Amins", "Jonas'", "O’Neills", "Amin's", "Amin’s", "O'Neill's") and then
nothing. Case is ignored, and so are accents ("Zoe" is "Zoë"; but "å" is a
letter of its own, so "Ås" is no "As"); ' and ’ are the same, and a line
break or a tab is a space ("Øystein" last on a line and "Haugen" first on
the next are "Øystein Haugen").

A name inside a user name counts too, and the hit is then the whole user
name (`Ordtreff.brukernavn`): a word of letters, digits and . _ # - that has
a digit, an underscore, a #, a full stop before a small letter, or a capital
after a small letter ("AminKing2012", "amin12", "aminh#1234", "amin.h2012",
"xXAminXx"), where a name of three letters or more begins one of its parts.

Each value's `Regel` says how its case counts: initials ("HB") must match
exactly; a name found in free text that no list knows counts only with a
capital letter; and a name that is also a word ("Per", "Liv", "Sand") or a
two-letter part of a joined name ("Jo" of "Jo-Anne") counts only where it is
used as a name (`bruk.brukt_som_navn`): "Per sier" is the name, "Per uke"
the word (in a user name it must be a whole part: "Per2012", not "Perfekt2").

The replacer and the final check both use this, so they always agree on
what is a hit ("per" in "Fravær per ukedag" is never the participant Per,
and neither is "Per" in "Per uke er hun borte").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

import ahocorasick

from toolkit.anonym.bruk import brukt_som_navn

_APOSTROFER = "'’"


class Regel(Enum):
    """How the case of a hit must match the value."""

    ALLE = "alle"  # any case: "Amin", "amin", "AMIN"
    EKSAKT = "eksakt"  # exactly as written: initials "HB", a class "5B"
    STOR = "stor"  # with a capital letter: "Qureshi" and "QURESHI", never "qureshi"
    NAVN = "navn"  # where used as a name: "Per sier", "med Per"; never "per", "Per uke"


class Lesing(Enum):
    """How a text is read for a name that is also a word (`Regel.NAVN`)."""

    SETNING = "setning"  # running text: what stands before and after the word
    LINJE = "linje"  # a PDF's line: what follows only; before it may be another table cell
    NAVNEFELT = "navnefelt"  # a field of names ("Per Hansen (far)"): a name when capitalised
    KODE = "kode"  # XML code: no sentence tells, so such a word is not looked for


@dataclass(frozen=True)
class Ordtreff:
    """One hit: where the value stands in the text, and which value it is."""

    start: int
    slutt: int  # the end of the value; a genitive ending comes after it
    verdi: str  # the value as it was given
    genitiv: bool = False
    endelse: int = 0  # the length of the genitive ending: "s", "'" or "'s"
    brukernavn: bool = False  # the value is inside a user name, and start:slutt is all of it

    @property
    def ende(self) -> int:
        """The end of the hit, the genitive ending included."""
        return self.slutt + self.endelse


def _ordtegn(tegn: str) -> bool:
    return tegn.isalnum() or tegn == "_"


class _Bretting(dict[int, str]):
    """A `str.translate` table, filled as characters come: each one as the matcher reads it.

    A line break or a tab is a space, ’ is ', and a letter loses its accents
    ("ë" → "e", "Ł" stays "ł", "å" stays "å"); a character whose plain form
    is longer (a ligature) stays as it is, so a text keeps its length.
    """

    def __missing__(self, kode: int) -> str:
        tegn = chr(kode)
        ny = tegn
        if tegn in "\n\r\t\v\f":
            ny = " "
        elif tegn == "’":
            ny = "'"
        elif not tegn.isascii() and tegn not in "åÅ":
            uten = "".join(
                t for t in unicodedata.normalize("NFKD", tegn) if not unicodedata.combining(t)
            )
            if len(uten) == 1:
                ny = uten
        self[kode] = ny
        return ny


_BRETTING = _Bretting()


def brett(tekst: str) -> str:
    """Return `tekst` as the matcher reads it, keeping its length (so indexes hold).

    In lower case, with ’ as ', a line break or a tab as a space, and no
    accents but on "å" (see `_Bretting`).
    """
    lav = tekst.lower()
    if len(lav) != len(tekst):  # a letter whose lower case is longer ("İ")
        lav = "".join(t.lower() if len(t.lower()) == 1 else t for t in tekst)
    return lav.translate(_BRETTING)


# What a user name is made of besides letters and digits: "amin.h2012", "aminh#1234".
_BRUKERTEGN = "._#-"


def _del_begynner(tekst: str, i: int, a: int) -> bool:
    """Whether a part of the word that starts at `a` begins at `i` (or the word ends there).

    At the start, after what is no letter, at a capital after a small letter
    ("AminKing"), or at a capital before a small letter ("xXAmin").
    """
    if i == a or i >= len(tekst) or not tekst[i - 1].isalpha() or not tekst[i].isalpha():
        return True
    if not tekst[i].isupper():
        return False
    return tekst[i - 1].islower() or (i + 1 < len(tekst) and tekst[i + 1].islower())


def _brukernavn(tekst: str, start: int, slutt: int, prefiks: bool) -> tuple[int, int] | None:
    """The user name that the name at `tekst[start:slutt]` is part of, as (start, end); or None.

    The name must begin a part of the user name (its start, after a digit or
    a sign, or a capital after a small letter) and, unless `prefiks`, end one
    ("amin" in "aminh#1234" is a prefix). See the module docstring.
    """
    lengde = len(tekst)
    a, b = start, slutt
    while a > 0 and (_ordtegn(tekst[a - 1]) or tekst[a - 1] in _BRUKERTEGN):
        a -= 1
    while b < lengde and (_ordtegn(tekst[b]) or tekst[b] in _BRUKERTEGN):
        b += 1
    while b > slutt and tekst[b - 1] in _BRUKERTEGN:  # a full stop that ends the sentence
        b -= 1
    while a < start and tekst[a] in _BRUKERTEGN:
        a += 1
    if (a, b) == (start, slutt):
        return None
    if not (_del_begynner(tekst, start, a) and (prefiks or _del_begynner(tekst, slutt, b))):
        return None  # "Kalimba2": no part begins at "ali"
    bit = tekst[a:b]
    if any(t.isdigit() or t in "_#" for t in bit):
        return a, b
    for i in range(1, len(bit)):
        forrige, tegn = bit[i - 1], bit[i]
        if forrige.islower() and tegn.isupper():
            return a, b  # "xXAminXx", "AminGamer"
        if forrige == "." and tegn.islower() and i > 1 and _ordtegn(bit[i - 2]):
            return a, b  # "amin.h"; not "ikke.Amin", a full stop without its space
    return None


def gjelder(verdi: str, regel: Regel, funnet: str) -> bool:
    """Whether `funnet` (equal to `verdi` when case is ignored) counts under `regel`.

    For `Regel.NAVN` this is only the case; where the word stands is read by
    `Ordfinner`.
    """
    if regel is Regel.EKSAKT:
        return funnet.replace("’", "'") == verdi.replace("’", "'")
    if regel in (Regel.STOR, Regel.NAVN):
        return not funnet.islower()
    return True


def _som_navn(tekst: str, start: int, slutt: int, genitiv: bool, lesing: Lesing) -> bool:
    """Whether a name that is also a word, at `tekst[start:slutt]`, counts when read as `lesing`."""
    if lesing is Lesing.KODE:
        return False
    if lesing is Lesing.NAVNEFELT:
        return True
    return brukt_som_navn(tekst, start, slutt, genitiv=genitiv, foran=lesing is Lesing.SETNING)


class Ordfinner:
    """Finds every value of a fixed set in texts, as whole words, with each value's case rule."""

    def __init__(self, verdier: Mapping[str, Regel]) -> None:
        self._regler: dict[str, list[tuple[str, Regel]]] = {}
        for verdi, regel in verdier.items():
            nokkel = brett(verdi)
            if len(nokkel.strip()) < 2:
                continue
            self._regler.setdefault(nokkel, []).append((verdi, regel))
        self._automat = ahocorasick.Automaton()
        for nokkel in self._regler:
            self._automat.add_word(nokkel, nokkel)
        if self._regler:
            self._automat.make_automaton()

    def __bool__(self) -> bool:
        return bool(self._regler)

    @property
    def verdier(self) -> list[str]:
        """Every value, longest first."""
        alle = [v for regler in self._regler.values() for v, _ in regler]
        return sorted(alle, key=lambda v: (-len(v), v))

    def alle_treff(
        self, tekst: str, lesing: Lesing = Lesing.SETNING, *, brukernavn: bool = True
    ) -> Iterable[Ordtreff]:
        """Yield every hit, overlapping ones too, in no particular order.

        A value under `Regel.NAVN` counts as `lesing` says. With `brukernavn`
        (not in XML code, where ids and style names are no user names) a name
        inside a user name is a hit too, the whole user name.
        """
        if not self._regler or not tekst:
            return
        brukernavn = brukernavn and lesing is not Lesing.KODE
        lengde = len(tekst)
        for slutt_indeks, nokkel in self._automat.iter(brett(tekst)):
            slutt = slutt_indeks + 1
            start = slutt - len(nokkel)
            inne = (start > 0 and _ordtegn(tekst[start - 1])) or (
                # "Neill" inside "O'Neill"; after a quotation mark it is a word
                start > 1 and tekst[start - 1] in _APOSTROFER and _ordtegn(tekst[start - 2])
            )
            endelse = 0
            if not inne and slutt < lengde:
                neste = tekst[slutt]
                ordet_fortsetter = slutt + 1 < lengde and _ordtegn(tekst[slutt + 1])
                if neste in _APOSTROFER:
                    if not ordet_fortsetter:
                        # "Jonas'" is a genitive; after another name it is a quotation mark.
                        endelse = 1 if nokkel[-1] in "sxz" else 0
                    elif tekst[slutt + 1] in "sS" and not (
                        slutt + 2 < lengde and _ordtegn(tekst[slutt + 2])
                    ):
                        endelse = 2  # "Amin's", "O'Neill's"
                    else:
                        inne = True  # "O'Neill": the apostrophe is inside a word
                elif _ordtegn(neste):
                    if neste not in "sS" or ordet_fortsetter:
                        inne = True
                    else:
                        endelse = 1
            if (
                brukernavn
                and len(nokkel) >= 3
                and (
                    inne
                    or (start > 0 and tekst[start - 1] in _BRUKERTEGN)
                    or (slutt < lengde and tekst[slutt] in _BRUKERTEGN)
                )
            ):
                treff = self._i_brukernavn(tekst, start, slutt, nokkel)
                if treff is not None:
                    yield treff
                    continue
            if inne:
                continue
            for verdi, regel in self._regler[nokkel]:
                if not gjelder(verdi, regel, tekst[start:slutt]):
                    continue
                genitiv = endelse > 0
                if regel is Regel.NAVN and not _som_navn(tekst, start, slutt, genitiv, lesing):
                    continue
                yield Ordtreff(start, slutt, verdi, genitiv, endelse)
                break

    def _i_brukernavn(self, tekst: str, start: int, slutt: int, nokkel: str) -> Ordtreff | None:
        """The user name the value `nokkel` at `tekst[start:slutt]` is part of, as a hit."""
        for verdi, regel in self._regler[nokkel]:
            if regel is Regel.EKSAKT:
                continue  # initials: "HB" in "HB2" may be anything
            # A name that is also a word must be a whole part: "Per2012", not "Perfekt2".
            spenn = _brukernavn(tekst, start, slutt, prefiks=regel is not Regel.NAVN)
            if spenn is not None:
                return Ordtreff(spenn[0], spenn[1], verdi, brukernavn=True)
        return None

    def finn(
        self, tekst: str, lesing: Lesing = Lesing.SETNING, *, brukernavn: bool = True
    ) -> list[Ordtreff]:
        """Return the hits that do not overlap, leftmost and longest first, in text order."""
        alle = self.alle_treff(tekst, lesing, brukernavn=brukernavn)
        kandidater = sorted(alle, key=lambda t: (t.start, t.start - t.slutt))
        valgt: list[Ordtreff] = []
        forbi = 0
        for treff in kandidater:
            if treff.start >= forbi:
                valgt.append(treff)
                forbi = treff.ende
        return valgt

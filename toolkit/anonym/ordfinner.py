"""Find many known words (names) in a text at once, the way a reader would see them.

One Aho–Corasick automaton (pyahocorasick) holds every value; a text is
scanned once, whatever the number of values. A hit counts only as a whole
word: no letter, digit or apostrophe inside a word right before it, and after it either
nothing that belongs to a word, or a genitive ending ("Amins", "Jonas'",
"O’Neills") and then nothing. Case is ignored, and ' and ’ are the same,
except as each value's `Regel` says: initials ("HB") must match exactly; a
name found in free text that no list knows counts only with a capital
letter; and a name that is also a word ("Per", "Liv", "Sand") or a two-letter
part of a joined name ("Jo" of "Jo-Anne") counts only where it is used as a
name (`bruk.brukt_som_navn`): "Per sier" is the name, "Per uke" the word.

The replacer and the final check both use this, so they always agree on
what is a hit ("per" in "Fravær per ukedag" is never the participant Per,
and neither is "Per" in "Per uke er hun borte").
"""

from __future__ import annotations

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

    @property
    def ende(self) -> int:
        """The end of the hit, the genitive ending included."""
        return self.slutt + self.genitiv


def _ordtegn(tegn: str) -> bool:
    return tegn.isalnum() or tegn == "_"


def brett(tekst: str) -> str:
    """Return `tekst` in lower case with ’ as ', keeping its length (so indexes hold)."""
    lav = tekst.lower()
    if len(lav) != len(tekst):  # a letter whose lower case is longer ("İ")
        lav = "".join(t.lower() if len(t.lower()) == 1 else t for t in tekst)
    return lav.replace("’", "'")


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

    def alle_treff(self, tekst: str, lesing: Lesing = Lesing.SETNING) -> Iterable[Ordtreff]:
        """Yield every hit, overlapping ones too, in no particular order.

        A value under `Regel.NAVN` counts as `lesing` says.
        """
        if not self._regler or not tekst:
            return
        lengde = len(tekst)
        for slutt_indeks, nokkel in self._automat.iter(brett(tekst)):
            slutt = slutt_indeks + 1
            start = slutt - len(nokkel)
            if start > 0 and _ordtegn(tekst[start - 1]):
                continue
            if start > 1 and tekst[start - 1] in _APOSTROFER and _ordtegn(tekst[start - 2]):
                continue  # "Neill" inside "O'Neill"; after a quotation mark it is a word
            genitiv = False
            if slutt < lengde:
                neste = tekst[slutt]
                ordet_fortsetter = slutt + 1 < lengde and _ordtegn(tekst[slutt + 1])
                if neste in _APOSTROFER:
                    if ordet_fortsetter:  # "O'Neill": the apostrophe is inside a word
                        continue
                    # "Jonas'" is a genitive; after another name it is a quotation mark.
                    genitiv = nokkel[-1] in "sxz"
                elif _ordtegn(neste):
                    if neste not in "sS" or ordet_fortsetter:
                        continue
                    genitiv = True
            for verdi, regel in self._regler[nokkel]:
                if not gjelder(verdi, regel, tekst[start:slutt]):
                    continue
                if regel is Regel.NAVN and not _som_navn(tekst, start, slutt, genitiv, lesing):
                    continue
                yield Ordtreff(start, slutt, verdi, genitiv)
                break

    def finn(self, tekst: str, lesing: Lesing = Lesing.SETNING) -> list[Ordtreff]:
        """Return the hits that do not overlap, leftmost and longest first, in text order."""
        alle = self.alle_treff(tekst, lesing)
        kandidater = sorted(alle, key=lambda t: (t.start, t.start - t.slutt))
        valgt: list[Ordtreff] = []
        forbi = 0
        for treff in kandidater:
            if treff.start >= forbi:
                valgt.append(treff)
                forbi = treff.ende
        return valgt

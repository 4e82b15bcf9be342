"""Who is named in a form: the pupil, the school, the parents, the staff, and anyone else.

`samle_navn` reads the fields the definition marks with `anonym` (the pupil,
the school, "Name, role" lines, teachers in a log) and then every free text,
and gives each person a pseudonym: "eleven", "skolen", a role in definite form
("kontaktlæreren", "mor"), "foresatt 1", "Lærer 1" or "Person A". Every way a
name is written becomes an alias of its person: the full name, each word,
each part of a joined word ("Anne-Lise" → "Anne", "Lise").

A name in free text that no name field holds is found by these rules, each
simple enough to explain to a user:

1. Two or more words with capital letters in a row ("Sara Lunde") are a name,
   unless they are roles or words that are never names (`ordlister.ikke_navn`).
2. One word with a capital letter in the middle of a sentence is a name
   ("… spiller med Emil"), unless it is such a word.
3. A given name (`ordlister.fornavn`, from SSB's name statistics) is a name
   first in a sentence too ("Emil er …"), and in lower case ("emil og sara")
   unless it is a word there too (`ordlister.ordformer`: "andres", "amin").
4. A given name that is also an ordinary word (`ordlister.navn_som_er_ord`:
   "Per", "Liv", "Mai", "Tor") is a name only where it is used as one: with a
   capital letter in the middle of a sentence (rule 2), followed by a surname
   with a capital letter (rule 1), or first in a sentence followed by a verb
   ("Per sier at …", see `ordfinner.brukt_som_navn`). "Per uke", "Liv og
   helse" and "per" are the words. A name the form holds (the participant
   Per) is replaced wherever it has a capital letter ("Per uke" too: a word
   left as the word is better than a name left in the copy), never in lower
   case.
5. A name right after a role ("mamma Fatima", "kontaktlærer Hanne") gets that
   role; other names become "Person A", "Person B".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from toolkit.anonym import ordlister
from toolkit.anonym.ordfinner import Regel, setningsstart
from toolkit.avledning.fravaer.beregning import navn_i as navn_i_celle
from toolkit.definisjon import Skjemadefinisjon
from toolkit.modell import Skjemadata

ELEV = "eleven"
SKOLE = "skolen"
LAERER = "Lærer"
PERSON = "Person"
# A parent's role is written one way in the copy, so "Mor" and "Mamma" are one person.
FORELDREORD = {
    "mamma": "mor",
    "pappa": "far",
    "bonusmamma": "bonusmor",
    "bonuspappa": "bonusfar",
}

_SKOLEORD = re.compile(
    r"\b(?:barne|ungdoms|videregående|vidaregåande|grunn|montessori|steiner|privat|"
    r"kristne)?(?:skole|skule|skolen|skulen|skoler)\b",
    re.IGNORECASE,
)
_STOR_REKKE = re.compile(r"(?<![\w'’])[A-ZÆØÅÉ][\w'’-]*(?: [A-ZÆØÅÉ][\w'’-]*)*")
_SMA_ORD = re.compile(r"(?<![\w'’-])[a-zæøåé][a-zæøåé]+(?![\w'’-])")
_ORD_FOR = re.compile(r"([\w'’-]+)\s+$")
# What joins the parts of one name: "Anne-Lise", "O'Neill", "O’Neill".
_ORD_ETTER = re.compile(r"[ \t]*([\w'’-]+)")
# Present and past tense: "hilser", "går", "ringte", "hentet", "gjorde".
_VERBENDINGER = ("er", "ar", "ir", "år", "ør", "te", "et", "de")
_OG_ETTER = re.compile(r"(?:[ \t]*,|[ \t]+og)[ \t]+([\w'’-]+)")
_NAVNESKILLE = re.compile(r"[-'’]")
_ROLLEENDINGER = ("lærer", "arbeider", "terapeut", "pleier", "rådgiver", "leder")


def nokkel(navn: str) -> str:
    """The key of a name alias: spaces collapsed, no case, one kind of apostrophe."""
    return " ".join(navn.split()).casefold().replace("’", "'")


def er_rolleord(ord_: str) -> bool:
    """Whether `ord_` is a role ("kontaktlærer", "mor", "musikklæreren")."""
    ren = ord_.casefold().strip(".,:;()")
    if ren in ordlister.roller():
        return True
    return ren.endswith(_ROLLEENDINGER) or ren.removesuffix("en").endswith(_ROLLEENDINGER)


def ikke_navn(ord_: str) -> bool:
    """Whether `ord_` is never a name: a role, a small word, a program, a number, an acronym."""
    ren = ord_.casefold().strip(".,:;()'’")
    if ren in ordlister.ikke_navn() or er_rolleord(ren):
        return True
    for ending in ("en", "et", "ene", "s"):  # "Skolens", "Foreldrene"
        if ren.endswith(ending) and ren[: -len(ending)] in ordlister.ikke_navn():
            return True
    if any(len(del_) == 1 for del_ in ren.split("-")) and "-" in ren:
        return True  # an abbreviation: "D-nr", "E-post"
    return bool(re.search(r"\d", ren)) or (ord_.isupper() and len(ord_) > 1)


def bestemt(rolle: str) -> str:
    """Return the definite form of a role: kontaktlærer → kontaktlæreren, mamma → mor."""
    rolle = rolle.strip().lower()
    rolle = FORELDREORD.get(rolle, rolle)
    if not rolle or rolle in ordlister.foreldre() or rolle == "rektor" or rolle.endswith("en"):
        return rolle
    if rolle.endswith("e"):
        return rolle + "n"
    return rolle + "en"


def forste_rolle(tekst: str) -> str | None:
    """The role that `tekst` starts with ("kontaktlærer, 5B" → "kontaktlærer"), or None."""
    forste = tekst.strip().split()[0].strip(".,:;()") if tekst.strip() else ""
    return forste.lower() if forste and er_rolleord(forste) else None


def navn_i(tekst: str) -> list[str]:
    """Return the names (runs of words with capital letters that are not roles) in `tekst`."""
    navn: list[str] = []
    gjeldende: list[str] = []
    for token in re.split(r"(\s+|,|&|/|\(|\))", tekst):
        if not token or token.isspace():
            continue
        ren = token.strip(".:;")
        if ren[:1].isupper() and ren[:1].isalpha() and not ikke_navn(ren):
            gjeldende.append(ren)
            continue
        if gjeldende:
            navn.append(" ".join(gjeldende))
            gjeldende = []
    if gjeldende:
        navn.append(" ".join(gjeldende))
    return navn


def del_linje(linje: str) -> tuple[str, str, str]:
    """Split "Name, role …" or "Name (role) …" into (name part, role part, rest)."""
    m = re.match(r"^\s*([^,(]+?)\s*\(([^)]*)\)\s*(.*)$", linje)
    if m:
        return m.group(1), m.group(2), m.group(3)
    navn, komma, resten = linje.partition(",")
    if komma:
        return navn.strip(), resten.strip(), ""
    return linje.strip(), "", ""


def er_fornavn(ord_: str) -> bool:
    """Whether `ord_` is a given name from the name list (and not a role or small word)."""
    ren = ord_.casefold()
    return ren in ordlister.fornavn() and ren not in ordlister.ikke_navn()


def _navneord(ord_: str) -> bool:
    """Whether `ord_` could be a (sur)name: a capital letter, and not a role or small word."""
    return ord_[:1].isupper() and ord_.casefold().strip("'’") not in ordlister.ikke_navn()


def _verb(ord_: str) -> bool:
    """Whether `ord_` reads as the verb of a subject: from the list, or a verb's ending."""
    ren = ord_.casefold()
    if ren in ordlister.subjektverb():
        return True
    if not ord_.islower() or len(ren) < 3:
        return False
    if ren in ordlister.setningsord() or ren in ordlister.ikke_navn():
        return False
    return ren.endswith(_VERBENDINGER)


def brukt_som_navn(tekst: str, start: int, slutt: int, *, genitiv: bool = False) -> bool:
    """Whether the word at `tekst[start:slutt]`, a name that is also a word, is used as a name.

    Never in lower case ("per uke"). In the middle of a sentence with a capital
    letter it is ("… med Per i går"). First in a sentence it is when it is in
    genitive ("Pers sykkel"), when a surname follows ("Per Olsen"), when a verb
    follows ("Per sier", "Liv hilser", "Tor ringte": a verb of
    `ordlister.subjektverb`, or a word with a verb's ending, -er, -ar, -te,
    -et, -de …), or another name joined by "og" or a comma ("Per og Kari");
    "Per uke", "Liv og helse", "Dag etter dag" are the words.
    """
    funnet = tekst[start:slutt]
    if funnet.islower() or not funnet[:1].isupper():
        return False
    if genitiv:
        # "Pers sykkel": a genitive is followed by what it owns; "Endres: …" is the verb.
        return _ORD_ETTER.match(tekst, slutt + 1) is not None
    if not setningsstart(tekst, start):
        return True
    ende = slutt + genitiv
    neste = _ORD_ETTER.match(tekst, ende)
    if neste is not None and (_navneord(neste.group(1)) or _verb(neste.group(1))):
        return True
    og = _OG_ETTER.match(tekst, ende)
    return og is not None and _navneord(og.group(1))


def brukt_som_fornavn(ord_: str, tekst: str, start: int, *, genitiv: bool = False) -> bool:
    """Whether the given name `ord_`, at `tekst[start:]`, is used as a name there (rules 2–4)."""
    if ord_.casefold() not in ordlister.navn_som_er_ord():
        return True
    return brukt_som_navn(tekst, start, start + len(ord_), genitiv=genitiv)


@dataclass(eq=False)
class Person:
    """One person (or the school): the pseudonym, and how the name is written."""

    pseudonym: str
    alltid_stor: bool = False  # "Lærer 1", "Person A" keep the capital letter
    elev: bool = False
    skole: bool = False
    navn: list[str] = field(default_factory=list)


class Navneliste:
    """Every person and name alias found in a form, with their pseudonyms."""

    def __init__(self) -> None:
        self.aliaser: dict[str, Person] = {}  # alias key (`nokkel`) → person
        self.skrevet: dict[str, str] = {}  # alias key → as written in the form
        # Keys of two-letter parts of a joined name ("Jo" in "Jo-Anne"): like a name
        # that is also a word, replaced only where used as a name ("jo" is the word).
        self.korte: set[str] = set()
        self.personer: list[Person] = []
        self._brukt: set[str] = set()
        self._personteller = 0
        self._laererteller = 0
        self.foresatt_nr = 0

    def finn(self, navn: str) -> Person | None:
        return self.aliaser.get(nokkel(navn))

    def unik(self, pseudonym: str) -> str:
        if pseudonym.casefold() not in self._brukt:
            self._brukt.add(pseudonym.casefold())
            return pseudonym
        nr = 2
        while f"{pseudonym} {nr}".casefold() in self._brukt:
            nr += 1
        self._brukt.add(f"{pseudonym} {nr}".casefold())
        return f"{pseudonym} {nr}"

    def ny_person(self, navn: str, rolle: str | None) -> Person:
        if rolle:
            person = Person(self.unik(bestemt(rolle)))
        else:
            self._personteller += 1
            nr = self._personteller
            bokstav = chr(ord("A") + nr - 1) if nr <= 26 else str(nr)
            person = Person(f"{PERSON} {bokstav}", alltid_stor=True)
        return self.legg_til(navn, person)

    def ny_foresatt(self, navn: str) -> Person:
        self.foresatt_nr += 1
        return self.legg_til(navn, Person(self.unik(f"foresatt {self.foresatt_nr}")))

    def ny_laerer(self, verdi: str) -> None:
        """Register each teacher in a log cell ("HB", "HB/KS", "Hanne Berg") as "Lærer N"."""
        for navn in navn_i_celle(verdi):
            if self.finn(navn) is None:
                self._laererteller += 1
                person = Person(f"{LAERER} {self._laererteller}", alltid_stor=True)
                self.legg_til(navn, person, deler=False)

    def legg_til(self, navn: str, person: Person, *, deler: bool = True) -> Person:
        """Register `navn` (and, when `deler`, each part of it) as aliases of `person`.

        The parts are the words ("Anne-Lise", "O'Neill") and the parts of each
        word split on hyphens and apostrophes ("Anne", "Lise", "Neill"); a
        one-letter part ("O") is left out, a two-letter one is kept apart in
        `korte`.
        """
        navn = " ".join(navn.split())
        if len(navn) < 2:
            return person
        if person not in self.personer:
            self.personer.append(person)
        person.navn.append(navn)
        kandidater = [(navn, False)]
        if deler:
            for ord_ in navn.split():
                ord_ = ord_.strip("-'’")
                kandidater.append((ord_, False))
                biter = _NAVNESKILLE.split(ord_)
                if len(biter) > 1:
                    kandidater += [(b, len(b) <= 2) for b in biter]
        for alias, kort in kandidater:
            if len(alias) < 2:
                continue
            n = nokkel(alias)
            if n not in self.aliaser and not (alias != navn and ikke_navn(alias)):
                self.aliaser[n] = person
                self.skrevet[n] = alias
                if kort:
                    self.korte.add(n)
        return person

    def navn_og_rolle(self, linje: str, standard: str | None = None) -> None:
        """Register the names in a "Name, role" line, giving new persons that role."""
        navn_del, rolle_del, _ = del_linje(linje)
        rolle = forste_rolle(rolle_del) or standard
        for navn in navn_i(navn_del):
            if self.finn(navn) is None:
                self.ny_person(navn, rolle)
        # "Miljøarbeideren (Jonas Dahl)": the name in brackets has the role before it.
        forran = forste_rolle(navn_del)
        for navn in navn_i(rolle_del):
            if self.finn(navn) is None:
                self.ny_person(navn, forran)

    def regel(self, n: str) -> Regel:
        """How the case of a hit on the alias with key `n` must match (see ordfinner)."""
        skrevet = self.skrevet[n]
        if skrevet.isupper() and len(skrevet) <= 3:
            return Regel.EKSAKT  # initials: "HB", not "hb"
        if n in self.korte or n in ordlister.navn_som_er_ord():
            return Regel.STOR
        return Regel.ALLE

    def regler(self) -> dict[str, Regel]:
        """Every alias as written, with its case rule."""
        return {self.skrevet[n]: self.regel(n) for n in self.aliaser}


def tekst(data: Skjemadata, key: str) -> str:
    verdi = data.verdier.get(key)
    return verdi if isinstance(verdi, str) else ""


def tekstverdier(definisjon: Skjemadefinisjon, data: Skjemadata) -> list[str]:
    """Every text value of the form (fields and table cells that hold text).

    A choice from the definition's list is no one's words ("Endre" is a decision,
    not a person), so it is left out.
    """
    tekster = []
    for f in definisjon.felter:
        verdi = data.verdier.get(f.key)
        if f.tekstlig and isinstance(verdi, str) and verdi not in f.valg:
            tekster.append(verdi)
    for t in definisjon.tabeller:
        for rad in data.tabeller.get(t.key) or []:
            for k in t.kolonner:
                verdi = rad.get(k.key)
                if k.tekstlig and isinstance(verdi, str) and verdi not in k.valg:
                    tekster.append(verdi)
    return tekster


def _merkede(definisjon: Skjemadefinisjon, data: Skjemadata) -> list[tuple[str, str, str | None]]:
    """(marker, text, role) of every field and table cell with an `anonym` marker, in order."""
    ut = [(f.anonym, tekst(data, f.key), f.rolle) for f in definisjon.felter if f.anonym]
    for t in definisjon.tabeller:
        for k in t.kolonner:
            if not k.anonym:
                continue
            for rad in data.tabeller.get(t.key) or []:
                verdi = rad.get(k.key)
                if isinstance(verdi, str) and verdi.strip():
                    ut.append((k.anonym, verdi, k.rolle))
    return ut


def samle_navn(definisjon: Skjemadefinisjon, data: Skjemadata) -> Navneliste:
    """Collect the pupil, the school, the parents, the staff and other names in the form.

    A marker means the same on a field and on a table column: the pupil first,
    then the school, the parents, single persons, "Name, role" lines, roles and
    teachers' initials, and last the names found in free text.
    """
    liste = Navneliste()
    merkede = _merkede(definisjon, data)
    for art, verdi, _ in merkede:
        if art == "elev" and verdi.strip():
            liste.legg_til(verdi, Person(ELEV, elev=True))
    for art, verdi, _ in merkede:
        skole = verdi.strip()
        if art == "skole" and skole:
            person = liste.legg_til(skole, Person(SKOLE, skole=True), deler=False)
            kort = " ".join(_SKOLEORD.sub(" ", skole).split())
            if len(kort) >= 3 and kort.casefold() != skole.casefold():
                liste.legg_til(kort, person, deler=False)
    for art, verdi, _ in merkede:
        if art != "foresatte":
            continue
        for linje in verdi.splitlines():
            navn_del, rolle_del, _ = del_linje(linje)
            rolle = forste_rolle(rolle_del) or forste_rolle(navn_del)
            for navn in navn_i(navn_del) + navn_i(rolle_del):
                if liste.finn(navn) is None:
                    if rolle is not None:
                        liste.ny_person(navn, rolle)
                    else:
                        liste.ny_foresatt(navn)
    for art, verdi, rolle in merkede:
        if art == "person":
            for navn in navn_i(verdi):
                if liste.finn(navn) is None:
                    liste.ny_person(navn, rolle)
    for art, verdi, _ in merkede:
        if art == "personlinjer":
            for linje in verdi.splitlines():
                liste.navn_og_rolle(linje)
    for art, verdi, _ in merkede:
        if art == "roller":
            for del_ in re.split(r"\s+og\s+|,|/|&", verdi):
                liste.navn_og_rolle(del_)
        elif art == "laerer":
            liste.ny_laerer(verdi)
    _navn_i_fritekst(liste, tekstverdier(definisjon, data))
    return liste


def _rolle_foran(tekst_: str, start: int) -> str | None:
    """The role written right before `start` ("mamma Fatima", "kontaktlærer Hanne"), or None."""
    m = _ORD_FOR.search(tekst_, max(0, start - 40), start)
    if m is None or not er_rolleord(m.group(1)):
        return None
    return m.group(1).casefold()


def _navn_i_fritekst(liste: Navneliste, tekster: Iterable[str]) -> None:
    """Find the names in free text that no name field holds (rules 1–5 of the module)."""
    tekster = list(tekster)
    # A capitalised first word of a sentence is not a name if the form uses it as an
    # ordinary word elsewhere ("Når Amin kommer" is not "Når Amin"), unless it is a
    # given name used as one.
    ord_i_skjemaet = {o for t in tekster for o in re.findall(r"\b[a-zæøå]+\b", t)}
    funnet: list[tuple[list[str], str | None]] = []
    for tekst_ in tekster:
        for m in _STOR_REKKE.finditer(tekst_):
            ved_start = setningsstart(tekst_, m.start())
            rekke: list[str] = []
            rekke_ved_start = False
            rolle = None
            posisjon = m.start()
            for i, token in enumerate([*m.group().split(" "), ""]):
                ord_ = token.rstrip("'’-")
                her = posisjon
                posisjon += len(token) + 1
                forste = i == 0 and ved_start
                if forste and ord_ and er_fornavn(ord_.removesuffix("s")):
                    navn = ord_ if er_fornavn(ord_) else ord_.removesuffix("s")
                    if brukt_som_fornavn(navn, tekst_, her, genitiv=navn != ord_):
                        rekke, rekke_ved_start = [navn], False
                        rolle = _rolle_foran(tekst_, her)
                        continue
                if forste and (
                    ord_.lower() in ord_i_skjemaet or ord_.lower() in ordlister.setningsord()
                ):
                    continue
                if ord_ and not ikke_navn(ord_):
                    if not rekke:
                        rekke_ved_start = forste
                        rolle = _rolle_foran(tekst_, her)
                    rekke.append(ord_)
                    continue
                if rekke and (len(rekke) > 1 or not rekke_ved_start):
                    funnet.append((rekke, rolle))
                rekke = []
        for m in _SMA_ORD.finditer(tekst_):
            ord_ = m.group()
            if (
                ord_ in ordlister.fornavn()
                and ord_ not in ordlister.ordformer()
                and ord_ not in ordlister.ikke_navn()
            ):
                funnet.append(([ord_], _rolle_foran(tekst_, m.start())))
    # Names before their genitives: "Ingrids" is then known as Ingrid's.
    for rekke, rolle in sorted(funnet, key=lambda r: r[0][-1][-1:] in "s'’"):
        _nytt_navn(liste, rekke, rolle)


def _nytt_navn(liste: Navneliste, rekke: list[str], rolle: str | None) -> None:
    """Register a name found in free text, unless it (or its genitive) is known."""
    navn = " ".join(rekke)
    if liste.finn(navn) is not None:
        return
    # A genitive of a known name ("Ingrids", "Liv Hansens") is that name.
    if navn[-1:] in "s'’" and liste.finn(navn[:-1]) is not None:
        return
    for ord_ in rekke:
        biter = ord_.split("-")
        if len(biter) > 1 and any(
            liste.finn("-".join(biter[i:j])) is not None
            for i in range(len(biter))
            for j in range(i + 1, len(biter) + 1)
        ):
            return  # "Haugen-Lie-familien": the known name in it is replaced where it stands
    kjent = next((liste.finn(o) for o in rekke if liste.finn(o) is not None), None)
    if kjent is not None:
        liste.legg_til(navn, kjent)
    else:
        liste.ny_person(navn, rolle)

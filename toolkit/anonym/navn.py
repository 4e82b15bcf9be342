"""Who is named in a form: the pupil, the school, the parents, the staff, and anyone else.

`samle_navn` reads the fields the definition marks with `anonym` (the pupil,
the school, "Name, role" lines, teachers in a log) and then every free text,
and gives each person a pseudonym: "eleven", "skolen", a role in definite form
("kontaktlæreren", "mor"), "foresatt 1", "Lærer 1" or "Person A". Every way a
name is written becomes an alias of its person: the full name, each word,
each part of a joined word ("Anne-Lise" → "Anne", "Lise"), and the short
forms of a name of two words ("Hanne Berg" → "H.B.", "H. B.", "H. Berg",
"Hanne B."; initials "HB" → "H.B."). So "Lars" alone is the teacher "Lars
Berg" of the absence log, and gets the same pseudonym; "Yasmin H." is the
known Yasmin. A word in a teacher column that is no name ("vikar", "ukjent",
"Musikk") is no teacher, and initials written in another case there ("hb"
beside "HB") are the same teacher.
A line is "Name, role" only when what follows the comma (or stands in the
brackets) is a role ("Hanne Berg, kontaktlærer"); "Mona, Tore, Kristin Aas"
is a list of names. Names written with a role anywhere are read first, so a
name in such a list gets the role written elsewhere. The value of a field
that is left out of the copy (the class, "9C") is written as the field is
named ("klassen") where free text holds it, also written "9 C", "9-C", and,
exactly so, "9. C" and "9.C".

A name in free text that no name field holds is found by these rules, each
simple enough to explain to a user:

1. Two or more words with capital letters in a row ("Sara Lunde") are a name,
   unless they are roles, family words or words that are never names
   (`ordlister.ikke_navn`, `ordlister.slekt`, `ordlister.pronomen`: a
   pronoun such as "Hun" is never a name).
2. One word with a capital letter in the middle of a sentence is a name
   ("… spiller med Emil"), unless it is such a word.
3. First in a sentence (also after a colon or a dash that begins what someone
   said: "Mona: Hun kommer", `bruk.setningsstart`), a word joins a name only
   when it is a name itself: a given name or surname from the lists
   (`ordlister.fornavn`, `ordlister.etternavn`) or a name the form holds. "Kjøre Sara til skolen"
   and "Søsteren Nora (14)" name Sara and Nora, and "Kjøre" and "Søsteren"
   stay as they are. Two words that neither a list nor the form knows
   ("Zainab Qureshi kom"), and an unknown word before a surname ("Xiomara
   Nilsen"), are still a name, so an unknown name does not leak. After a colon
   or a dash, so is a word alone that is no ordinary word ("Kontakt: Zainab
   kommer"; "Mona: Hun kommer" and "Far: Dessverre kom hun ikke" name no one),
   and so is, anywhere, a word with a letter that no Norwegian word has
   ("Čoarvi og Šiellá kom", "Ömer er ny"). An unknown name with Norwegian
   letters only, alone first in a sentence, is not found: no list tells it
   from a noun ("Fraværet er størst"), so the name lists are kept broad.
4. A given name is a name first in a sentence too ("Emil er …"), and in lower
   case ("emil og sara") unless it is a word there too (`ordlister.ordformer`:
   "andres", "amin").
5. A name that is also an ordinary word (`ordlister.navn_som_er_ord`: "Per",
   "Liv", "Sand", "Berg") is a name only where it is used as one
   (`bruk.brukt_som_navn`), whether the form names the person or the name is
   found in free text: "Per sier", "med Per", "Per og Kari" are the name,
   "Per uke", "Sand i skoene" and "per" the word.
6. A place is no person: a word of `ordlister.steder` ("Tromsø", "Syria")
   stays as it is. A word with a capital letter after "i", "på" or "fra" that
   is neither a place the list knows nor a name ("bodde i Storvik") becomes
   "[sted]"; so does a place of several words that the list does not know as
   a whole ("fra Mo i Rana"), and the words after an area or a service
   (`ordlister.stedsord`: "bydel Vestre Aker", "BUP Sanderud") or before an
   area ("Storvik kommune"), unless they begin with a given name.
7. A name right after a role ("mamma Fatima", "kontaktlærer Hanne") gets that
   role; other names become "Person A", "Person B". A name joined to a known
   one ("Sara-Marie", where Sara is the pupil) is that person's name as a
   whole.

A name found in free text that the lists do not know counts, like any
proper name, only with a capital letter: "Lunde" is a name, "lunde" a bird.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from toolkit.anonym import ordlister
from toolkit.anonym.bruk import brukt_som_navn, sagt, setningsstart
from toolkit.anonym.ordfinner import Regel, brett
from toolkit.anonym.tegn import LITEN, STOR
from toolkit.avledning.fravaer.beregning import navn_i as navn_i_celle
from toolkit.definisjon import Skjemadefinisjon
from toolkit.modell import Skjemadata

ELEV = "eleven"
SKOLE = "skolen"
LAERER = "Lærer"
PERSON = "Person"
STED = "[sted]"
# A parent's role is written one way in the copy, so "Mor" and "Mamma" are one person.
FORELDREORD = {
    "mamma": "mor",
    "pappa": "far",
    "bonusmamma": "bonusmor",
    "bonuspappa": "bonusfar",
}
# Words for the same role, written one way in the copy: "Helsesøster Randi", where Randi is the
# helsesykepleier, is the helsesykepleier once ("Helsesykepleieren"), not "Helsesøster
# helsesykepleieren".
SAMME_ROLLE = {
    **FORELDREORD,
    "helsesøster": "helsesykepleier",
    "helsesøsteren": "helsesykepleieren",
    "skolehelsesøster": "helsesykepleier",
    "skolehelsesøsteren": "helsesykepleieren",
    "skolesykepleier": "helsesykepleier",
    "skolesykepleieren": "helsesykepleieren",
}

_SKOLEORD = re.compile(
    r"\b(?:barne|ungdoms|videregående|vidaregåande|grunn|montessori|steiner|privat|"
    r"kristne)?(?:skole|skule|skolen|skulen|skoler)\b",
    re.IGNORECASE,
)
_STOR_REKKE = re.compile(rf"(?<![\w'’])[{STOR}][\w'’-]*(?: [{STOR}][\w'’-]*)*")
_SMA_ORD = re.compile(rf"(?<![\w'’-])[{LITEN}][{LITEN}]+(?![\w'’-])")
_SMA_ORD_ALLE = re.compile(rf"\b[{LITEN}]+\b")
# A word in capitals ("MØTE MED KARI OG PER"): a name if the lists say so.
_STORE_ORD = re.compile(rf"(?<![\w'’-])[{STOR}]{{3,}}(?![\w'’-])")
_STORE_PAR = re.compile(
    rf"(?<![\w'’-])(?P<a>[{STOR}]{{3,}})(?:[ \t]*,[ \t]*|[ \t]+OG[ \t]+)"
    rf"(?=(?P<b>[{STOR}]{{3,}})(?![\w'’-]))"
)
_ORD_FOR = re.compile(r"([\w'’-]+)\s+$")
# The words before a place: "bodde i Storvik", "på Hamar", "kom fra Syria".
_STEDSORD = frozenset({"i", "på", "fra"})
# A place of several words: "Mo i Rana", "Bø i Telemark", "Nes på Hedmarken".
_STED_FORTSETTER = re.compile(rf"[ \t]+(?:i|på)[ \t]+([{STOR}][\w'’-]*(?:[ \t][{STOR}][\w'’-]*)*)")
# A word for an area after a place: "Storvik kommune", "Vestre Aker bydel".
_OMRADE_ETTER = re.compile(r"[ \t]+(?:bydel|kommune|fylke|fylkeskommune)(?![\w-])")
# A genitive written with an apostrophe: "Amin's", "Amin’s", "O'Neill's".
_APOSTROF_S = re.compile(r"['’][sS]$")
# What joins the parts of one name: "Anne-Lise", "O'Neill", "O’Neill".
_NAVNESKILLE = re.compile(r"[-'’]")
_NORSKE_BOKSTAVER = frozenset("abcdefghijklmnopqrstuvwxyzæøåé")
_ROLLEENDINGER = ("lærer", "arbeider", "terapeut", "pleier", "rådgiver", "leder")


def nokkel(navn: str) -> str:
    """The key of a name alias: spaces collapsed, no case, one kind of apostrophe, no accents
    ("Zoe" is "Zoë"), as the matcher reads it (`ordfinner.brett`)."""
    return brett(" ".join(navn.split()).casefold())


def er_rolleord(ord_: str) -> bool:
    """Whether `ord_` is a role ("kontaktlærer", "mor", "musikklæreren", "Fastlegen")."""
    ren = ord_.casefold().strip(".,:;()")
    if ren in ordlister.roller():
        return True
    if ren.endswith("n") and (ren[:-1] in ordlister.roller() or ren[:-2] in ordlister.roller()):
        return True  # "Fastlegen", "Tolken": a role in definite form
    return ren.endswith(_ROLLEENDINGER) or ren.removesuffix("en").endswith(_ROLLEENDINGER)


def ikke_navn(ord_: str) -> bool:
    """Whether `ord_` is never a name: a role, a small word, a program, a number, an acronym."""
    ren = ord_.casefold().strip(".,:;()'’")
    if ren in ordlister.ikke_navn() or er_rolleord(ren):
        return True
    for ending in ("en", "et", "ene", "s"):  # "Skolens", "Foreldrene"; "Hans" is no "han"
        stamme = ren[: -len(ending)]
        if (
            ren.endswith(ending)
            and stamme in ordlister.ikke_navn()
            and stamme not in ordlister.pronomen()
        ):
            return True
    if any(len(del_) == 1 for del_ in ren.split("-")) and "-" in ren:
        return True  # an abbreviation: "D-nr", "E-post"
    return bool(re.search(r"\d", ren)) or (ord_.isupper() and len(ord_) > 1)


def bestemt_form(ord_: str) -> str:
    """Return the definite form of a role as written: helsesøster → helsesøsteren."""
    ord_ = ord_.strip().lower()
    if not ord_ or ord_ in ordlister.foreldre() or ord_ == "rektor" or ord_.endswith("en"):
        return ord_
    if ord_.endswith("e"):
        return ord_ + "n"
    return ord_ + "en"


def bestemt(rolle: str) -> str:
    """Return a role in definite form, written one way: kontaktlærer → kontaktlæreren,
    mamma → mor, helsesøster → helsesykepleieren (`SAMME_ROLLE`)."""
    rolle = rolle.strip().lower()
    return bestemt_form(SAMME_ROLLE.get(rolle, rolle))


def forste_rolle(tekst: str) -> str | None:
    """The role that `tekst` starts with ("kontaktlærer, 5B" → "kontaktlærer"), or None."""
    forste = tekst.strip().split()[0].strip(".,:;()") if tekst.strip() else ""
    return forste.lower() if forste and er_rolleord(forste) else None


def navn_i(tekst: str) -> list[str]:
    """Return the names (runs of words with capital letters that are not roles) in `tekst`.

    A run ends where a sentence ends. A word alone that begins a later sentence
    is a name only when it is a given name or surname of the lists (rule 3):
    in "Ingen ennå. Kanskje kontaktlæreren." no one is named.
    """
    navn: list[str] = []
    gjeldende: list[str] = []
    ny_setning = False  # the current run begins a sentence after the first
    slutt = False  # the token before ended a sentence

    def avslutt() -> None:
        if gjeldende and not (
            ny_setning and len(gjeldende) == 1 and listenavn(gjeldende[0]) is None
        ):
            navn.append(" ".join(gjeldende))
        gjeldende.clear()

    for token in re.split(r"(\s+|,|&|/|\(|\))", tekst):
        if not token or token.isspace():
            continue
        starter, slutt = slutt, token.rstrip(")»”\"'’").endswith((".", "!", "?"))
        ren = token.strip(".:;!?")
        if ren[:1].isupper() and ren[:1].isalpha() and not ikke_navn(ren):
            if not gjeldende:
                ny_setning = starter
            gjeldende.append(ren)
            if slutt:
                avslutt()
            continue
        avslutt()
    avslutt()
    return navn


_KLASSE = re.compile(r"(\d{1,2})\.?[ -]?([^\W\d_]{1,3})")


def _klassevarianter(klasse: str) -> list[tuple[str, bool]]:
    """The ways a class such as "5B" is written, and whether each counts only exactly."""
    m = _KLASSE.fullmatch(klasse)
    if m is None:
        return []
    tall, navn = m.groups()
    return [
        (f"{tall}{navn}", False),
        (f"{tall} {navn}", False),
        (f"{tall}-{navn}", False),
        (f"{tall}. {navn}", True),
        (f"{tall}.{navn}", True),
    ]


def _ikke_laerer(navn: str) -> bool:
    """Whether a value of a teacher column is ordinary words, no teacher: "vikar", "ukjent",
    "Musikk", "kunst og håndverk" (each word a role, a subject or a word of the lists, or in
    lower case, of four letters or more, and in no name list). "Kari Lærer" is a teacher."""
    return all(_vanlig_ord(o) for o in navn.split())


def _vanlig_ord(ord_: str) -> bool:
    if ikke_navn(ord_) and not initialer(ord_):
        return True
    return ord_.islower() and len(ord_) > 3 and listenavn(ord_) is None


def er_rolledel(tekst: str) -> bool:
    """Whether `tekst`, after a name's comma or in its brackets, is a role, not more names.

    It is when it begins with a role ("kontaktlærer, 5B"), or names no one and
    holds a role ("ass. rektor"). "Per Hansen, Sara" is a list of names.
    """
    if forste_rolle(tekst) is not None:
        return True
    return not navn_i(tekst) and any(er_rolleord(o) for o in tekst.split())


def del_linje(linje: str) -> tuple[str, str, str]:
    """Split "Name, role …" or "Name (role) …" into (name part, role part, rest).

    Only a role makes the second part ("Hanne Berg, kontaktlærer"); a line such
    as "Kari Nilsen, Per Hansen, Sara" is a list of names, returned whole as the
    name part with no role.
    """
    m = re.match(r"^\s*([^,(]+?)\s*\(([^)]*)\)\s*(.*)$", linje)
    if m and er_rolledel(m.group(2)):
        return m.group(1), m.group(2), m.group(3)
    navn, komma, resten = linje.partition(",")
    if komma and er_rolledel(resten):
        return navn.strip(), resten.strip(), ""
    return linje.strip(), "", ""


def rolle_for(tekst: str, start: int) -> str | None:
    """The role written right before `start`, maybe with a bracket between ("rektor (Lise")."""
    m = re.search(r"([\w'’-]+)\s*\(?\s*$", tekst[max(0, start - 40) : start])
    return m.group(1).casefold() if m is not None and er_rolleord(m.group(1)) else None


def er_fornavn(ord_: str) -> bool:
    """Whether `ord_` is a given name from the name list (and not a role or small word)."""
    ren = ord_.casefold()
    return ren in ordlister.fornavn() and ren not in ordlister.ikke_navn()


def listenavn(ord_: str) -> str | None:
    """The given name or surname of the lists that `ord_` is, maybe in genitive; else None.

    "Emils" → "Emil", "Emil's" → "Emil", "Nilsen" → "Nilsen", "Lars" → "Lars" (not "Lar").
    """
    for navn in (ord_, ord_.removesuffix("s"), ord_.rstrip("'’"), _APOSTROF_S.sub("", ord_)):
        ren = navn.casefold()
        if (
            navn
            and ren not in ordlister.ikke_navn()
            and (ren in ordlister.fornavn() or ren in ordlister.etternavn())
        ):
            return navn
    return None


def brukt_som_fornavn(ord_: str, tekst: str, start: int, *, genitiv: bool = False) -> bool:
    """Whether the listed name `ord_`, at `tekst[start:]`, is used as a name there (rule 5)."""
    if ord_.casefold() not in ordlister.navn_som_er_ord():
        return True
    return brukt_som_navn(tekst, start, start + len(ord_), genitiv=genitiv)


@dataclass(eq=False)
class Person:
    """One person (or the school, or the places no list knows): the pseudonym, and the names."""

    pseudonym: str
    alltid_stor: bool = False  # "Lærer 1", "Person A" keep the capital letter
    elev: bool = False
    skole: bool = False
    sted: bool = False  # "[sted]": a place, not a person
    navn: list[str] = field(default_factory=list)


class Navneliste:
    """Every person and name alias found in a form, with their pseudonyms."""

    def __init__(self) -> None:
        self.aliaser: dict[str, Person] = {}  # alias key (`nokkel`) → person
        self.skrevet: dict[str, str] = {}  # alias key → as written in the form
        # Keys of two-letter parts of a joined name ("Jo" in "Jo-Anne"): like a name
        # that is also a word, replaced only where used as a name ("jo" is the word).
        self.korte: set[str] = set()
        # Keys of the names found in free text (not in a name field); see `regel`.
        self.fritekst: set[str] = set()
        # Initials as the form writes them besides their first spelling ("hb" beside "HB").
        self.andre_skrivemater: set[str] = set()
        # Keys of aliases that count only exactly as written ("5. B" for the class "5B").
        self.eksakte: set[str] = set()
        self.personer: list[Person] = []
        self._brukt: set[str] = set()
        self._personteller = 0
        self._laererteller = 0
        self.foresatt_nr = 0
        self._sted: Person | None = None

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

    def ny_person(self, navn: str, rolle: str | None, *, fritekst: bool = False) -> Person:
        kjent = self._med_initial(navn)
        if kjent is not None:  # "Yasmin H." where Yasmin is the mother: the mother
            return self.legg_til(navn, kjent, fritekst=fritekst)
        if rolle:
            person = Person(self.unik(bestemt(rolle)))
        else:
            self._personteller += 1
            nr = self._personteller
            bokstav = chr(ord("A") + nr - 1) if nr <= 26 else str(nr)
            person = Person(f"{PERSON} {bokstav}", alltid_stor=True)
        return self.legg_til(navn, person, fritekst=fritekst)

    def _med_initial(self, navn: str) -> Person | None:
        """The known person that `navn` names by a first name and initials ("Yasmin H")."""
        ord_ = navn.split()
        if len(ord_) < 2 or not all(len(o.rstrip(".")) == 1 for o in ord_[1:]):
            return None
        return self.finn(ord_[0])

    def nytt_sted(self, navn: str) -> None:
        """Register a place that no list knows ("Storvik"): it becomes "[sted]"."""
        if self._sted is None:
            self._sted = Person(STED, sted=True)
        self.legg_til(navn, self._sted, deler=False, fritekst=True)

    def ny_foresatt(self, navn: str) -> Person:
        self.foresatt_nr += 1
        return self.legg_til(navn, Person(self.unik(f"foresatt {self.foresatt_nr}")))

    def ny_laerer(self, verdi: str) -> None:
        """Register each teacher in a log cell ("HB", "HB/KS", "Hanne Berg") as "Lærer N".

        Each word of a full name is the teacher's too: "Hanne" alone is "Lærer 1".
        An ordinary word is no teacher ("vikar", "ukjent", a subject such as
        "Musikk"). Initials written in another case ("hb" beside "HB") are the
        same teacher, and that spelling counts too.
        """
        for navn in navn_i_celle(verdi):
            if _ikke_laerer(navn):
                continue
            kjent = self.finn(navn)
            if kjent is None:
                self._laererteller += 1
                person = Person(f"{LAERER} {self._laererteller}", alltid_stor=True)
                self.legg_til(navn, person)
            elif navn != self.skrevet[nokkel(navn)] and initialer(navn.upper()):
                self.andre_skrivemater.add(navn)

    def legg_til(
        self, navn: str, person: Person, *, deler: bool = True, fritekst: bool = False
    ) -> Person:
        """Register `navn` (and, when `deler`, each part of it) as aliases of `person`.

        The parts are the words ("Anne-Lise", "O'Neill") and the parts of each
        word split on hyphens and apostrophes ("Anne", "Lise", "Neill"); a
        one-letter part ("O") is left out, a two-letter one is kept apart in
        `korte`. `fritekst` says that the name was found in free text.
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
        # "H.B.", "H. Berg", "Hanne B." for Hanne Berg: one person, one pseudonym.
        forkortet = set(forkortelser(navn)) if deler and not person.sted else set()
        kandidater += [(f, False) for f in forkortet]
        for alias, kort in kandidater:
            if len(alias) < 2:
                continue
            n = nokkel(alias)
            if n not in self.aliaser and (
                alias in forkortet or not (alias != navn and ikke_navn(alias))
            ):
                self.aliaser[n] = person
                self.skrevet[n] = alias
                if kort:
                    self.korte.add(n)
                if fritekst:
                    self.fritekst.add(n)
        return person

    def navn_og_rolle(self, linje: str, *, bare_med_rolle: bool = False) -> None:
        """Register the names in a "Name, role" line, giving new persons that role.

        In a line that is no "Name, role" (a list of names, "Miljøarbeideren
        (Jonas Dahl)") each name gets the role written right before it, if any.
        With `bare_med_rolle` a name without a role is left for later.
        """
        navn_del, rolle_del, _ = del_linje(linje)
        if rolle_del:
            par = [(navn, forste_rolle(rolle_del)) for navn in navn_i(navn_del)]
        else:
            par = [(navn, rolle_for(linje, linje.find(navn))) for navn in navn_i(linje)]
        for navn, rolle in par:
            if self.finn(navn) is None and (rolle is not None or not bare_med_rolle):
                self.ny_person(navn, rolle)

    def initialer_uten_punktum(self) -> None:
        """Register the initials of each person named with two words or more ("JD" for Jonas
        Dahl, "AK" for Amin Khalidi): staff sign a note so ("(JD)"), and a pupil's initials
        point the pupil out. They count exactly as written, after every other alias, so a
        teacher "HB" of the absence list stays "Lærer 1". Initials that are a word or a
        common abbreviation ("ER", "TV", "OK") are left out.
        """
        for person in list(self.personer):
            if person.sted or person.skole:
                continue
            for navn in list(person.navn):
                ord_ = [
                    o
                    for o in navn.split()
                    if o[:1].isupper() and o.replace("-", "").rstrip(".").isalpha()
                ]
                if len(ord_) < 2 or len(ord_) != len(navn.split()):
                    continue
                # "Anne Marie Aas-Hansen": "AA", "AAH", "AMA", "AMAH".
                delt = [[d for d in o.split("-") if d] for o in ord_]
                valg = {
                    ord_[0][0] + ord_[-1][0],
                    ord_[0][0] + "".join(d[0] for d in delt[-1]),
                    "".join(o[0] for o in ord_),
                    "".join(d[0] for o in delt for d in o),
                }
                for forkortet in sorted(v.upper() for v in valg if len(v) <= 4):
                    if (
                        len(forkortet) < 2
                        or not forkortet.isalpha()
                        or _vanlig_forkortelse(forkortet)
                    ):
                        continue
                    if nokkel(forkortet) not in self.aliaser:
                        self.legg_til(forkortet, person, deler=False)
                        self.eksakte.add(nokkel(forkortet))

    def sammensatte(self) -> list[str]:
        """Each name of a person written together with a word after it ("Aminsaken",
        "Jonasgjengen"): a name of four letters or more that is no word, with each of
        `SAMMENSATT_ETTER`."""
        ut = []
        for n, person in self.aliaser.items():
            skrevet = self.skrevet[n]
            if (
                person.sted
                or person.skole
                or len(skrevet) < 4
                or not skrevet.isalpha()
                or initialer(skrevet)
                or n in self.korte
            ):
                continue
            ut += [skrevet + etter for etter in SAMMENSATT_ETTER]
        return ut

    def regel(self, n: str) -> Regel:
        """How a hit on the alias with key `n` counts (see ordfinner).

        Initials exactly as written; a name that is also a word, or a two-letter
        part of a joined name, where it is used as a name (rule 5); a word found
        in free text that is not a given name of the list, with a capital
        letter (a place, a surname: "lunde" is a bird); any other name in any case.
        """
        skrevet = self.skrevet[n]
        if initialer(skrevet) or n in self.eksakte:
            return Regel.EKSAKT  # initials: "HB", not "hb"
        if n in self.korte or n in ordlister.navn_som_er_ord():
            return Regel.NAVN
        if (
            n in self.fritekst
            and " " not in n
            and not (n in ordlister.fornavn() and n not in ordlister.ordformer())
        ):
            return Regel.STOR
        return Regel.ALLE

    def regler(self) -> dict[str, Regel]:
        """Every alias as written, with its case rule; other spellings of initials exactly."""
        regler = {self.skrevet[n]: self.regel(n) for n in self.aliaser}
        for skrevet in self.andre_skrivemater:
            regler.setdefault(skrevet, Regel.EKSAKT)
        return regler


# Words written together after a name: "Aminsaken", "Jonasgjengen".
SAMMENSATT_ETTER = (
    "saken",
    "gjengen",
    "familien",
    "greia",
    "episoden",
    "hendelsen",
    "bursdagen",
    "mamma",
    "pappa",
)


# Capitals that are a common abbreviation, not someone's initials.
_FORKORTELSER = frozenset(
    re.findall(
        r"\w+",
        "AS TV PC IT OK NB PS ID EU FN UK US VG HR PP SU KS MR CV DJ VR AI TT GO PT NAV BUP PPT "
        "SFO KRLE MOT IOP IKT ADHD ASD DNA FAU MHS RH KH LO NHO SV AP KRF FRP SP MDG SMS",
    )
)


def _vanlig_forkortelse(forkortet: str) -> bool:
    """Whether capitals such as "TV", "ER", "OG" are an abbreviation or a word, not initials."""
    lav = forkortet.casefold()
    return (
        forkortet in _FORKORTELSER
        or lav in ordlister.ikke_navn()
        or lav in ordlister.setningsord()
        or lav in ordlister.subjektverb()
        or lav in ordlister.stedsord()
    )


_PRIKKET = re.compile(rf"(?:[{STOR}]\. ?){{2,3}}")


def initialer(verdi: str) -> bool:
    """Whether `verdi` is written as initials ("HB", "KS", "H.B.", "H. B."), to be matched exactly.

    A class ("9C") is no initials: "9c" is the class too; nor is "o.l." "O.L.".
    """
    if verdi.isupper() and len(verdi) <= 3 and verdi.isalpha():
        return True
    return _PRIKKET.fullmatch(verdi.strip()) is not None


def forkortelser(navn: str) -> list[str]:
    """The ways a name of two words or more is shortened: "Hanne Berg" → "H.B.", "H. B.",
    "H. Berg", "Hanne B."; initials "HB" → "H.B.", "H. B."; "Yasmin H" → "Yasmin H."."""
    ord_ = navn.split()
    if len(ord_) == 1 and initialer(navn) and "." not in navn and len(navn) >= 2:
        return [".".join(navn) + ".", ". ".join(navn) + "."]
    if len(ord_) >= 2 and len(ord_[-1]) == 1 and ord_[-1].isupper():
        return [f"{navn}."]  # "Yasmin H": "Yasmin H." with its full stop
    if len(ord_) < 2 or not all(o[:1].isupper() and len(o) >= 2 for o in ord_):
        return []
    forste, siste = ord_[0], ord_[-1]
    a, b = forste[0], siste[0]
    return [f"{a}.{b}.", f"{a}. {b}.", f"{a}. {siste}", f"{forste} {b}."]


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
    # A removed value (the class) is written as what the field is: "i 9C" → "i klassen".
    for f in definisjon.felter:
        fjernet = tekst(data, f.key).strip() if f.anonym == "fjern" else ""
        if len(fjernet) >= 2 and liste.finn(fjernet) is None:
            person = Person(liste.unik(bestemt_form(f.etikett)))
            # "9C" in any case; a class named by a word ("Bjørk") with a capital letter.
            ord_ = not any(t.isdigit() for t in fjernet)
            liste.legg_til(fjernet, person, deler=False, fritekst=ord_)
            # "5B" is written "5 B", "5-B", and exactly so "5. B" and "5.B" (not "punkt 5. b").
            for variant, eksakt in _klassevarianter(fjernet):
                if liste.finn(variant) is None:
                    liste.legg_til(variant, person, deler=False)
                    if eksakt:
                        liste.eksakte.add(nokkel(variant))
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
    # Names written with their role anywhere first, so that a list of names
    # ("Mona, Tore, Kristin Aas") gives each the role written elsewhere.
    for bare_med_rolle in (True, False):
        for art, verdi, _ in merkede:
            if art == "personlinjer":
                for linje in verdi.splitlines():
                    liste.navn_og_rolle(linje, bare_med_rolle=bare_med_rolle)
            elif art == "roller":
                for del_ in re.split(r"\s+og\s+|,|/|&", verdi):
                    liste.navn_og_rolle(del_, bare_med_rolle=bare_med_rolle)
            elif art == "laerer" and not bare_med_rolle:
                liste.ny_laerer(verdi)
    _navn_i_fritekst(liste, tekstverdier(definisjon, data))
    liste.initialer_uten_punktum()
    return liste


def _ord_foran(tekst_: str, start: int) -> str | None:
    """The word written right before `start`, in lower case, or None."""
    m = _ORD_FOR.search(tekst_, max(0, start - 40), start)
    return m.group(1).casefold() if m is not None else None


def _rolle_foran(tekst_: str, start: int) -> str | None:
    """The role written right before `start` ("mamma Fatima", "kontaktlærer Hanne"), or None."""
    ord_ = _ord_foran(tekst_, start)
    return ord_ if ord_ is not None and er_rolleord(ord_) else None


def _er_navn(liste: Navneliste, ord_: str) -> bool:
    """Whether `ord_` is a name of the lists or of the form, in genitive too, or joined of names."""
    if listenavn(ord_) is not None or liste.finn(ord_) is not None:
        return True
    if ord_[-1:] in "s'’" and liste.finn(ord_[:-1]) is not None:
        return True
    biter = [b for b in ord_.split("-") if b]
    return len(biter) > 1 and any(_er_navn(liste, b) for b in biter)


def _ordene(m: re.Match[str]) -> list[tuple[int, str]]:
    """The words of a run of capitalised words, each with where it starts.

    A joined word with a part in lower case is cut before it, and ends the
    run: "Oslo-turen" → "Oslo", "Haugen-Lie-familien" → "Haugen-Lie". A
    genitive with an apostrophe is the name, and ends the run too: "Zainab's".
    """
    ut = []
    posisjon = m.start()
    for token in m.group().split(" "):
        ord_ = token.rstrip("'’-")
        uten = _APOSTROF_S.sub("", ord_)
        if uten != ord_ and len(uten) >= 2:
            ut.append((posisjon, uten.rstrip("'’-")))
            break
        biter = ord_.split("-")
        liten = next((i for i, b in enumerate(biter) if not b[:1].isupper()), None)
        if liten is not None and not ikke_navn(ord_):
            ut.append((posisjon, "-".join(biter[:liten])))
            break
        ut.append((posisjon, ord_))
        posisjon += len(token) + 1
    return ut


def _fremmed(ord_: str) -> bool:
    """Whether `ord_` has a letter no Norwegian word has ("Čoarvi", "Ömer"; "Idé" is Norwegian)."""
    return any(t.isalpha() and t.lower() not in _NORSKE_BOKSTAVER for t in ord_)


def _som_ord(ord_: str, ord_i_skjemaet: set[str]) -> bool:
    """Whether `ord_`, first in a sentence, is a word the form uses or one of the lists' words."""
    lav = ord_.casefold()
    return (
        lav in ord_i_skjemaet
        or lav in ordlister.setningsord()
        or lav in ordlister.subjektverb()
        or ikke_navn(ord_)
    )


def _forste_i_setning(
    liste: Navneliste,
    tekst_: str,
    ordene: list[tuple[int, str]],
    ord_i_skjemaet: set[str],
    *,
    sagt: bool = False,
) -> list[tuple[int, str]]:
    """The words of a run that begins a sentence that are a name (rule 3 of the module).

    The first word stays when it is a name used as one ("Emils mor": "Emil"),
    and when neither it nor the words after it are known ("Zainab Qureshi").
    After a colon or a dash (`sagt`) a word alone that is no ordinary word stays
    too: "Kontakt: Zainab kommer" names Zainab, "Mona: Hun kommer" no one.
    """
    (start, forste), resten = ordene[0], ordene[1:]
    navn = listenavn(forste) or (forste if _er_navn(liste, forste) else None)
    if navn is not None:
        genitiv = navn != forste
        if not brukt_som_fornavn(navn, tekst_, start, genitiv=genitiv):
            return resten  # "Per uke", "Sand i skoene": the word
        return [(start, navn)] if genitiv else ordene  # "Pers sykkel": the name alone
    if not resten:
        if (sagt or _fremmed(forste)) and not _som_ord(forste, ord_i_skjemaet):
            return ordene  # "Kontakt: Zainab kommer", "Čoarvi og Šiellá kom"
        return []
    if _som_ord(forste, ord_i_skjemaet):
        return resten
    if _er_etternavn(liste, resten[0][1]):
        return ordene  # "Xiomara Nilsen": an unknown given name before a surname
    if any(_er_navn(liste, o) for _, o in resten):
        return resten  # "Kjøre Sara", "Hjelpe Emil": a word before a name
    return ordene


def _er_etternavn(liste: Navneliste, ord_: str) -> bool:
    """Whether `ord_` is a surname and no given name: of the list, or of a name in the form."""
    lav = ord_.casefold()
    if lav in ordlister.fornavn():
        return False
    if lav in ordlister.etternavn():
        return True
    person = liste.finn(ord_)
    return person is not None and any(
        lav in (o.casefold() for o in n.split()[1:]) for n in person.navn
    )


def _navn_i_fritekst(liste: Navneliste, tekster: Iterable[str]) -> None:
    """Find the names and places in free text that no name field holds (rules 1–7)."""
    tekster = list(tekster)
    # A capitalised first word of a sentence is not a name if the form uses it as an
    # ordinary word elsewhere ("Når Amin kommer" is not "Når Amin").
    ord_i_skjemaet = {o for t in tekster for o in _SMA_ORD_ALLE.findall(t)}
    funnet: list[tuple[list[str], str | None]] = []
    steder: list[str] = []
    for tekst_ in tekster:
        if "\n" in tekst_:
            tekst_ = _navn_over_linjeskift(liste, tekst_)
        for m in _STOR_REKKE.finditer(tekst_):
            ordene = _ordene(m)
            if setningsstart(tekst_, m.start()):
                ordene = _forste_i_setning(
                    liste, tekst_, ordene, ord_i_skjemaet, sagt=sagt(tekst_, m.start())
                )
            rekke: list[tuple[int, str]] = []
            for posisjon, ord_ in [*ordene, (-1, "")]:
                if len(ord_) >= 2 and not ikke_navn(ord_):
                    rekke.append((posisjon, ord_))
                    continue
                if rekke and len(ord_) == 1 and ord_.isupper():
                    rekke.append((posisjon, ord_))  # "Yasmin H.": the initial of a surname
                    continue
                if rekke:
                    _kandidat(liste, tekst_, rekke, funnet, steder)
                rekke = []
        for m in _SMA_ORD.finditer(tekst_):
            ord_ = m.group()
            if (
                ord_ in ordlister.fornavn()
                and ord_ not in ordlister.ordformer()
                and ord_ not in ordlister.ikke_navn()
            ):
                funnet.append(([ord_], _rolle_foran(tekst_, m.start())))
        for m in _STORE_ORD.finditer(tekst_):
            ord_ = m.group().casefold()
            if _navn_i_versaler(ord_):
                funnet.append(([ord_.capitalize()], _rolle_foran(tekst_, m.start())))
        # "KARI OG PER": a name that is also a word, beside a name in capitals, is a name.
        for m in _STORE_PAR.finditer(tekst_) if "OG" in tekst_ or "," in tekst_ else ():
            a, b = m["a"].casefold(), m["b"].casefold()
            for ord_, annet in ((a, b), (b, a)):
                if ord_ in ordlister.navn_som_er_ord() and _navn_i_versaler(annet):
                    funnet.append(([ord_.capitalize()], None))
    for sted in steder:
        if liste.finn(sted) is None:
            liste.nytt_sted(sted)
    # Names before their genitives: "Ingrids" is then known as Ingrid's.
    for ordene_, rolle in sorted(funnet, key=lambda r: r[0][-1][-1:] in "s'’"):
        _nytt_navn(liste, ordene_, rolle)


def _navn_i_versaler(ord_: str) -> bool:
    """Whether `ord_`, written in capitals in the form ("KARI", "HANSEN"), is a name: a given
    name or a surname of the lists that is no word ("PER", "BERG" and "MAI" may be words)."""
    if ord_ in ordlister.ordformer() or ord_ in ordlister.ikke_navn():
        return False
    if ord_ in ordlister.steder() or ord_ in ordlister.setningsord():
        return False
    return ord_ in ordlister.fornavn() or ord_ in ordlister.etternavn()


_ORD_SIST = re.compile(r"[\w'’-]+$")
_ORD_FORST = re.compile(r"[\w'’-]+")


def _navn_over_linjeskift(liste: Navneliste, tekst_: str) -> str:
    """Return `tekst_` with a line break inside a name as a space: "med Øystein\nHaugen om".

    The break is inside a name when a word with a capital letter ends a line
    in the middle of a sentence, and the next line begins with a name the
    lists or the form know. A list of names, one a line ("Kari\nPer"), keeps
    its lines.
    """
    tegn = list(tekst_)
    for i, t in enumerate(tekst_):
        if t != "\n" or i == 0 or not tekst_[i - 1].isalpha():
            continue
        foran = _ORD_SIST.search(tekst_, tekst_.rfind("\n", 0, i) + 1, i)
        etter = _ORD_FORST.match(tekst_, i + 1)
        if foran is None or etter is None or not foran.group()[:1].isupper():
            continue
        linje_start = tekst_.rfind("\n", 0, i) + 1
        for_navnet = tekst_[linje_start : foran.start()].rstrip()
        if not any(c.isalpha() for c in for_navnet) or for_navnet[-1:] in ".!?:;,":
            continue  # the name begins its line or its sentence: a list of names
        neste = etter.group()
        if neste[:1].isupper() and (listenavn(neste) is not None or liste.finn(neste) is not None):
            tegn[i] = " "
    return "".join(tegn)


def _kandidat(
    liste: Navneliste,
    tekst_: str,
    rekke: list[tuple[int, str]],
    funnet: list[tuple[list[str], str | None]],
    steder: list[str],
) -> None:
    """Sort a run of capitalised words: a known place, an unknown place, or a name (rule 6)."""
    ordene = [o for _, o in rekke]
    navn = " ".join(ordene)
    start = rekke[0][0]
    ende = rekke[-1][0] + len(rekke[-1][1])
    if _kjent_sted(ordene):
        if _INSTITUSJON_ETTER.match(tekst_, ende) or _ord_foran(tekst_, start) == "bydel":
            # "Tåsen barneskole", "bydel Grorud": a school or a district names where the
            # family lives
            steder.append(navn)
        return  # "i Tromsø", "fra Syria": no one's name
    foran = _ord_foran(tekst_, start)
    # "bydel Vestre Aker", "BUP Sanderud", "Storvik kommune": a place, whatever its words,
    # unless it begins with someone's given name ("BUP Kari Hansen" is a person).
    if (foran in ordlister.stedsord() or _OMRADE_ETTER.match(tekst_, ende)) and not (
        er_fornavn(ordene[0]) or liste.finn(ordene[0]) is not None
    ):
        steder.append(navn)
        return
    if foran in _STEDSORD and not any(_er_navn(liste, o) for o in ordene):
        # "fra Mo i Rana": a place of several words is one place, known only as a whole.
        videre = _STED_FORTSETTER.match(tekst_, ende)
        if videre is not None:
            hele = " ".join(tekst_[start : videre.end()].split())
            if not _kjent_sted(hele.split()):
                steder += [hele, navn]  # "Mo" alone is the same place
            return
        steder.append(navn)  # "bodde i Storvik": a place no list knows
        return
    funnet.append((ordene, _rolle_foran(tekst_, start)))


# After a place, a word that makes it a school or a kindergarten: "Grorud skole".
_INSTITUSJON_ETTER = re.compile(
    r"[ \t]+(?i:(?:barne|ungdoms|katedral|grunn|montessori|steiner)?(?:skole|skule)|"
    r"videregående|vidaregåande|vgs|barnehage|skolefritidsordning|sfo|aks)\b"
)


def _kjent_sted(ordene: list[str]) -> bool:
    """Whether the words are a place of the list, whole or word by word ("Nordre Follo")."""
    alle_steder = ordlister.steder()
    ord_ = [o for o in ordene if o not in ("i", "på")]
    hele = " ".join(ordene).casefold()
    return hele in alle_steder or all(o.casefold() in alle_steder for o in ord_)


def _nytt_navn(liste: Navneliste, rekke: list[str], rolle: str | None) -> None:
    """Register a name found in free text, unless it (or its genitive) is known.

    A joined word with a known part ("Sara-Marie", where Sara is the pupil) is
    that person's name as a whole. A name whose first word is known ("Nora
    Haugen", where Nora is the pupil) is that person's; one that only shares a
    surname ("Kari Haugen") is someone else.
    """
    navn = " ".join(rekke)
    if liste.finn(navn) is not None:
        return
    # A genitive of a known name ("Ingrids", "Liv Hansens") is that name.
    if navn[-1:] in "s'’" and liste.finn(navn[:-1]) is not None:
        return
    for ord_ in rekke:
        biter = ord_.split("-")
        if len(biter) < 2 or liste.finn(ord_) is not None:
            continue
        kjent = next(
            (
                liste.finn("-".join(biter[i:j]))
                for i in range(len(biter))
                for j in range(len(biter), i, -1)
                if liste.finn("-".join(biter[i:j])) is not None
            ),
            None,
        )
        if kjent is not None:
            liste.legg_til(ord_, kjent, deler=False, fritekst=True)
    if liste.finn(navn) is not None:
        return
    kjent = liste.finn(rekke[0])
    if kjent is not None:
        liste.legg_til(navn, kjent, fritekst=True)
    else:
        liste.ny_person(navn, rolle, fritekst=True)

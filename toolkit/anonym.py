"""An anonymised copy of a form, for anonymous consultation (anonym drøfting).

`anonymiser` returns a new Skjemadata in which every person and the school are
replaced by a role, consistently in every field and table cell, free text
included (full names, first names and surnames alone, genitives, any case).
`sjekk_anonym` is the last guard: it searches every part of a rendered .docx
for what must not be there.

Choices, so that the copy still reads naturally in Norwegian:
- The pupil becomes "eleven" ("Eleven" at the start of a sentence), so the plan
  is titled "Elevens plan for å komme tilbake til skolen" and "Amins" becomes
  "elevens". The school becomes "skolen", the class is left out.
- Adults become their role in definite form: "kontaktlæreren",
  "miljøarbeideren", "rektor"; parents become the role written with them in
  `foresatte` ("mor", "far"), else "foresatt 1", "foresatt 2". A line such as
  "Hanne Berg, kontaktlærer" becomes "Kontaktlærer". Teachers in the absence
  list become "Lærer 1", "Lærer 2" (the pattern per teacher survives); other
  names, such as a friend named in free text, become "Person A", "Person B".
- Dates are shifted by a random whole number of weeks (5 to 26, forward or
  back), so weekdays and intervals survive (the Monday pattern, the evaluation
  rhythm) while the real dates do not: no shifted date is one of the form's
  own. When the dates repeat weekly for longer than that (absent every Monday
  for 30 weeks), the shift is longer, beyond the span of all the dates if need
  be. The shift is not shown anywhere.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import secrets
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from toolkit.avledning import avledninger, grunnlag
from toolkit.avledning.moter import Mote, Motedatoer
from toolkit.definisjon import Skjemadefinisjon
from toolkit.innstillinger import STANDARD
from toolkit.errors import SkjemaverkError
from toolkit.tekst import dato as formater_dato
from toolkit.tekst import genitiv
from toolkit.modell import Skjemadata, Verdi

ELEV = "eleven"
SKOLE = "skolen"
LAERER = "Lærer"
PERSON = "Person"
UKER = range(5, 27)  # the size of the date shift, in weeks, either way

# Which fields hold names is said by the definition (`anonym` on a field or column):
# "elev", "skole", "foresatte", "person" (with its `rolle`), "personlinjer",
# "roller", "laerer" and "fjern".
_ROLLELINJER = ("foresatte", "personlinjer")  # a line "Name, role" becomes "Role"
_STOR = ("person", "personlinjer")  # the value starts with a name: capital letter

_FORELDRE = {
    "mor",
    "far",
    "mamma",
    "pappa",
    "stemor",
    "stefar",
    "bonusmor",
    "bonusfar",
    "bonusmamma",
    "bonuspappa",
    "fostermor",
    "fosterfar",
    "verge",
    "farmor",
    "farfar",
    "mormor",
    "morfar",
    "bestemor",
    "bestefar",
}
# Words that are roles or common capitalised words, never names.
_ROLLER = _FORELDRE | {
    "kontaktlærer",
    "lærer",
    "faglærer",
    "musikklærer",
    "gymlærer",
    "sosiallærer",
    "spesiallærer",
    "rektor",
    "inspektør",
    "avdelingsleder",
    "assisterende",
    "miljøarbeider",
    "miljøterapeut",
    "helsesykepleier",
    "helsesøster",
    "rådgiver",
    "sosialrådgiver",
    "assistent",
    "fagarbeider",
    "spesialpedagog",
    "pedagog",
    "psykolog",
    "lege",
    "fastlege",
    "behandler",
    "terapeut",
    "saksbehandler",
    "konsulent",
    "koordinator",
    "tolk",
    "barnevernet",
    "barnevern",
    "foresatt",
    "foresatte",
    "foreldre",
    "forelder",
    "eleven",
    "elev",
    "skolen",
    "skole",
    "hjemmet",
    "fraværsteam",
    "fraværsteamet",
    "nærværsteam",
    "nærværsteamet",
    "ppt",
    "bup",
    "nav",
    "hjelpetjenestene",
    "helsestasjon",
    "helsestasjonen",
}
# Capitalised words that are not names, whatever their place in a sentence.
_IKKE_NAVN = _ROLLER | {
    "teams",
    "zoom",
    "microsoft",
    "outlook",
    "word",
    "excel",
    "google",
    "ipad",
    "chromebook",
    "tv",
    "pc",
    "snapchat",
    "tiktok",
    "instagram",
    "youtube",
    "discord",
    "fortnite",
    "minecraft",
    "roblox",
    "norge",
    "norsk",
    "engelsk",
    "og",
    "eller",
    "ved",
    "med",
    "fra",
    "i",
    "på",
    "til",
    "for",
    "første",
    "ikke",
    "ingen",
    "alle",
    "begge",
    "hele",
    "se",
}
# Names that are also common words: written in lower case, the word is left alone.
_VANLIGE_ORD = {
    "per",
    "liv",
    "siv",
    "gro",
    "dag",
    "sol",
    "mai",
    "bo",
    "ask",
    "eik",
    "tone",
    "mette",
    "rune",
    "stein",
    "storm",
    "sverre",
    "lin",
    "bjørn",
    "ørn",
    "ulv",
    "vår",
    "vil",
    "tor",
    "berg",
    "strand",
    "holm",
    "dal",
    "lie",
    "li",
    "vik",
    "nes",
    "lund",
    "sand",
    "foss",
    "skog",
    "fjell",
    "bakken",
    "haugen",
    "moen",
    "rud",
    "lia",
    "heia",
    "haug",
    "brekke",
    "hagen",
    "elv",
    "aune",
    "ås",
    "bø",
    "by",
    "eng",
}
# Words that often begin a sentence; never names there.
_SETNINGSORD_TEKST = (
    "når da det den de dette disse han hun vi jeg du dere etter før i på med for om hvis "
    "men og så nå her der alle ingen noen både hver siden fordi mens også ikke en et ei "
    "av til fra som kan skal vil har er var blir hjemme ofte i dag ved under mot uten"
)
_SETNINGSORD = set(_SETNINGSORD_TEKST.split())
_SKOLEORD = re.compile(
    r"\b(?:barne|ungdoms|videregående|vidaregåande|grunn|montessori|steiner|privat|"
    r"kristne)?(?:skole|skule|skolen|skulen|skoler)\b",
    re.IGNORECASE,
)
_KOBLING = re.compile(r"^(?:og|&|/|,|\s)*$", re.IGNORECASE)
_STOR_REKKE = re.compile(r"(?<![\w'’])[A-ZÆØÅÉ][\w'’-]*(?: [A-ZÆØÅÉ][\w'’-]*)*")
_DATO = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\w]|\.\d)")
_SETNINGSSTART = re.compile(r"(?:^|[.!?]\s+|\n\s*|[«\"“]\s*|^\s*[-–•]\s*)$")
# What joins the parts of one name: "Anne-Lise", "O'Neill", "O’Neill".
_NAVNESKILLE = re.compile(r"[-'’]")


def _nokkel(navn: str) -> str:
    """The key of a name alias: spaces collapsed, no case, one kind of apostrophe."""
    return " ".join(navn.split()).casefold().replace("’", "'")


def _navnemonster(navn: str) -> str:
    """A regex for `navn` in which ' and ’ stand for each other."""
    return re.sub("['’]", "['’]", re.escape(navn))


@dataclass(eq=False)
class _Person:
    """One person (or the school): the pseudonym and how it is written."""

    pseudonym: str
    alltid_stor: bool = False  # "Lærer 1", "Person A" keep the capital letter
    elev: bool = False
    skole: bool = False
    navn: list[str] = field(default_factory=list)


def _bestemt(rolle: str) -> str:
    """Return the definite form of a role noun: kontaktlærer → kontaktlæreren."""
    rolle = rolle.strip().lower()
    if not rolle or rolle in _FORELDRE or rolle == "rektor" or rolle.endswith("en"):
        return rolle
    if rolle.endswith("e"):
        return rolle + "n"
    return rolle + "en"


def _er_rolleord(ord_: str) -> bool:
    ord_ = ord_.casefold().strip(".,:;()")
    if ord_ in _ROLLER:
        return True
    return ord_.endswith(("lærer", "arbeider", "terapeut", "pleier", "rådgiver", "leder"))


def _ikke_navn(ord_: str) -> bool:
    ren = ord_.casefold().strip(".,:;()'’")
    if ren in _IKKE_NAVN or _er_rolleord(ren):
        return True
    for ending in ("en", "et", "ene", "s"):  # "Skolens", "Foreldrene"
        if ren.endswith(ending) and ren[: -len(ending)] in _IKKE_NAVN:
            return True
    return bool(re.search(r"\d", ren)) or (ord_.isupper() and len(ord_) > 1)


def _navn_i(tekst: str) -> list[str]:
    """Return the names (runs of capitalised words that are not roles) in `tekst`."""
    navn: list[str] = []
    gjeldende: list[str] = []
    for token in re.split(r"(\s+|,|&|/|\(|\))", tekst):
        if not token or token.isspace():
            continue
        ren = token.strip(".:;")
        if ren[:1].isupper() and ren[:1].isalpha() and not _ikke_navn(ren):
            gjeldende.append(ren)
            continue
        if gjeldende:
            navn.append(" ".join(gjeldende))
            gjeldende = []
    if gjeldende:
        navn.append(" ".join(gjeldende))
    return navn


def _del_linje(linje: str) -> tuple[str, str, str]:
    """Split "Name, role …" or "Name (role) …" into (name part, role part, rest)."""
    m = re.match(r"^\s*([^,(]+?)\s*\(([^)]*)\)\s*(.*)$", linje)
    if m:
        return m.group(1), m.group(2), m.group(3)
    navn, komma, resten = linje.partition(",")
    if komma:
        return navn.strip(), resten.strip(), ""
    return linje.strip(), "", ""


def _forste_rolle(rolle: str) -> str | None:
    forste = rolle.strip().split()[0].strip(".,:;") if rolle.strip() else ""
    return forste.lower() if forste and _er_rolleord(forste) else None


class _Navneliste:
    """Every person and name alias found in a form, with their pseudonyms."""

    def __init__(self) -> None:
        self.aliaser: dict[str, _Person] = {}  # alias key (`_nokkel`) → person
        self.skrevet: dict[str, str] = {}  # alias key → as written in the form
        # Keys of one- or two-letter parts of a joined name ("Jo" in "Jo-Anne"):
        # replaced only when capitalised, and not searched for by the final check.
        self.korte: set[str] = set()
        self.personer: list[_Person] = []
        self._brukt: set[str] = set()
        self._personteller = 0
        self._laererteller = 0

    def finn(self, navn: str) -> _Person | None:
        return self.aliaser.get(_nokkel(navn))

    def _unik(self, pseudonym: str) -> str:
        if pseudonym.casefold() not in self._brukt:
            self._brukt.add(pseudonym.casefold())
            return pseudonym
        nr = 2
        while f"{pseudonym} {nr}".casefold() in self._brukt:
            nr += 1
        self._brukt.add(f"{pseudonym} {nr}".casefold())
        return f"{pseudonym} {nr}"

    def ny_person(self, navn: str, rolle: str | None) -> _Person:
        if rolle:
            person = _Person(self._unik(_bestemt(rolle)))
        else:
            self._personteller += 1
            nr = self._personteller
            bokstav = chr(ord("A") + nr - 1) if nr <= 26 else str(nr)
            person = _Person(f"{PERSON} {bokstav}", alltid_stor=True)
        return self.legg_til(navn, person)

    def ny_laerer(self, verdi: str) -> _Person:
        self._laererteller += 1
        return self.legg_til(
            verdi, _Person(f"{LAERER} {self._laererteller}", alltid_stor=True), deler=False
        )

    def legg_til(self, navn: str, person: _Person, *, deler: bool = True) -> _Person:
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
                deler_ = _NAVNESKILLE.split(ord_)
                if len(deler_) > 1:
                    kandidater += [(d, len(d) <= 2) for d in deler_]
        for alias, kort in kandidater:
            if len(alias) < 2:
                continue
            nokkel = _nokkel(alias)
            if nokkel not in self.aliaser and not (alias != navn and _ikke_navn(alias)):
                self.aliaser[nokkel] = person
                self.skrevet[nokkel] = alias
                if kort:
                    self.korte.add(nokkel)
        return person

    def navn_og_rolle(self, linje: str, standard: str | None = None) -> None:
        """Register the names in a "Name, role" line, giving new persons that role."""
        navn_del, rolle_del, _ = _del_linje(linje)
        rolle = _forste_rolle(rolle_del) or standard
        for navn in _navn_i(navn_del):
            if self.finn(navn) is None:
                self.ny_person(navn, rolle)
        # "Miljøarbeideren (Jonas Dahl)": the name in brackets has the role before it.
        forran = _forste_rolle(navn_del)
        for navn in _navn_i(rolle_del):
            if self.finn(navn) is None:
                self.ny_person(navn, forran)


def _tekstverdier(definisjon: Skjemadefinisjon, data: Skjemadata) -> list[str]:
    tekster = []
    for f in definisjon.felter:
        verdi = data.verdier.get(f.key)
        if f.tekstlig and isinstance(verdi, str):
            tekster.append(verdi)
    for t in definisjon.tabeller:
        for rad in data.tabeller.get(t.key) or []:
            for k in t.kolonner:
                verdi = rad.get(k.key)
                if k.tekstlig and isinstance(verdi, str):
                    tekster.append(verdi)
    return tekster


def _tekst(data: Skjemadata, key: str) -> str:
    verdi = data.verdier.get(key)
    return verdi if isinstance(verdi, str) else ""


def _samle_navn(definisjon: Skjemadefinisjon, data: Skjemadata) -> _Navneliste:
    """Collect the pupil, the school, the parents, the staff and other names in the form."""
    liste = _Navneliste()
    felter = [(f.key, f.anonym, f.rolle) for f in definisjon.felter if f.anonym]
    for key, art, _ in felter:
        elev = _tekst(data, key)
        if art == "elev" and elev.strip():
            liste.legg_til(elev, _Person(ELEV, elev=True))
    for key, art, _ in felter:
        skole = _tekst(data, key).strip()
        if art == "skole" and skole:
            person = liste.legg_til(skole, _Person(SKOLE, skole=True), deler=False)
            kort = " ".join(_SKOLEORD.sub(" ", skole).split())
            if len(kort) >= 3 and kort.casefold() != skole.casefold():
                liste.legg_til(kort, person, deler=False)
    foresatt_nr = 0
    for key, art, _ in felter:
        if art != "foresatte":
            continue
        for linje in _tekst(data, key).splitlines():
            navn_del, rolle_del, _ = _del_linje(linje)
            rolle = _forste_rolle(rolle_del)
            for navn in _navn_i(navn_del):
                if liste.finn(navn) is None:
                    if rolle is not None:
                        liste.ny_person(navn, rolle)
                    else:
                        foresatt_nr += 1
                        liste.legg_til(navn, _Person(liste._unik(f"foresatt {foresatt_nr}")))
    for key, art, rolle in felter:
        if art == "person":
            for navn in _navn_i(_tekst(data, key)):
                if liste.finn(navn) is None:
                    liste.ny_person(navn, rolle)
    for key, art, _ in felter:
        if art == "personlinjer":
            for linje in _tekst(data, key).splitlines():
                liste.navn_og_rolle(linje)
    for t in definisjon.tabeller:
        for k in t.kolonner:
            for rad in data.tabeller.get(t.key) or []:
                verdi = rad.get(k.key)
                if not isinstance(verdi, str) or not verdi.strip():
                    continue
                if k.anonym == "roller":
                    for del_ in re.split(r"\s+og\s+|,|/|&", verdi):
                        liste.navn_og_rolle(del_)
                elif k.anonym == "laerer" and liste.finn(verdi) is None:
                    liste.ny_laerer(verdi)
    # Other names: capitalised words in the middle of a sentence (or two or more
    # in a row anywhere, "Sara Lunde"), in any free text.
    tekster = _tekstverdier(definisjon, data)
    # A capitalised first word of a sentence is a name only if the form never uses
    # it as an ordinary word ("Når Amin kommer" is not "Når Amin").
    ord_i_skjemaet = {o for t in tekster for o in re.findall(r"\b[a-zæøå]+\b", t)}
    funnet: list[list[str]] = []
    for tekst in tekster:
        for m in _STOR_REKKE.finditer(tekst):
            ved_start = _SETNINGSSTART.search(tekst[: m.start()]) is not None
            rekke: list[str] = []
            rekke_ved_start = False
            for i, token in enumerate([*m.group().split(" "), ""]):
                ord_ = token.rstrip("'’-")
                if (
                    i == 0
                    and ved_start
                    and (ord_.lower() in ord_i_skjemaet or ord_.lower() in _SETNINGSORD)
                ):
                    continue
                if ord_ and not _ikke_navn(ord_):
                    if not rekke:
                        rekke_ved_start = ved_start and i == 0
                    rekke.append(ord_)
                    continue
                if rekke and (len(rekke) > 1 or not rekke_ved_start):
                    funnet.append(rekke)
                rekke = []
    # Names before their genitives: "Ingrids" is then known as Ingrid's.
    for rekke in sorted(funnet, key=lambda r: r[-1][-1:] in "s'’"):
        _nytt_navn(liste, rekke)
    return liste


def _nytt_navn(liste: _Navneliste, rekke: list[str]) -> None:
    """Register a name found in free text, unless it (or its genitive) is known."""
    navn = " ".join(rekke)
    if liste.finn(navn) is not None:
        return
    # A genitive of a known name ("Ingrids", "Liv Hansens") is that name.
    if navn[-1:] in "s'’" and liste.finn(navn[:-1]) is not None:
        return
    kjent = next((liste.finn(o) for o in rekke if liste.finn(o) is not None), None)
    if kjent is not None:
        liste.legg_til(navn, kjent)
    else:
        liste.ny_person(navn, None)
    return liste


class _Erstatter:
    """Replaces every alias in a text by its person's pseudonym."""

    def __init__(self, liste: _Navneliste) -> None:
        self.liste = liste
        aliaser = sorted(liste.skrevet.values(), key=len, reverse=True)
        if aliaser:
            alternativer = "|".join(_navnemonster(a) for a in aliaser)
            self.monster: re.Pattern[str] | None = re.compile(
                rf"(?<![\w'’])({alternativer})(s|'|’)?(?![\w])", re.IGNORECASE
            )
        else:
            self.monster = None

    def __call__(self, tekst: str) -> str:
        if self.monster is None or not tekst:
            return tekst
        return self.monster.sub(lambda m: self._bytt(m, tekst), tekst)

    def _bytt(self, m: re.Match[str], tekst: str) -> str:
        funnet = m.group(1)
        nokkel = _nokkel(funnet)
        person = self.liste.aliaser.get(nokkel)
        if person is None or not _treff_gjelder(self.liste.skrevet[nokkel], funnet):
            return m.group()
        if nokkel in self.liste.korte and not funnet[:1].isupper():
            return m.group()  # "jo", the word, is not "Jo" of "Jo-Anne"
        pseudonym = person.pseudonym
        if m.group(2):
            pseudonym = genitiv(pseudonym)
        stor = person.alltid_stor or (
            funnet[:1].isupper() and _SETNINGSSTART.search(tekst[: m.start()]) is not None
        )
        return pseudonym[:1].upper() + pseudonym[1:] if stor else pseudonym


def _treff_gjelder(alias: str, funnet: str) -> bool:
    """Whether `funnet` (matched without case) is really the name `alias`."""
    if alias.isupper() and len(alias) <= 3:  # initials: HB, not hb
        return funnet == alias
    return not (funnet.islower() and alias.casefold() in _VANLIGE_ORD)


def _stor_forbokstav(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def _rydd(tekst: str) -> str:
    """Tidy what the replacement leaves: "miljøarbeideren (miljøarbeideren)" → one."""
    return re.sub(r"\b(\w+) \((\1)\)", r"\1", tekst, flags=re.IGNORECASE)


class _Anonymiserer:
    def __init__(self, liste: _Navneliste, forskyvning: timedelta) -> None:
        self.liste = liste
        self.erstatt = _Erstatter(liste)
        self.forskyvning = forskyvning

    def dato(self, verdi: date) -> date:
        return verdi + self.forskyvning

    def datoer_i_tekst(self, tekst: str) -> str:
        def flytt(m: re.Match[str]) -> str:
            dag, mnd, aar = int(m.group(1)), int(m.group(2)), m.group(3)
            try:
                d = date(int(aar) + (2000 if len(aar) == 2 else 0), mnd, dag)
            except ValueError:
                return m.group()
            ny = d + self.forskyvning
            aar_tekst = f"{ny.year:04d}" if len(aar) == 4 else f"{ny.year % 100:02d}"
            return f"{ny.day:02d}.{ny.month:02d}.{aar_tekst}"

        return _DATO.sub(flytt, tekst)

    def tekst(self, tekst: str, *, rollelinjer: bool = False) -> str:
        tekst = self.datoer_i_tekst(tekst)
        if not rollelinjer:
            return _rydd(self.erstatt(tekst))
        return "\n".join(self._rollelinje(linje) for linje in tekst.split("\n"))

    def _rollelinje(self, linje: str) -> str:
        """ "Hanne Berg, kontaktlærer" → "Kontaktlærer"; other lines as free text."""
        navn_del, rolle_del, resten = _del_linje(linje)
        if rolle_del.strip() and self._bare_voksne(navn_del):
            ny = rolle_del.strip() + (" " + resten.strip() if resten.strip() else "")
            return _stor_forbokstav(_rydd(self.erstatt(ny)))
        return _rydd(self.erstatt(linje))

    def _bare_voksne(self, navn_del: str) -> bool:
        """Whether `navn_del` is only names of adults (not the pupil), joined by "og"."""
        monster = self.erstatt.monster
        if monster is None or not navn_del.strip():
            return False
        personer = []
        for m in monster.finditer(navn_del):
            personer.append(self.liste.aliaser.get(_nokkel(m.group(1))))
        rest = monster.sub("", navn_del)
        if not personer or not _KOBLING.match(re.sub(r"\bog\b", "", rest)):
            return False
        return all(p is not None and not p.elev and not p.skole for p in personer)

    def verdi(self, key: str, verdi: Verdi, tekstlig: bool, rollelinjer: bool) -> Verdi:
        if isinstance(verdi, datetime):
            return verdi + self.forskyvning
        if isinstance(verdi, date):
            return self.dato(verdi)
        if isinstance(verdi, str) and tekstlig:
            return self.tekst(verdi, rollelinjer=rollelinjer)
        return verdi


def _alle_datoer(definisjon: Skjemadefinisjon, data: Skjemadata) -> set[date]:
    """Every date of the form, and the evaluation dates derived from it."""
    datoer: set[date] = set()

    def legg(verdi: object) -> None:
        if isinstance(verdi, datetime):
            datoer.add(verdi.date())
        elif isinstance(verdi, date):
            datoer.add(verdi)

    for verdi in data.verdier.values():
        legg(verdi)
    for rader in data.tabeller.values():
        for rad in rader:
            for verdi in rad.values():
                legg(verdi)
    for tekst in _tekstverdier(definisjon, data):
        for m in _DATO.finditer(tekst):
            aar = m.group(3)
            with contextlib.suppress(ValueError):
                aar_tall = int(aar) + (2000 if len(aar) == 2 else 0)
                legg(date(aar_tall, int(m.group(2)), int(m.group(1))))
    return datoer


def _avledede_datoer(definisjon: Skjemadefinisjon, data: Skjemadata) -> set[date]:
    """The meeting dates the documents derive from the form's dates (shown in the plan)."""
    g = grunnlag(definisjon, data, STANDARD)
    datoer: set[date] = set()
    for a in avledninger(definisjon):
        if isinstance(a, Motedatoer):
            moter: list[Mote] = a.beregn(g)
            datoer |= {m.dato for m in moter}
    return datoer


def _velg_forskyvning(originale: set[date]) -> int:
    """Return a random shift in days (whole weeks) that maps no date onto an original one.

    The shift is drawn among the whole weeks in `UKER`, either way, that do so.
    When the dates repeat week after week (a pupil absent every Monday for
    months), every such shift lands some date on another original one; then
    it is drawn among the next shifts beyond `UKER` that do not (the first
    `len(UKER)` found), which always exist: a shift longer than the span of
    all the dates lands none of them on an original.
    """
    tilfeldig = secrets.SystemRandom()

    def trygge(uker: range) -> list[int]:
        ut = []
        for dager in (7 * u * retning for u in uker for retning in (-1, 1)):
            try:
                flyttet = {d + timedelta(days=dager) for d in originale}
            except OverflowError:  # past year 9999 or before year 1
                continue
            if not flyttet & originale:
                ut.append(dager)
        return ut

    kandidater = trygge(UKER)
    if not kandidater and originale:
        spenn_uker = (max(originale) - min(originale)).days // 7 + 1
        for uker in range(UKER.stop, spenn_uker + len(UKER) + 1):
            kandidater += trygge(range(uker, uker + 1))
            if len(kandidater) >= len(UKER):
                break
    if not kandidater:
        raise SkjemaverkError(
            "Datoene i skjemaet kan ikke flyttes i den anonyme kopien fordi de spenner over "
            "nesten hele kalenderen. Sjekk årstallene i skjemaet."
        )
    return tilfeldig.choice(kandidater)


def anonymiser(
    definisjon: Skjemadefinisjon, data: Skjemadata, *, forskyv_dager: int | None = None
) -> Skjemadata:
    """Return a new Skjemadata with the names replaced by roles and the dates shifted.

    `forskyv_dager` fixes the shift (for tests; a multiple of 7 keeps the
    weekdays); by default it is a random number of whole weeks that maps no
    date onto one of the original dates (see `_velg_forskyvning`). `data` is
    not changed. The findings are not copied, since they quote the original
    values.
    """
    liste = _samle_navn(definisjon, data)
    if forskyv_dager is None:
        originale = _alle_datoer(definisjon, data) | _avledede_datoer(definisjon, data)
        for _ in range(20):
            forskyv_dager = _velg_forskyvning(originale)
            # The plan moves an evaluation that falls on a day off to the next
            # school day; that day must not be an original date either.
            flyttet = _flytt_datoer(data, timedelta(days=forskyv_dager))
            if not _avledede_datoer(definisjon, flyttet) & originale:
                break
    a = _Anonymiserer(liste, timedelta(days=forskyv_dager))

    verdier: dict[str, Verdi] = {}
    felter = {f.key: f for f in definisjon.felter}
    for key, verdi in data.verdier.items():
        f = felter.get(key)
        tekstlig = f.tekstlig if f is not None else isinstance(verdi, str)
        art = f.anonym if f is not None else None
        verdier[key] = a.verdi(key, verdi, tekstlig, art in _ROLLELINJER)
        if not isinstance(verdier[key], str) or not verdier[key]:
            continue
        if art == "elev":
            verdier[key] = _stor_forbokstav(ELEV)
        elif art == "skole":
            verdier[key] = _stor_forbokstav(SKOLE)
        elif art in _STOR:
            verdier[key] = _stor_forbokstav(str(verdier[key]))
    for f in definisjon.felter:
        if f.anonym == "fjern" and f.key in verdier:
            verdier[f.key] = None

    tabeller: dict[str, list[dict[str, Verdi]]] = {}
    for tkey, rader in data.tabeller.items():
        try:
            kolonner = {k.key: k for k in definisjon.tabell(tkey).kolonner}
        except KeyError:
            kolonner = {}
        nye = []
        for rad in rader:
            ny: dict[str, Verdi] = {}
            for key, verdi in rad.items():
                k = kolonner.get(key)
                tekstlig = k.tekstlig if k is not None else isinstance(verdi, str)
                roller = k is not None and k.anonym == "roller"
                ny[key] = a.verdi(key, verdi, tekstlig, roller)
                if roller and isinstance(ny[key], str):
                    ny[key] = _stor_forbokstav(str(ny[key]))
            nye.append(ny)
        tabeller[tkey] = nye

    return Skjemadata(
        verdier=verdier,
        tabeller=tabeller,
        funn=[],
        celler=dict(data.celler),
        skjema_id=data.skjema_id,
        skjema_versjon=data.skjema_versjon,
        definisjon=data.definisjon,
    )


def _flytt_datoer(data: Skjemadata, forskyvning: timedelta) -> Skjemadata:
    """Return `data` with its date fields moved (for the derived meeting dates)."""
    verdier = {k: (v + forskyvning if isinstance(v, date) else v) for k, v in data.verdier.items()}
    return Skjemadata(verdier=verdier, tabeller=data.tabeller, definisjon=data.definisjon)


def forbudte_verdier(
    definisjon: Skjemadefinisjon, data: Skjemadata, *, idag: date | None = None
) -> list[str]:
    """Return what must not appear in an anonymised copy of `data`, longest first.

    The names of the pupil, the parents, the staff and others named in the
    form (full names, each word alone, and each part of a hyphenated or
    apostrophed word of three letters or more: "Anne-Lise", "Anne", "Lise",
    "O'Neill", "Neill"), the school, the class, the teachers
    in the absence list, and every date of the form (and the evaluation dates
    derived from it) written dd.mm.åååå. Today's date is left out, since every
    document carries it as the date it was made (`idag`, default today).
    """
    liste = _samle_navn(definisjon, data)
    verdier = {v for k, v in liste.skrevet.items() if k not in liste.korte}
    for f in definisjon.felter:
        fjernet = _tekst(data, f.key).strip() if f.anonym == "fjern" else ""
        if fjernet:
            verdier.add(fjernet)
    idag = idag or date.today()
    alle = _alle_datoer(definisjon, data) | _avledede_datoer(definisjon, data)
    verdier |= {formater_dato(d) for d in alle if d != idag}
    return sorted(verdier, key=lambda v: (-len(v), v))


def _tekster_i_del(raa: str) -> list[str]:
    """The raw XML, unescaped, and as text with the tags removed (runs joined)."""
    uten = re.sub(r"</w:p>|</w:tc>|<w:tab/>|<w:br/>|</a:p>", " ", raa)
    uten = re.sub(r"<[^>]+>", "", uten)
    return [raa, html.unescape(raa), html.unescape(uten)]


def _finnes(verdi: str, tekster: list[str]) -> bool:
    monster = re.compile(rf"(?<![\w])({_navnemonster(verdi)})(?:s|'|’)?(?![\w])", re.IGNORECASE)
    for tekst in tekster:
        for m in monster.finditer(tekst):
            if _treff_gjelder(verdi, m.group(1)):
                return True
    return False


def sjekk_anonym(docx_bytes: bytes, forbudte: list[str]) -> list[str]:
    """Return the values of `forbudte` found anywhere in the .docx package.

    Every part is searched (document, headers, footers, footnotes, comments,
    relationships, document properties, and the part names themselves), as
    raw XML, with entities unescaped, and as text with the tags removed, so a
    name split over several runs is found too. Matching ignores case, except
    for initials, and for names that are also common words when written in
    lower case (the anonymiser leaves "per uke" alone).
    """
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as pakke:
        # Part names: "_" separates words there ("Amin_logo.png").
        tekster = [" ".join(pakke.namelist()).replace("_", " ")]
        for info in pakke.infolist():
            data = pakke.read(info)
            try:
                raa = data.decode("utf-8")
            except UnicodeDecodeError:
                continue  # pictures and other binary parts
            tekster += _tekster_i_del(raa)
    return [verdi for verdi in forbudte if len(verdi) >= 2 and _finnes(verdi, tekster)]

"""Identifiers that are not names: phone numbers, fødselsnummer, e-mail, links, places, dates.

One compiled pattern finds them all, in one pass over a text. The anonymiser
replaces each with a neutral marker ("[telefon]", "[e-post]"; a date becomes
its distance from the form's date), and the final check refuses a copy that
still holds one. What is found, in the forms people write in Norway:

- e-mail addresses, whole (`mor.haugen@example.no`), also without a domain;
- links (`https://…`, `www.…`, and bare domains with a path such as
  `instagram.com/norahaugen`) and handles (`@nora_h2012`);
- fødselsnummer and D-nummer (`120312 12345`), account numbers
  (`1234.56.78901`) and any run of 11 digits or more;
- phone numbers: 8 digits starting with 2–9, grouped 3-2-3 (`912 34 567`),
  2-2-2-2 (`22 33 44 55`), 4-4 or not at all, with or without `+47` / `0047`;
- a postcode before a place (`0580 Oslo`), a street address (`Storgata 12B`);
- dates: `12.03.2012`, `12.3.12`, `12/3-12`, `12-03-2012`, `2012-03-12`,
  `12. mars 2012`, `12 mars`, `12.3.`, `12.3`, and a month with a year
  (`mars 2012`). A time (`kl. 10.15`, `08.50`), a version (`versjon 7.4`) or a
  section (`§ 12.4`) is not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# What each kind is replaced with in the anonymised copy, and what it is called in a message.
MERKER = {
    "epost": "[e-post]",
    "lenke": "[lenke]",
    "brukernavn": "[brukernavn]",
    "personnummer": "[fødselsnummer]",
    "telefon": "[telefon]",
    "postnummer": "[postnummer og sted]",
    "adresse": "[adresse]",
    "dato": "[dato]",
}
HVA = {
    "epost": "en e-postadresse",
    "lenke": "en lenke",
    "brukernavn": "et brukernavn",
    "personnummer": "et fødselsnummer eller et annet langt nummer",
    "telefon": "et telefonnummer",
    "postnummer": "et postnummer med sted",
    "adresse": "en adresse",
    "dato": "en dato",
}

_MAANEDER = {
    "januar": 1,
    "februar": 2,
    "mars": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "desember": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "des": 12,
}
_MND = "|".join(sorted(_MAANEDER, key=len, reverse=True))
_TOPPDOMENER = (
    "no|com|net|org|se|dk|fi|is|io|me|tv|gg|app|info|eu|uk|de|nu|co|ly|to|link|xyz|online|site"
)
_GATE = (
    "gata|gate|gaten|veien|vei|vegen|veg|allé|alle|plass|plassen|stien|sti|bakken|ringen|"
    "svingen|tunet|terrasse|lia|haugen|brinken|kroken|løkka|jordet|åsen|vollen|kleiva"
)
_STOR = "A-ZÆØÅÉ"
_LITEN = "a-zæøåé"

_MONSTER = re.compile(
    "|".join(
        (
            r"(?P<epost>[\w.+-]*\w@[\w-]*(?:\.[\w-]+)*)",
            r"(?P<lenke>(?:https?://|www\.)[^\s<>«»\"]+)",
            r"(?P<brukernavn>(?<![\w@])@\w[\w.]*)",
            r"(?P<personnummer>(?<![\d.])(?:\d{6} ?\d{5}|\d{4}[ .]\d{2}[ .]\d{5}|\d{11,})(?![\d]))",
            r"(?P<iso>(?<![\d.-])(?P<iso_a>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?!\d))",
            r"(?P<num>(?<![\d.,/-])(?P<num_d>\d{1,2})[./-](?P<num_m>\d{1,2})[./-]"
            r"(?P<num_a>\d{4}|\d{2})(?![\d]|[./-]\d))",
            rf"(?P<tekst>(?<![\d.,])(?P<tekst_d>\d{{1,2}})\.?\s?(?i:(?P<tekst_m>{_MND}))\b\.?"
            r"(?:\s(?P<tekst_a>\d{4})(?!\d))?)",
            r"(?P<kort>(?<![\d.,:])(?P<kort_d>\d{1,2})\.(?P<kort_m>\d{1,2})\.?(?![\d]|[.,]\d))",
            rf"(?P<mndaar>(?<![\w])(?i:(?P<mndaar_m>{_MND}))\.?\s(?P<mndaar_a>\d{{4}})(?!\d))",
            r"(?P<telefon>(?<![\w+])(?:(?:\+|00) ?47[ .-]?)?"
            r"(?:[2-9]\d{2}[ -]?\d{2}[ -]?\d{3}|[2-9]\d[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}"
            r"|[2-9]\d{3}[ -]?\d{4})(?![\w]|[ -]\d))",
            rf"(?P<postnummer>(?<![\d.,:])\b(?P<post_nr>\d{{4}})\s(?P<post_sted>[{_STOR}]"
            rf"[{_LITEN}{_STOR}-]+(?:\s[{_STOR}][{_LITEN}-]+)?))",
            rf"(?P<adresse>\b[{_STOR}][\w.-]*(?:{_GATE})\s\d{{1,4}}(?:\s?[A-Za-z])?\b)",
            rf"(?P<domene>(?<![\w@.-])(?:[\w-]+\.)+(?:{_TOPPDOMENER})\b(?:/[^\s<>«»\"]*)?)",
        )
    )
)
_ETTER_LENKE = ".,;:!?)»\"'’"
# Before a time, a version or a section: "kl. 10.15", "versjon 7.4", "§ 12.4", "v7.4".
_KLOKKE = re.compile(
    r"(?:\b(?:kl|klokka|klokken|ca|versjon|v)\.?\s*|§\s*|[^\W\d_])$", re.IGNORECASE
)
_TIDSORD = re.compile(
    rf"(?:\b(?:i|fra|til|før|etter|siden|høsten|våren|sommeren|vinteren|året|skoleåret|"
    rf"{_MND})\s*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Identifikator:
    """One identifier found in a text."""

    start: int
    slutt: int
    art: str  # a key of MERKER
    tekst: str
    dato: date | None = None  # the date, when art is "dato" and it can be read

    @property
    def merke(self) -> str:
        return MERKER[self.art]


def _aar(tekst: str | None, referanse: date | None) -> int | None:
    if tekst is None:
        return None
    aar = int(tekst)
    if len(tekst) == 2:
        naa = (referanse or date.today()).year
        aar += 2000 if 2000 + aar <= naa + 10 else 1900
    return aar


def _lag_dato(dag: int, maaned: int, aar: int | None, referanse: date | None) -> date | None:
    """Return the date; without a year, the one nearest `referanse`. None if it cannot be."""
    if aar is not None:
        try:
            return date(aar, maaned, dag)
        except ValueError:
            return None
    if referanse is None:
        return None
    kandidater = []
    for a in (referanse.year - 1, referanse.year, referanse.year + 1):
        try:
            kandidater.append(date(a, maaned, dag))
        except ValueError:
            continue
    return min(kandidater, key=lambda d: abs(d - referanse), default=None)


def _gyldig(dag: int, maaned: int) -> bool:
    return 1 <= dag <= 31 and 1 <= maaned <= 12


def finn(tekst: str, referanse: date | None = None) -> list[Identifikator]:
    """Return every identifier in `tekst`, in order; `referanse` gives a date without a year one."""
    ut: list[Identifikator] = []
    for m in _MONSTER.finditer(tekst):
        art = m.lastgroup or ""
        start, slutt = m.span()
        dato: date | None = None
        if art in ("lenke", "domene", "brukernavn"):
            while slutt > start and tekst[slutt - 1] in _ETTER_LENKE:
                slutt -= 1
            art = "lenke" if art == "domene" else art
        elif art == "epost":
            while slutt > start and tekst[slutt - 1] in ".-":
                slutt -= 1
        elif art == "iso":
            dag, maaned = int(m["iso_d"]), int(m["iso_m"])
            if not _gyldig(dag, maaned):
                continue
            art, dato = "dato", _lag_dato(dag, maaned, int(m["iso_a"]), referanse)
        elif art == "num":
            dag, maaned = int(m["num_d"]), int(m["num_m"])
            if not _gyldig(dag, maaned):
                continue
            dato = _lag_dato(dag, maaned, _aar(m["num_a"], referanse), referanse)
            art = "dato"
        elif art == "kort":
            dag, maaned = int(m["kort_d"]), int(m["kort_m"])
            if not _gyldig(dag, maaned) or _KLOKKE.search(tekst, max(0, start - 12), start):
                continue
            art, dato = "dato", _lag_dato(dag, maaned, None, referanse)
        elif art == "tekst":
            dag, maaned = int(m["tekst_d"]), _MAANEDER[m["tekst_m"].lower()]
            if not _gyldig(dag, maaned):
                continue
            art = "dato"
            dato = _lag_dato(dag, maaned, _aar(m["tekst_a"], referanse), referanse)
        elif art == "mndaar":
            art = "dato"
        elif art == "postnummer":
            nummer = int(m["post_nr"])
            if 1900 <= nummer <= 2099 and _TIDSORD.search(tekst, max(0, start - 20), start):
                continue  # "høsten 2026 Amin …" is a year, not a postcode
        ut.append(Identifikator(start, slutt, art, tekst[start:slutt], dato))
    return ut

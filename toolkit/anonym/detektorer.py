"""Identifiers that are not names: phone numbers, fødselsnummer, e-mail, links, places, dates.

One compiled pattern finds the common kinds in one pass over a text; the
rarer ones (user names after a service or with an underscore, slash dates,
calendar weeks) are searched each on its own, and only in a text that holds
what they need. Where two overlap, the one that starts first is kept. The
anonymiser replaces each with a neutral marker ("[telefon]", "[e-post]"; a
date becomes its distance from the form's date), and the final check refuses
a copy that still holds one. What is found, in the forms people write in
Norway:

- e-mail addresses, whole (`mor.haugen@example.no`), also without a domain;
- links (`https://…`, `www.…`, and bare domains with a path such as
  `instagram.com/norahaugen`) and user names: a handle (`@nora_h2012`), any
  word joined with an underscore (`sara_n2013`), and the name after a service
  (`Snap: saranilsen`, `på TikTok som sara2013`): after a colon the word
  there, else one with a digit, a dot or an underscore;
- fødselsnummer and D-nummer (`120312 12345`), account numbers
  (`1234.56.78901`) and any run of 11 digits or more;
- phone numbers: 8 digits starting with 2–9, grouped 3-2-3 (`912 34 567`),
  2-2-2-2 (`22 33 44 55`), 4-4 or not at all, with or without `+47` / `0047`;
- a postcode before a place (`0580 Oslo`), a street address (`Storgata 12B`);
- dates: `12.03.2012`, `12.3.12`, `12/3-12`, `12-03-2012`, `2012-03-12`,
  `12. mars 2012`, `12 mars`, `12.3.`, `12.3`, and a month with a year
  (`mars 2012`). A time (`kl. 10.15`, `08.50`), a version (`versjon 7.4`) or a
  section (`§ 12.4`) is not a date. A day and a month with a slash (`14/9`) is
  a date after a word of time (`siden 14/9`, `fra`, `til`, `den`, `i går (9/11)`,
  a weekday …), before a year, or after another date (`14/9–20/9`); alone it may
  be a fraction (`1/2 time`). In a range the first day takes the month of the
  second (`2.–6. november`, `2. til 6. november`). A date after a word for a
  birth (`født`, `fødselsdag`, `bursdag` …) is marked `fodsel`: a date of birth;
- calendar weeks: `uke 38`, `i uke 41`, `ukene 38 og 41`, `uke 38–41`, `uke 38/39`, each
  number its own identifier, with the Monday of that week nearest the form's
  date. Only weeks 9 to 53 are calendar weeks: a plan counts its own weeks
  (`uke 1: halve dager`), and those stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from toolkit.anonym.tegn import LITEN, STOR

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
    "uke": "[ukenummer]",
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
    "uke": "et ukenummer",
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
_HELE_MAANEDER = ("mars", "mai", "juni", "juli")  # the short names that are not abbreviations
_MND = "|".join(sorted(_MAANEDER, key=len, reverse=True))
_TOPPDOMENER = (
    "no|com|net|org|se|dk|fi|is|io|me|tv|gg|app|info|eu|uk|de|nu|co|ly|to|link|xyz|online|site"
)
_GATE = (
    "gata|gate|gaten|veien|vei|vegen|veg|allé|alle|plass|plassen|stien|sti|bakken|ringen|"
    "svingen|tunet|terrasse|lia|haugen|brinken|kroken|løkka|jordet|åsen|vollen|kleiva"
)
_STOR = STOR
_LITEN = LITEN
# Services whose user names people write down: "Snap: saranilsen", "TikTok: sara2013".
_TJENESTEORD = (
    "snap",
    "insta",
    "tiktok",
    "tik-tok",
    "discord",
    "facebook",
    "fb",
    "messenger",
    "steam",
    "xbox",
    "psn",
    "playstation",
    "roblox",
    "fortnite",
    "minecraft",
    "youtube",
    "twitch",
    "twitter",
    "kik",
    "telegram",
    "spotify",
    "gamertag",
    "brukernavn",
    "brukarnamn",
)
_TJENESTER = (
    r"snap(?:chat)?|insta(?:gram)?|tiktok|tik-tok|discord|facebook|fb|messenger|steam|xbox|"
    r"psn|playstation|roblox|fortnite|minecraft|youtube|twitch|twitter|kik|telegram|spotify|"
    r"gamertag|brukernavn(?:et)?|brukarnamn(?:et)?"
)

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
            # The first day of a range: "2.–6. november", "2. til 6. november", "2.-6.11.".
            rf"(?P<spenn>(?<![\d.,:])(?P<spenn_d>\d{{1,2}})\.?(?=[ \t]?(?:[–-]|til[ \t]|og[ \t])"
            rf"[ \t]?\d{{1,2}}(?:\.?[ \t]?(?i:{_MND})\b|\.\d{{1,2}}(?![\d]|[.,]\d))))",
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
# Rarer kinds, each searched on its own, only in a text that holds what they need (one
# alternation of every kind is slower, and a kind that fails must not hide another's text).
# After a service: after a colon the word there, else a word with a digit, a dot or an
# underscore ("på Snap som sara.n").
_TJENESTE = re.compile(
    rf"(?<![\w])(?i:{_TJENESTER})(?:[ \t]*(?:\(|(?P<kolon>:|=)|"
    r"[ \t](?:er|heter|som|navn|brukernavn)[ \t]*:?))[ \t]*(?P<navn>[^\W_][\w.]*[^\W_]|[^\W_])"
)
# Any word joined with an underscore is a user name: no word is written so.
_STREK = re.compile(r"(?<![\w@.])[^\W_]+(?:[_.][^\W_]+)*_[^\W_]+(?:[_.][^\W_]+)*(?![\w@])")
# A day and a month with a slash, no year: a date only where the words say so.
_SKRAA = re.compile(
    r"(?<![\d.,/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:[ \t](?P<a>\d{4}))?(?![\d/]|[.,-]\d)"
)
_UKE = re.compile(
    r"(?<![\w])(?i:uke|uka|ukene|veke|veka|vekene)(?:[ \t]+nr\.?)?[ \t]+"
    r"\d{1,2}(?:[ \t]*(?:[–/-]|,|og|til)[ \t]*\d{1,2})*(?![\d,.]\d)"
)
_ETTER_LENKE = ".,;:!?)»\"'’"
# Before a time, a version or a section: "kl. 10.15", "versjon 7.4", "§ 12.4", "v7.4".
_KLOKKE = re.compile(
    r"(?:\b(?:kl|klokka|klokken|ca|versjon|v)\.?\s*|§\s*|[^\W\d_])$", re.IGNORECASE
)
# Before a day and a month with a slash that is a date: "siden 14/9", "i går (9/11)".
_FOR_SKRAA = re.compile(
    r"(?:\b(?:siden|fra|fom|f\.o\.m|til|tom|t\.o\.m|den|før|etter|innen|fram|frem|dato|datoen|"
    r"i\s+går|i\s+dag|i\s+morgen|i\s+forgårs|i\s+overmorgen|møte|møtet|"
    r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|man|tir|ons|tor|fre|lør|søn)\.?"
    r"[ \t]*\(?[ \t]*)$",
    re.IGNORECASE,
)
# After a day and a month with a slash that is a fraction: "1/2 time", "3/4 av timene".
_ETTER_BROK = re.compile(
    r"[ \t]*(?:av|del|deler|time|timen|timer|timene|dag|dagen|dager|uke|uka|uken|uker)\b"
)
# Words for a birth before a date: the date is a date of birth.
_FODSEL = re.compile(
    r"(?<!\w)(?:født|fødd|f\.|fødselsdag\w*|fødselsdato\w*|fdato|bursdag\w*|fødselsår)(?!\w)"
    r"[^.!?\n]{0,30}$",
    re.IGNORECASE,
)
# Between two dates of a period: "14/9–20/9", "5.11. til 9.11.".
_MELLOM_DATOER = re.compile(r"[ \t]*(?:[–-]|til|og)[ \t]*$")
_TALL = re.compile(r"\d{1,2}")
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
    dato: date | None = None  # the date (the week's Monday for "uke"), when it can be read
    fodsel: bool = False  # a date of birth: after "født", "fødselsdag" …

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


def _mandag(uke: int, referanse: date | None) -> date | None:
    """The Monday of calendar week `uke` nearest `referanse`; None without one."""
    if referanse is None:
        return None
    kandidater = []
    for aar in (referanse.year - 1, referanse.year, referanse.year + 1):
        try:
            kandidater.append(date.fromisocalendar(aar, uke, 1))
        except ValueError:
            continue
    return min(kandidater, key=lambda d: abs(d - referanse), default=None)


def _uker(m: re.Match[str], referanse: date | None) -> list[Identifikator]:
    """Each calendar week number of "uke 38", "ukene 38 og 41", "uke 38–41" (9 to 53).

    "per uke 10", "hver uke 12": a count, no week.
    """
    tekst = m.string
    foran = tekst[max(0, m.start() - 12) : m.start()].split()
    if foran and foran[-1].lower() in ("per", "pr.", "pr", "hver", "annenhver"):
        return []
    ut = []
    for tall in _TALL.finditer(tekst, m.start(), m.end()):
        nummer = int(tall.group())
        if 9 <= nummer <= 53:
            mandag = _mandag(nummer, referanse)
            ut.append(Identifikator(tall.start(), tall.end(), "uke", tall.group(), mandag))
    return ut


def _med_maaned(spenn: Identifikator, neste: Identifikator) -> Identifikator:
    """The first day of a range with the month and year of the date that ends it."""
    assert neste.dato is not None
    dag = int(spenn.tekst.rstrip("."))
    slutt = neste.dato
    maaned, aar = slutt.month, slutt.year
    if dag > slutt.day:  # "30.–2. november": the month before
        maaned, aar = (12, aar - 1) if maaned == 1 else (maaned - 1, aar)
    try:
        dato = date(aar, maaned, dag)
    except ValueError:
        dato = None
    return Identifikator(spenn.start, spenn.slutt, "dato", spenn.tekst, dato, neste.fodsel)


def finn(tekst: str, referanse: date | None = None) -> list[Identifikator]:
    """Return every identifier in `tekst`, in order; `referanse` gives a date without a year one.

    Where two overlap, the one that starts first (then the longer) is kept.
    """
    funnet = _vanlige(tekst, referanse) + _sjeldne(tekst, referanse)
    funnet.sort(key=lambda f: (f[0].start, -f[0].slutt))
    ut: list[Identifikator] = []
    forbi = 0
    for ident, etter_dato in funnet:
        if ident.start < forbi:
            continue
        if etter_dato and not (
            ut
            and ut[-1].art == "dato"
            and _MELLOM_DATOER.fullmatch(tekst, ut[-1].slutt, ident.start)
        ):
            continue  # "14/9" alone may be a fraction; "fra 14/9–20/9" has two dates
        ut.append(ident)
        forbi = ident.slutt
    return _spenn(ut)


def _dato(tekst: str, start: int, slutt: int, dato: date | None) -> Identifikator:
    """A date found at `tekst[start:slutt]`; after "født", "fødselsdag" … a date of birth."""
    fodsel = _FODSEL.search(tekst, max(0, start - 45), start) is not None
    return Identifikator(start, slutt, "dato", tekst[start:slutt], dato, fodsel)


def _sjeldne(tekst: str, referanse: date | None) -> list[tuple[Identifikator, bool]]:
    """User names after a service or with an underscore, slash dates and calendar weeks.

    Each comes with whether it counts only right after another date ("–20/9").
    """
    ut: list[tuple[Identifikator, bool]] = []
    lav = tekst.lower()
    tjenester = any(ord_ in lav for ord_ in _TJENESTEORD)
    for m in _TJENESTE.finditer(tekst) if tjenester else ():
        navn, slutt = m["navn"], m.end("navn")
        while navn.endswith("."):
            slutt, navn = slutt - 1, navn[:-1]
        ord_etter = re.match(r"[ \t]*\w", tekst[slutt:]) is not None
        if not any(t.isalpha() for t in navn) or not (
            any(t.isdigit() or t in "._" for t in navn)
            or (m["kolon"] and not ord_etter and not navn[:1].isupper())
        ):
            continue  # "Snap er vanskelig", "Snap: mye bruk om kvelden", "Fortnite er 3 …"
        ut.append((Identifikator(m.start("navn"), slutt, "brukernavn", navn), False))
    if "_" in tekst:
        ut += [
            (Identifikator(*m.span(), "brukernavn", m.group()), False)
            for m in _STREK.finditer(tekst)
        ]
    if "/" in tekst:
        for m in _SKRAA.finditer(tekst):
            dag, maaned = int(m["d"]), int(m["m"])
            start, slutt = m.span()
            if not _gyldig(dag, maaned) or _ETTER_BROK.match(tekst, slutt):
                continue  # "1/2 time", "3/4 av timene": a fraction
            fast = m["a"] or _FOR_SKRAA.search(tekst, max(0, start - 16), start)
            dato = _lag_dato(dag, maaned, _aar(m["a"], referanse), referanse)
            ut.append((_dato(tekst, start, slutt, dato), not fast))
    if "uk" in lav or "vek" in lav:
        for m in _UKE.finditer(tekst):
            ut += [(uke, False) for uke in _uker(m, referanse)]
    return ut


def _vanlige(tekst: str, referanse: date | None) -> list[tuple[Identifikator, bool]]:
    """Every identifier of the one alternation `_MONSTER`."""
    ut: list[tuple[Identifikator, bool]] = []
    for m in _MONSTER.finditer(tekst):
        art = m.lastgroup or ""
        start, slutt = m.span()
        dato: date | None = None
        if art == "spenn":
            # Its month and year come from the date that ends the range (`_spenn`).
            ut.append((Identifikator(start, slutt, "dato", tekst[start:slutt]), False))
            continue
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
            forkortet = len(m["tekst_m"]) <= 4 and m["tekst_m"].lower() not in _HELE_MAANEDER
            if tekst[slutt - 1] == "." and not forkortet and not m["tekst_a"]:
                slutt -= 1  # "14. mars.": the full stop ends the sentence; "okt." keeps its own
            art = "dato"
            dato = _lag_dato(dag, maaned, _aar(m["tekst_a"], referanse), referanse)
        elif art == "mndaar":
            art = "dato"
        elif art == "postnummer":
            nummer = int(m["post_nr"])
            if 1900 <= nummer <= 2099 and _TIDSORD.search(tekst, max(0, start - 20), start):
                continue  # "høsten 2026 Amin …" is a year, not a postcode
        if art == "dato":
            ut.append((_dato(tekst, start, slutt, dato), False))
        else:
            ut.append((Identifikator(start, slutt, art, tekst[start:slutt]), False))
    return ut


def _spenn(funnet: list[Identifikator]) -> list[Identifikator]:
    """Give the first day of each range the month of the date after it; drop a lone one."""
    ut = []
    for i, ident in enumerate(funnet):
        if ident.art == "dato" and ident.dato is None and ident.tekst.rstrip(".").isdigit():
            neste = funnet[i + 1] if i + 1 < len(funnet) else None
            if neste is None or neste.art != "dato" or neste.dato is None:
                continue  # no date ends the range: "2." alone is no date
            ident = _med_maaned(ident, neste)
        ut.append(ident)
    return ut

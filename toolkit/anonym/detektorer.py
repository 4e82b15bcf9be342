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
  word joined with an underscore (`sara_n2013`), a name with a Discord tag
  (`aminh#1234`), and the name after a service (`Snap: saranilsen`, `på
  TikTok som sara2013`, `Roblox-navn: KingKong2012`, `Snapchat amin.h2012`):
  after a colon the word there, else one with a digit, a dot, an underscore
  or a #. (A user name that holds a name of the form, `AminKing2012`, is
  found by the names' matcher, `ordfinner`.);
- fødselsnummer and D-nummer, with or without a sign in it (`120312 12345`,
  `120312-12345`, `120312.12345`, `520312 123 45`), account numbers
  (`1234.56.78901`) and any run of 11 digits or more;
- organisation numbers (`987 654 321`, `987654321`) and any run of 9 or 10 digits;
- a number after a word that says what it is: a word ending in `nr`, `nummer` or
  `kort`, `ref`, `referanse`, `id`, `pasient-id` (`journalnr. 12345`, `NAV-saksnr
  2026/12345`, `Vår ref: 26/01234-3`, `Passnummer FN1234567`), the number alone and
  with three digits or more; a number plate (`EL 12345`); gårds- and bruksnummer
  (`Gnr 12 Bnr 34`, `gnr./bnr. 12/34`) and a dwelling's number (`H0203`);
- phone numbers: 8 digits starting with 2–9, grouped 3-2-3 (`912 34 567`,
  `412.34.567`), 2-2-2-2 (`22 33 44 55`, `22.33.44.55`), 2-3-3 (`41 234 567`),
  4-4 or not at all, with or without `+47` / `0047`. Two years with a dash
  between (`skoleåret 2026-2027`) and an amount (`kr 25 000 000`) are none;
- a postcode before a place (`0580 Oslo`) or after `postnr.` (`Postnr. 0150`),
  a street address (`Storgata 12B`, `Bjørnstjerne Bjørnsons gate 10`, with its dwelling
  number: `Lindeveien 4 H0203`), a post box (`Postboks 123 Sentrum`);
- dates: `12.03.2012`, `12.3.12`, `12/3-12`, `12-03-2012`, `2012-03-12`,
  `2012.03.12`, `12. mars 2012`, `12 mars`, `12.3.`, `12.3`, and a month with
  a year (`mars 2012`, `okt -26`). A time (`kl. 10.15`, `08.50`), a version
  (`versjon 7.4`) or a section (`§ 12.4`) is not a date. A day and a month with
  a slash (`14/9`) is a date after a word of time (`siden 14/9`, `fra`, `til`,
  `den`, `i går (9/11)`, a weekday …) or of a birth (`Bursdag 3/11`), with a
  year, before a time (`3/11 kl 08.15`), in a period (`14/9–20/9`, `2/11-6/11`)
  and at the end of a sentence (`Sms fra mor 3/11.`); a fraction (`1/2 time`,
  `3/4 av timene`, `1/2` alone) or a score (`fikk 7/10`) is none. In a range the
  first day takes the month of the second (`2.–6. november`, `2. til 6.
  november`, `10.–13.11.2026`). A date after a word for a birth (`født`,
  `f.dato`, `fødselsdag`, `bursdag` …) is marked `fodsel`: a date of birth; so
  is a year after one (`født 2012`), and six or eight digits after one
  (`f.dato 030312`). A date without a year is the last one on or before the
  form's date, since a form tells what has happened, unless the next one comes
  within three months after it (`FRAMOVER_DAGER`: a plan's dates). A day alone after
  `den` where no month and no noun follows (`tirsdag den 13.`, `fra den 3. og ut uka`) is a
  date with no day known (`den 3. timen` is none);
- calendar weeks: `uke 38`, `uke44`, `i uke 41`, `ukene 38 og 41`, `uke 38–41`,
  `uke 38/39`, each number its own identifier, with the Monday of that week,
  chosen as a date without a year is. Only weeks 9 to 53 are calendar weeks: a
  plan counts its own weeks (`uke 1: halve dager`), and those stay;
- a word of a script that is not Latin (Arabic ياسمين, Cyrillic, Chinese …):
  in a Norwegian form it is a name or a word no list here knows (`tegn`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from toolkit.anonym.tegn import ANNEN_SKRIFT, LITEN, STOR

# What each kind is replaced with in the anonymised copy, and what it is called in a message.
MERKER = {
    "epost": "[e-post]",
    "lenke": "[lenke]",
    "brukernavn": "[brukernavn]",
    "personnummer": "[fødselsnummer]",
    "nummer": "[nummer]",
    "telefon": "[telefon]",
    "postnummer": "[postnummer og sted]",
    "postnr": "[postnummer]",
    "adresse": "[adresse]",
    "dato": "[dato]",
    "uke": "[ukenummer]",
    "skrift": "[annen skrift]",
    "referanse": "[nummer]",
    "skilt": "[bilnummer]",
    "eiendom": "[gnr/bnr]",
    "bolig": "[bolignummer]",
}
HVA = {
    "epost": "en e-postadresse",
    "lenke": "en lenke",
    "brukernavn": "et brukernavn",
    "personnummer": "et fødselsnummer eller et annet langt nummer",
    "nummer": "et organisasjonsnummer eller et annet langt nummer",
    "telefon": "et telefonnummer",
    "postnummer": "et postnummer med sted",
    "postnr": "et postnummer",
    "adresse": "en adresse",
    "dato": "en dato",
    "uke": "et ukenummer",
    "skrift": "et ord på et annet skriftsystem",
    "referanse": "et saksnummer, journalnummer eller et annet referansenummer",
    "skilt": "et bilnummer",
    "eiendom": "et gårds- og bruksnummer",
    "bolig": "et bolignummer",
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
            # Fødselsnummer and D-nummer with or without a sign between the date and the
            # rest ("120312-12345", "520312 123 45"), account numbers, any 11 digits or more.
            r"(?P<personnummer>(?<![\d.])(?:\d{6}[ ./-]?\d{5}|\d{6}[ .-]?\d{3}[ .]\d{2}"
            r"|\d{4}[ .]\d{2}[ .]\d{5}|\d{11,})(?![\d]))",
            # An organisation number ("987 654 321", "987654321") or another run of 9–10 digits.
            r"(?P<nummer>(?<![\d.,])(?:\d{3}[ .]\d{3}[ .]\d{3}|\d{9,10})(?![\d]|[ .,]\d))",
            r"(?P<iso>(?<![\d.-])(?P<iso_a>\d{4})(?P<iso_s>[-./])(?P<iso_m>\d{1,2})(?P=iso_s)"
            r"(?P<iso_d>\d{1,2})(?!\d))",
            r"(?P<num>(?<![\d.,/-])(?P<num_d>\d{1,2})[./-](?P<num_m>\d{1,2})[./-]"
            r"(?P<num_a>\d{4}|\d{2})(?![\d]|[./-]\d))",
            # The first day of a range: "2.–6. november", "2. til 6. november", "2.-6.11.".
            rf"(?P<spenn>(?<![\d.,:])(?P<spenn_d>\d{{1,2}})\.?(?=[ \t]?(?:[–-]|til[ \t]|og[ \t])"
            rf"[ \t]?\d{{1,2}}(?:\.?[ \t]?(?i:{_MND})\b|\.\d{{1,2}}(?:\.(?:\d{{4}}|\d{{2}}))?"
            rf"(?![\d]|[.,]\d))))",
            rf"(?P<tekst>(?<![\d.,])(?P<tekst_d>\d{{1,2}})\.?\s?(?i:(?P<tekst_m>{_MND}))\b\.?"
            r"(?:\s(?P<tekst_a>\d{4})(?!\d))?)",
            r"(?P<kort>(?<![\d.,:])(?P<kort_d>\d{1,2})\.(?P<kort_m>\d{1,2})\.?(?![\d]|[.,]\d))",
            # A month with a year: "mars 2012", "okt -26", "oktober '26".
            rf"(?P<mndaar>(?<![\w])(?i:(?P<mndaar_m>{_MND}))\.?(?:\s(?P<mndaar_a>\d{{4}})"
            r"|[ \t]?[-–'’][ \t]?\d{2})(?!\d))",
            # 3-2-3, 2-2-2-2, 2-3-3 and 4-4, with spaces, hyphens or dots between.
            r"(?P<telefon>(?<![\w+])(?:(?:\+|00) ?47[ .-]?)?"
            r"(?:[2-9]\d{2}[ -]?\d{2}[ -]?\d{3}|[2-9]\d[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}"
            r"|[2-9]\d{2}\.\d{2}\.\d{3}|[2-9]\d\.\d{2}\.\d{2}\.\d{2}|[2-9]\d \d{3} \d{3}"
            r"|[2-9]\d{3}[ -]?\d{4})(?![\w]|[ .-]\d))",
            # "Postnr. 0150", "postnummer: 0150": the number alone.
            r"(?P<postnr>(?<![\w])(?i:post(?:nr|nummer|nummeret))\.?:?[ \t]*"
            r"(?P<postnr_nr>\d{4})(?!\d))",
            # "Postboks 123 Sentrum", "Pb. 45".
            rf"(?P<postboks>(?<![\w])(?i:postboks|pb\.)[ \t]*\d{{1,5}}(?![\d])"
            rf"(?:[ \t]+[{_STOR}][{_LITEN}]+(?![\w]))?)",
            rf"(?P<postnummer>(?<![\d.,:])\b(?P<post_nr>\d{{4}})\s(?P<post_sted>[{_STOR}]"
            rf"[{_LITEN}{_STOR}-]+(?:\s[{_STOR}][{_LITEN}-]+)?))",
            # "Storgata 12B", "Bjørnstjerne Bjørnsons gate 10", "Kong Oscars gate 3 H0203".
            rf"(?P<adresse>\b(?:[{_STOR}][\w.-]*(?:{_GATE})|(?:[{_STOR}][\w.'’-]*\s){{1,3}}"
            rf"(?:gate|gata|vei|veien|veg|vegen|allé|alle|plass|terrasse))\s\d{{1,4}}"
            r"(?:\s?[A-Za-z])?\b(?:,?[ \t]+(?:leil(?:ighet)?\.?[ \t]*)?[HULK]\d{4}\b)?)",
            rf"(?P<domene>(?<![\w@.-])(?:[\w-]+\.)+(?:{_TOPPDOMENER})\b(?:/[^\s<>«»\"]*)?)",
        )
    )
)
# Rarer kinds, each searched on its own, only in a text that holds what they need (one
# alternation of every kind is slower, and a kind that fails must not hide another's text).
# After a service (also "Roblox-navn"): after a colon the word there, else a word with a
# digit, a dot, an underscore or a # ("på Snap som sara.n", "Snapchat amin.h2012", "Discord
# (aminh#1234)", "Brukernavn amin12").
_TJENESTE = re.compile(
    rf"(?<![\w])(?i:{_TJENESTER})(?:-(?i:navn|navnet|brukernavn|id|tag))?(?:[ \t]*(?:\(|"
    r"(?P<kolon>:|=)|[ \t](?:er|heter|som|navn|brukernavn)[ \t]*:?)|[ \t]+)[ \t]*"
    r"(?P<navn>[^\W_][\w.#]*[^\W_]|[^\W_])"
)
# Any word joined with an underscore is a user name: no word is written so.
_STREK = re.compile(r"(?<![\w@.])[^\W_]+(?:[_.][^\W_]+)*_[^\W_]+(?:[_.][^\W_]+)*(?![\w@])")
# A name with a Discord tag: "aminh#1234".
_EMERKE = re.compile(r"(?<![\w@.#])[^\W_][\w.]*#\d{4}(?![\w#])")
# A date written the English way, month first, as in a forwarded e-mail: "Nov 13, 2026",
# "October 3rd", "Dec 1". A Norwegian month first needs a year or an ending ("i mai 3 ganger").
_ENGELSKE_MAANEDER = {
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "october": 10,
    "december": 12,
    "oct": 10,
    "dec": 12,
}
_MND_FORST = re.compile(
    rf"(?<![\w])(?i:(?P<m>{'|'.join(_ENGELSKE_MAANEDER)}|{_MND}))\.?[ \t]+(?P<d>\d{{1,2}})"
    r"(?P<ending>st|nd|rd|th)?(?:,?[ \t]+(?P<a>\d{4}))?(?![\w]|[.,]\d)"
)
# A day of the month alone after "den" (or a weekday), where no month follows: "tirsdag den
# 13.", "den 13. kl 10", "fra den 3. og ut uka". "den 3. timen" is no date.
_DEN_DAG = re.compile(
    r"(?<![\w])(?P<a>(?i:den|d\.)[ \t]+\d{1,2}\.)"
    r"(?=[ \t]*(?:$|[,;:)!?\n]|(?i:kl|klokka|klokken|og[ \t]+ut|om)\b))"
    r"|(?<![\w])(?i:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)[ \t]+"
    r"(?P<b>(?i:den|d\.)[ \t]+\d{1,2}\.?)(?![\d.]|[ \t]*[\w(])"
)
# A day and a month with a slash, no year: a date only where the words say so. A second one
# after a dash may follow: "2/11-6/11".
_SKRAA = re.compile(
    r"(?<![\d.,/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:[ \t](?P<a>\d{4}))?"
    r"(?![\d/]|[.,]\d|-\d(?!\d?/))"
)
_UKE = re.compile(
    r"(?<![\w])(?i:uke|uka|ukene|veke|veka|vekene)(?:[ \t]+nr\.?)?[ \t]*"
    r"\d{1,2}(?:[ \t]*(?:[–/-]|,|og|til)[ \t]*\d{1,2})*(?![\d,.]\d)"
)
# A number after a word for a case, a record, a card or a reference: "journalnr. 12345",
# "NAV-saksnr 2026/12345", "Vår ref: 26/01234-3", "Pasient-ID 7654321", "vedtak nr 12345",
# "Passnummer FN1234567", "Bibliotekkort 123456": any word ending in "nr", "nummer" or "kort".
# The number alone is replaced (three digits or more), so the text still says what it was.
_REFERANSEORD = (
    r"\w*nr|\w*nummer(?:et)?|\w*kort|journal-nr|j\.nr|sak-nr|arkivsak|ref|ref\.nr|referanse|"
    r"pasient-?id|vedtak[ \t]?nr|sak[ \t]?nr|id-?nr|id"
)
_REFERANSE = re.compile(
    rf"(?<![\w])(?:\w+-)?(?i:{_REFERANSEORD})\.?(?:[ \t]*(?::|#|(?i:nr|no|nummer)\.?))*[ \t]*"
    r"(?P<nr>[A-Za-zÆØÅæøå]{0,3}\d(?:[\d/.\-]*\d)?(?:[ \t]\d{2,})*)(?![\w]|[/.\-]\d)"
)
# A Norwegian number plate: two capitals (never I, M, O or Q) and four or five digits, "EL 12345".
_SKILT = re.compile(r"(?<![\w-])[A-HJKLNPR-ZÆØÅ]{2}[ \t-]?(?P<nr>\d{4,5})(?![\w]|[.,]\d)")
# A dwelling's number ("bolignummer"): a floor letter and four digits, "H0203".
_BOLIG = re.compile(r"(?<![\w-])[HULK]0\d{3}(?![\w]|[.,]\d)")
# A property's gårds- and bruksnummer: "Gnr 12 Bnr 34", "gnr./bnr. 12/34", "bnr. 5".
_EIENDOMSORD = (
    r"(?i:g\.?[ \t]?nr|gårdsnr|gårdsnummer|gardsnr|b\.?[ \t]?nr|bruksnr|bruksnummer|festenr|"
    r"festenummer|seksjonsnr|seksjonsnummer)\.?"
)
_EIENDOM = re.compile(
    rf"(?<![\w]){_EIENDOMSORD}(?:[ \t]*[,/:]?[ \t]*(?:{_EIENDOMSORD}|\d+(?:[ \t]*/[ \t]*\d+)*))*"
    r"(?<=\d)"
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
    r"[ \t]*(?:av|del|deler|time|timen|timer|timene|dag|dagen|dager|uke|uka|uken|uker|"
    r"poeng|riktige|riktig|rette|oppgaver)\b"
)
# After a day and a month with a slash that is a date: the end of a sentence or a text
# ("Sms fra mor 3/11."), another date ("2/11-6/11"), a time ("3/11 kl 08.15").
_ETTER_SKRAA = re.compile(
    r"[ \t]*(?:$|[.!?;)\n]|[–-][ \t]*\d{1,2}/\d{1,2}|,?[ \t]*(?:kl|klokka|klokken)\b)",
    re.IGNORECASE,
)
# Before a day and a month with a slash that is a score: "fikk 7/10", "skåre 12/20".
_FOR_SKAAR = re.compile(
    r"\b(?:fikk|får|skåre|skår|score|poeng|resultat|resultatet|riktig|riktige|rett|mestret|"
    r"klarte|løste)\b[^.!?\n]{0,12}$",
    re.IGNORECASE,
)
# The fractions people write: "1/2", "1/3", "2/3", "1/4", "3/4".
_BROKER = {(1, 2), (1, 3), (2, 3), (1, 4), (3, 4)}
# Words for a birth before a date: the date is a date of birth.
_FODSEL = re.compile(
    r"(?<!\w)(?:født|fødd|f\.|fødselsdag\w*|fødselsdato\w*|fdato|f\.[ \t]?dato|bursdag\w*|"
    r"fødselsår\w*|fylte|fyller|ble[ \t]+\d{1,2}(?:[ \t]+år)?)(?!\w)[^.!?\n]{0,30}$",
    re.IGNORECASE,
)
# A year after a word for a birth: "født 2012", "f. 2012", "født i 2012", "fødselsår: 2012".
_FODT_AAR = re.compile(
    r"(?<!\w)(?:født|fødd|f\.|fødselsår(?:et)?|årskull)(?:[ \t]+(?:i|år|året|er|var))?"
    r"(?:[^.!?\n\d]{0,30}?[ \t](?:i|år|året))?[ \t]*:?"
    r"[ \t]*(?P<aar>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
# A date written with six or eight digits, after a word for a birth: "f.dato 030312".
_DDMMAA = re.compile(r"(?<![\d.,/-])(?P<d>\d{2})(?P<m>\d{2})(?P<a>\d{2}|\d{4})(?![\d])")
# Between two dates of a period: "14/9–20/9", "5.11. til 9.11.".
_MELLOM_DATOER = re.compile(r"[ \t]*(?:[–-]|til|og)[ \t]*$")
_TALL = re.compile(r"\d{1,2}")
# Two years joined by a dash are a span of years, no phone number: "skoleåret 2026-2027".
_AARSPENN = re.compile(r"(?:19|20)\d\d[ \t]?[-–/][ \t]?(?:19|20)\d\d")
# An amount of money is no phone number: "kr 25 000 000", "25 000 000 kr".
_PENGER_FOR = re.compile(r"(?:\bkr\.?|\bNOK)[ \t]*$", re.IGNORECASE)
_PENGER_ETTER = re.compile(r"[ \t]*(?:kr\b|kroner|NOK|,-)", re.IGNORECASE)
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


# A date without a year is the last one on or before the form's date (a form tells what has
# happened), unless the next one comes within this many days after it (a plan's dates).
FRAMOVER_DAGER = 92


def _uten_aar(kandidater: list[date], referanse: date) -> date | None:
    """Of the same day in the years around `referanse`: the one a text without a year means."""
    framover = [d for d in kandidater if referanse < d <= referanse + timedelta(FRAMOVER_DAGER)]
    if framover:
        return min(framover)
    return max((d for d in kandidater if d <= referanse), default=None)


def _lag_dato(dag: int, maaned: int, aar: int | None, referanse: date | None) -> date | None:
    """Return the date; without a year, the one `_uten_aar` gives. None if it cannot be."""
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
    return _uten_aar(kandidater, referanse)


def _gyldig(dag: int, maaned: int) -> bool:
    return 1 <= dag <= 31 and 1 <= maaned <= 12


def _mandag(uke: int, referanse: date | None) -> date | None:
    """The Monday of calendar week `uke` that a text means (`_uten_aar`); None without one.

    The week of the form's date is that week.
    """
    if referanse is None:
        return None
    kandidater = []
    for aar in (referanse.year - 1, referanse.year, referanse.year + 1):
        try:
            kandidater.append(date.fromisocalendar(aar, uke, 1))
        except ValueError:
            continue
    mandag = referanse - timedelta(referanse.weekday())
    return _uten_aar(kandidater, mandag)


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


def finn(
    tekst: str, referanse: date | None = None, *, andre_skrifter: bool = True
) -> list[Identifikator]:
    """Return every identifier in `tekst`, in order; `referanse` gives a date without a year one.

    Where two overlap, the one that starts first (then the longer) is kept.
    Without `andre_skrifter` a word of another script is not one (the
    anonymiser replaces such words after the names, so a name written so in a
    field of names becomes its role).
    """
    funnet = _vanlige(tekst, referanse) + _sjeldne(tekst, referanse, andre_skrifter)
    # At the same start the longer is kept; of two as long, not a phone number ("ref. 2026-0345"
    # is a reference number).
    funnet.sort(key=lambda f: (f[0].start, -f[0].slutt, f[0].art == "telefon"))
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


def _sjeldne(
    tekst: str, referanse: date | None, andre_skrifter: bool
) -> list[tuple[Identifikator, bool]]:
    """User names after a service or with an underscore, slash dates, calendar weeks, years and
    dates of birth written as digits, and words of other scripts.

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
            any(t.isdigit() or t in "._#" for t in navn)
            or (m["kolon"] and not ord_etter and not navn[:1].isupper())
        ):
            continue  # "Snap er vanskelig", "Snap: mye bruk om kvelden", "Fortnite er 3 …"
        ut.append((Identifikator(m.start("navn"), slutt, "brukernavn", navn), False))
    if "_" in tekst:
        ut += [
            (Identifikator(*m.span(), "brukernavn", m.group()), False)
            for m in _STREK.finditer(tekst)
        ]
    if "#" in tekst:
        ut += [
            (Identifikator(*m.span(), "brukernavn", m.group()), False)
            for m in _EMERKE.finditer(tekst)
        ]
    siffer = _SIFFER.search(tekst) is not None
    if siffer:
        ut += _numre(tekst, lav)
    if "/" in tekst:
        ut += _skraa(tekst, referanse)
    for m in _MND_FORST.finditer(tekst) if siffer else ():
        navn = m["m"].lower()
        maaned = _ENGELSKE_MAANEDER.get(navn) or _MAANEDER[navn]
        if (navn in _ENGELSKE_MAANEDER or m["a"] or m["ending"]) and _gyldig(int(m["d"]), maaned):
            dato = _lag_dato(int(m["d"]), maaned, _aar(m["a"], referanse), referanse)
            ut.append((_dato(tekst, *m.span(), dato), False))
    if "den" in lav or "d." in lav:
        ut += [
            (Identifikator(*m.span(g), "dato", m[g], None, False), False)
            for m in _DEN_DAG.finditer(tekst)
            for g in ("a" if m["a"] else "b",)
        ]
    if "uk" in lav or "vek" in lav:
        for m in _UKE.finditer(tekst):
            ut += [(uke, False) for uke in _uker(m, referanse)]
    if "fø" in lav or "f." in lav or "bursdag" in lav or "årskull" in lav:
        ut += [(f, False) for f in _fodsel(tekst, referanse)]
    if andre_skrifter and not tekst.isascii():
        ut += [
            (Identifikator(*m.span(), "skrift", m.group()), False)
            for m in ANNEN_SKRIFT.finditer(tekst)
        ]
    return ut


_SIFFER = re.compile(r"\d")
_DATOLIK = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")


def _numre(tekst: str, lav: str) -> list[tuple[Identifikator, bool]]:
    """Numbers after a word for a case or a reference, number plates and gnr/bnr."""
    ut: list[tuple[Identifikator, bool]] = []
    nr = "nr" in lav
    ord_for_nummer = nr or "num" in lav or "kort" in lav or "ref" in lav or "id" in lav
    for m in _REFERANSE.finditer(tekst) if ord_for_nummer else ():
        ord_ = tekst[m.start() : m.start("nr")].lower()
        if "telefon" in ord_ or "tlf" in ord_ or "mobil" in ord_:
            continue  # "Telefonnummer 912 34 567": a phone number
        if sum(t.isdigit() for t in m["nr"]) >= 3 and not _DATOLIK.fullmatch(m["nr"]):
            ut.append((Identifikator(*m.span("nr"), "referanse", m["nr"]), False))
    for m in _SKILT.finditer(tekst):
        if not (len(m["nr"]) == 4 and m["nr"][:2] in ("19", "20")):  # "EU 2025": a year
            ut.append((Identifikator(*m.span(), "skilt", m.group()), False))
    for m in _BOLIG.finditer(tekst):
        ut.append((Identifikator(*m.span(), "bolig", m.group()), False))
    for m in _EIENDOM.finditer(tekst) if nr or "nummer" in lav else ():
        ut.append((Identifikator(*m.span(), "eiendom", m.group()), False))
    return ut


def _skraa(tekst: str, referanse: date | None) -> list[tuple[Identifikator, bool]]:
    """Each day and month with a slash ("14/9") that is a date, and whether it counts only
    right after another date.

    A date after a word of time ("siden 14/9") or of a birth ("Bursdag 3/11"),
    with a year, before a time ("3/11 kl 08.15"), a dash and a date ("2/11-6/11"),
    or the end of a sentence ("Sms fra mor 3/11."). A fraction ("1/2 time",
    "3/4 av timene", "1/2" alone) or a score ("fikk 7/10") is none.
    """
    ut: list[tuple[Identifikator, bool]] = []
    for m in _SKRAA.finditer(tekst):
        dag, maaned = int(m["d"]), int(m["m"])
        start, slutt = m.span()
        if not _gyldig(dag, maaned) or _ETTER_BROK.match(tekst, slutt):
            continue  # "1/2 time", "3/4 av timene": a fraction
        foran = max(0, start - 45)
        if _FOR_SKAAR.search(tekst, foran, start):
            continue  # "fikk 7/10": a score
        fast = (
            m["a"]
            or _FOR_SKRAA.search(tekst, max(0, start - 16), start)
            or _FODSEL.search(tekst, foran, start)
            or (_ETTER_SKRAA.match(tekst, slutt) and (dag, maaned) not in _BROKER)
        )
        dato = _lag_dato(dag, maaned, _aar(m["a"], referanse), referanse)
        ut.append((_dato(tekst, start, slutt, dato), not fast))
    return ut


def _fodsel(tekst: str, referanse: date | None) -> list[Identifikator]:
    """A year after a word for a birth ("født 2012"), and a date of six or eight digits after
    one ("f.dato 030312"): each a date of birth."""
    ut = [
        Identifikator(m.start("aar"), m.end(), "dato", m["aar"], None, True)
        for m in _FODT_AAR.finditer(tekst)
    ]
    for m in _DDMMAA.finditer(tekst):
        dag, maaned = int(m["d"]), int(m["m"])
        start, slutt = m.span()
        if _gyldig(dag, maaned) and _FODSEL.search(tekst, max(0, start - 45), start):
            dato = _lag_dato(dag, maaned, _aar(m["a"], referanse), referanse)
            ut.append(Identifikator(start, slutt, "dato", m.group(), dato, True))
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
        elif art == "telefon":
            if (
                _AARSPENN.fullmatch(m.group())
                or _PENGER_FOR.search(tekst, max(0, start - 8), start)
                or _PENGER_ETTER.match(tekst, slutt)
            ):
                continue  # "skoleåret 2026-2027", "kr 25 000 000"
        elif art == "postnr":
            start = m.start("postnr_nr")
        elif art == "postboks":
            art = "adresse"
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
        dag = ident.tekst.rstrip(".")
        if ident.art == "dato" and ident.dato is None and dag.isdigit() and len(dag) <= 2:
            neste = funnet[i + 1] if i + 1 < len(funnet) else None
            if neste is None or neste.art != "dato" or neste.dato is None:
                continue  # no date ends the range: "2." alone is no date
            ident = _med_maaned(ident, neste)
        ut.append(ident)
    return ut

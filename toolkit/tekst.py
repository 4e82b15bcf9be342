"""Norwegian wording in one place: dates, numbers, percentages, lists, plurals, names.

Everything a document, a message or the terminal shows goes through these
functions, so the same figure is always written the same way. Numbers,
percentages and lists come from Babel's Norwegian bokmål locale.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

LOCALE = "nb_NO"
NBSP = "\u00a0"

UKEDAGER = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
UKEDAGER_FLERTALL = (
    "mandager",
    "tirsdager",
    "onsdager",
    "torsdager",
    "fredager",
    "lørdager",
    "søndager",
)


def dag(d: date) -> date:
    """Return `d` as a date (a datetime loses its time)."""
    return d.date() if isinstance(d, datetime) else d


def dato(d: date) -> str:
    """Return `d` as dd.mm.åååå."""
    d = dag(d)
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def maaned(d: date) -> str:
    """Return the month and year of `d`: "mars 2027"."""
    return format_date(dag(d), "MMMM y", locale=LOCALE)


def tall(verdi: float, desimaler: int = 0) -> str:
    """Return a number the Norwegian way: "13,6", "1 200" (no-break space)."""
    monster = "#,##0." + "0" * desimaler if desimaler else "#,##0"
    return format_decimal(verdi, format=monster, locale=LOCALE).replace("\u202f", NBSP)


def prosent(verdi: float, desimaler: int = 1) -> str:
    """Return a percentage given in percent: 13.64 → "13,6 %" (a no-break space before %)."""
    return f"{tall(verdi, desimaler)}{NBSP}%"


def liste(deler: Iterable[str]) -> str:
    """Join as Norwegian prose: "a, b og c"."""
    deler = [d for d in deler if d]
    if not deler:
        return ""
    return format_list(deler, locale=LOCALE)


def flertall(antall: int, entall: str, flertall_: str) -> str:
    """Return "1 dag" or "3 dager"."""
    return f"{antall} {entall if antall == 1 else flertall_}"


def av(antall: int, helhet: int, enhet: str) -> str:
    """Return "3 av 5 timer": a share as the counts it rests on."""
    return f"{antall} av {helhet} {enhet}"


def stor_forbokstav(tekst: str) -> str:
    """Return `tekst` with its first letter in upper case."""
    return tekst[:1].upper() + tekst[1:]


def liten_forbokstav(navn: str) -> str:
    """Return "matematikk" for "Matematikk" inside a sentence; "KRLE" stays."""
    if len(navn) > 1 and navn[1:] == navn[1:].lower():
        return navn[0].lower() + navn[1:]
    return navn


def genitiv(navn: str) -> str:
    """Return the Norwegian genitive of a name: Amin → Amins, Jonas → Jonas'.

    A name that ends in s, x or z takes an apostrophe only.
    """
    navn = navn.strip()
    if not navn:
        return ""
    if navn[-1].lower() in "sxz":
        return navn + "'"
    return navn + "s"


def fornavn(navn: str) -> str:
    """Return the first name: the first word of the name as written."""
    deler = navn.split()
    return deler[0] if deler else ""


def en_linje(tekst: str) -> str:
    """Return `tekst` with all white space folded to single spaces."""
    return " ".join(tekst.split())


def kort(tekst: str, maks: int) -> str:
    """Return `tekst` on one line, cut at `maks` characters with an ellipsis."""
    tekst = en_linje(tekst)
    return tekst if len(tekst) <= maks else tekst[: maks - 1] + "…"


def enkel(verdi: object) -> str:
    """Return `verdi` as text for comparing: spaces collapsed, case folded."""
    return " ".join(str(verdi or "").split()).casefold()


def finn_i(sokt: object, tekster: list[str]) -> int | None:
    """Return the index of the one text in `tekster` that `sokt` names, or None.

    The same text counts (spaces and case aside), or else the one text it begins
    or is the beginning of, so that a long measure cut short in a cell still
    finds its row.
    """
    sokt_ = enkel(sokt)
    if not sokt_:
        return None
    like = [i for i, t in enumerate(tekster) if enkel(t) == sokt_]
    if len(like) == 1:
        return like[0]
    begynner = [
        i for i, t in enumerate(tekster) if enkel(t).startswith(sokt_) or sokt_.startswith(enkel(t))
    ]
    return begynner[0] if len(begynner) == 1 else None

"""The school calendar: which days are school days.

A school day is a weekday inside the school year that is neither a Norwegian
public holiday (the `holidays` package) nor in one of the school's breaks
(from the settings, or the common calendar; see `toolkit.innstillinger`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from toolkit.innstillinger import Skolear
from toolkit.tekst import UKEDAGER, dag, dato

# A function from a day to the school calendar to count it in (`Innstillinger.skolear_for`).
SkolearFor = Callable[[date], Skolear]

# How far `neste_skoledag` looks before it gives up (the summer holiday is the longest break).
_MAKS_DAGER_FREM = 120


@cache
def _helligdager(fra_ar: int, til_ar: int) -> dict[date, str]:
    import holidays

    dager = holidays.country_holidays("NO", years=range(fra_ar, til_ar + 1), language="no")
    return {d: str(navn) for d, navn in dager.items()}


def helligdag(d: date) -> str | None:
    """Return the name of the Norwegian public holiday on `d`, or None."""
    d = dag(d)
    return _helligdager(d.year, d.year).get(d)


def skoledager(skolear: Skolear, fra: date, til: date) -> list[date]:
    """Return the school days from `fra` to `til`, both included."""
    fra, til = max(dag(fra), skolear.start), min(dag(til), skolear.slutt)
    if til < fra:
        return []
    fri = _helligdager(fra.year, til.year)
    dager = []
    d = fra
    while d <= til:
        if d.weekday() < 5 and d not in fri and skolear.i_ferie(d) is None:
            dager.append(d)
        d += timedelta(days=1)
    return dager


def _i_ferien(navn: str) -> str:
    liten = navn.strip().lower()
    if liten.endswith("ferie"):
        return f"i {liten}n"
    return f"en fridag for elevene ({navn.strip()})"


def ikke_skoledag(skolear: Skolear, d: date) -> str | None:
    """Say why `d` is not a school day ("en lørdag", "i høstferien"), or None if it is."""
    d = dag(d)
    if d < skolear.start:
        return f"før første skoledag i skoleåret ({dato(skolear.start)})"
    if d > skolear.slutt:
        return f"etter siste skoledag i skoleåret ({dato(skolear.slutt)})"
    if d.weekday() >= 5:
        return f"en {UKEDAGER[d.weekday()]}"
    navn = helligdag(d)
    if navn:
        return f"en helligdag ({navn})"
    ferie = skolear.i_ferie(d)
    if ferie is not None:
        return _i_ferien(ferie.navn)
    return None


def fridag(skolear: Skolear, d: date) -> str | None:
    """Say why `d` is a day off inside the school year (weekend, holiday, break), or None.

    Unlike `ikke_skoledag`, a day outside the school year is not a day off here:
    a meeting may well be held before the first school day.
    """
    d = dag(d)
    if d.weekday() >= 5:
        return f"en {UKEDAGER[d.weekday()]}"
    navn = helligdag(d)
    if navn:
        return f"en helligdag ({navn})"
    if skolear.start <= d <= skolear.slutt:
        ferie = skolear.i_ferie(d)
        if ferie is not None:
            return _i_ferien(ferie.navn)
    elif skolear.slutt < d:
        return "i sommerferien"
    return None


def neste_skoledag(d: date, skolear_for: SkolearFor) -> date:
    """Return `d`, or the first school day after it (across the summer holiday too)."""
    d = dag(d)
    for _ in range(_MAKS_DAGER_FREM):
        kalender = skolear_for(d)
        if d < kalender.start:
            d = kalender.start
        if kalender.start <= d <= kalender.slutt and ikke_skoledag(kalender, d) is None:
            return d
        d += timedelta(days=1)
    return d

"""The absence picture in numbers: figures, patterns and early warnings from an absence log.

Pure functions, no I/O and no words (the words are in `ord.py`). The input is
the rows of an absence table (one mapping per row; the column names are given
by `Kolonner`), the school calendar and the thresholds of the settings.

How the figures are counted (decided here, and said in the report):
- Whole days, single hours and times late are counted apart; hours are never
  turned into days.
- A date registered more than once as a whole day counts as one day, in every
  figure (`sjekk` warns about the second row).
- Single hours without a number of hours count as 0 hours (the row still
  counts as a registration, and `enkelttimer_uten_timer` says how many).
- School days are the weekdays of the school year, minus Norwegian public
  holidays and minus the school's breaks (see `toolkit.kalender`).
- The percentage is whole days absent on school days from the first school
  day up to and including the form's date, over the school days in the same
  span. A whole day on a day that is not a school day is in the number of
  days, not in the percentage (`sjekk` warns about such rows).
- A half-year is autumn (school start to 31.12) or spring (1.1 to school
  end); a month is a calendar month.
- A run is whole days absent on consecutive school days: weekends, holidays
  and breaks between them do not break it. A short absence is a run of 1–3
  school days.
- A row naming several subjects or teachers ("Norsk, matematikk", "HB/KS")
  counts for each of them, so the figures per subject can add up to more than
  the whole.
- Patterns (weekday, subject, teacher) leave out rows whose reason is an
  appointment (a doctor, BUP, a dentist): an appointment says nothing about
  a subject or a teacher.
- A threshold is passed when the figure reaches it (10 % or more, 10 hours or
  more, 3 times or more), except days in a row, which must be more than the
  threshold ("more than 5 school days in a row"). A threshold of 0 is off.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from toolkit.innstillinger import Skolear, Terskler
from toolkit.kalender import skoledager
from toolkit.modell import Verdi
from toolkit.tekst import dag as _dag

UKEDAGER = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag")
IKKE_OPPGITT = "Årsak ikke oppgitt"
KORT_FRAVAER = 3  # a short absence is a run of at most this many school days
_SKILLE = re.compile(r"\s*[,;/+&]\s*")


@dataclass(frozen=True)
class Kolonner:
    """Which columns of the table hold what, and the values of the `omfang` column."""

    dato: str = "dato"
    omfang: str = "omfang"
    timer: str = "timer"
    fag: str = "fag"
    laerer: str = "laerer"
    arsak: str = "arsak"
    dokumentert: str = "dokumentert"
    hel_dag: str = "Hel dag"
    enkelttimer: str = "Enkelttimer"
    for_sent: str = "For sent"
    # Reasons that are appointments: left out of the patterns by weekday, subject, teacher.
    avtaler: tuple[str, ...] = ()


@dataclass(frozen=True)
class Telling:
    """Absence for one weekday, subject, teacher or reason."""

    navn: str
    dager: int = 0
    timer: int = 0
    for_sent: int = 0
    registreringer: int = 0


@dataclass(frozen=True)
class Uke:
    """One week of the school year (ISO week), with its school days and absence."""

    ar: int
    nummer: int
    mandag: date
    skoledager: int
    dager: int = 0
    timer: int = 0
    for_sent: int = 0


@dataclass(frozen=True)
class Periode:
    """Whole days absent on consecutive school days."""

    fra: date
    til: date
    dager: int


@dataclass(frozen=True)
class Varsel:
    """An early-warning threshold that is passed, and the figure that passed it.

    `art` is one of "prosent", "timer_halvar", "for_sent_maaned", "dager_pa_rad";
    `dato` is a day of the half-year or month, `periode` the run of days.
    """

    art: str
    grense: float
    tall: float
    dato: date | None = None
    periode: Periode | None = None


@dataclass(frozen=True)
class Fravaersbilde:
    """Everything the absence log says, in numbers."""

    til_dato: date
    registreringer: int = 0
    dager: int = 0
    timer: int = 0
    for_sent: int = 0
    enkelttimer_uten_timer: int = 0
    uten_dato: int = 0
    # The percentage: whole days on school days up to til_dato, over the school days.
    skoledager: int = 0
    dager_i_prosent: int = 0
    prosent: float | None = None
    prosent_til: date | None = None
    for_skolearet: bool = False  # til_dato is before the school year: no percentage
    etter_skolearet: bool = False  # til_dato is after it: the whole year
    skolear: Skolear | None = None
    dager_ikke_skoledag: int = 0
    dokumentert: Telling = field(default_factory=lambda: Telling("Dokumentert"))
    ikke_dokumentert: Telling = field(default_factory=lambda: Telling("Ikke dokumentert"))
    ikke_oppgitt: Telling = field(default_factory=lambda: Telling("Ikke oppgitt"))
    # Patterns (without appointments).
    ukedager: tuple[Telling, ...] = ()
    fag: tuple[Telling, ...] = ()
    laerere: tuple[Telling, ...] = ()
    for_sent_fag: tuple[Telling, ...] = ()
    monster_dager: int = 0  # whole days, hours and times late the patterns rest on
    monster_timer: int = 0
    monster_for_sent: int = 0
    avtaler: int = 0  # rows left out of the patterns as appointments
    arsaker: tuple[Telling, ...] = ()
    uker: tuple[Uke, ...] = ()
    perioder: tuple[Periode, ...] = ()
    korte_fravaer: tuple[Periode, ...] = ()
    lengste: Periode | None = None
    timer_halvar: tuple[tuple[date, int], ...] = ()  # (a day of the half-year, hours)
    for_sent_maaned: tuple[tuple[date, int], ...] = ()  # (a day of the month, times)
    varsler: tuple[Varsel, ...] = ()
    fra_dato: date | None = None
    siste_dato: date | None = None

    @property
    def tom(self) -> bool:
        return self.registreringer == 0


def _tall(verdi: Verdi) -> int:
    if isinstance(verdi, bool) or not isinstance(verdi, int):
        return 0
    return max(verdi, 0)


def navn_i(verdi: Verdi) -> list[str]:
    """Split "Norsk, matematikk" or "HB/KS" into the names it holds."""
    if not isinstance(verdi, str):
        return []
    return [n for n in (" ".join(d.split()) for d in _SKILLE.split(verdi)) if n]


def halvar(d: date) -> tuple[int, int]:
    """Return (year, 1 for spring or 2 for autumn)."""
    return (d.year, 2 if d.month >= 7 else 1)


class _Teller:
    """Counts days, hours and times late under names, keeping the first spelling."""

    def __init__(self, stor_forbokstav: bool = False) -> None:
        self.stor = stor_forbokstav
        self.navn: dict[str, str] = {}
        self.datoer: dict[str, set[date]] = {}
        self.timer: Counter[str] = Counter()
        self.for_sent: Counter[str] = Counter()
        self.registreringer: Counter[str] = Counter()

    def legg_til(self, navn: str, art: str, dag: date | None, timer: int) -> None:
        nokkel = navn.casefold()
        if nokkel not in self.navn:
            self.navn[nokkel] = navn[0].upper() + navn[1:] if self.stor else navn
        self.registreringer[nokkel] += 1
        if art == "dag" and dag is not None:
            self.datoer.setdefault(nokkel, set()).add(dag)
        elif art == "timer":
            self.timer[nokkel] += timer
        elif art == "sent":
            self.for_sent[nokkel] += 1

    def telling(self, nokkel: str, navn: str | None = None) -> Telling:
        return Telling(
            navn or self.navn.get(nokkel, nokkel),
            len(self.datoer.get(nokkel, ())),
            self.timer[nokkel],
            self.for_sent[nokkel],
            self.registreringer[nokkel],
        )

    def sortert(self) -> tuple[Telling, ...]:
        tellinger = [self.telling(k) for k in self.navn]
        return tuple(
            sorted(tellinger, key=lambda t: (-t.timer, -t.for_sent, -t.dager, t.navn.casefold()))
        )


def _art(omfang: object, k: Kolonner) -> str:
    if omfang == k.hel_dag:
        return "dag"
    if omfang == k.enkelttimer:
        return "timer"
    if omfang == k.for_sent:
        return "sent"
    return ""


def til_og_med(
    rader: Iterable[Mapping[str, Verdi]], dato: date, kolonner: Kolonner | None = None
) -> list[Mapping[str, Verdi]]:
    """Return the rows dated up to and including `dato`, and the rows with no date.

    The mapping's picture is of the absence up to the mapping; rows after it
    belong to the follow-up, counted meeting by meeting.
    """
    k = kolonner or Kolonner()
    dag = _dag(dato)
    return [
        rad for rad in rader if not isinstance(verdi := rad.get(k.dato), date) or _dag(verdi) <= dag
    ]


def beregn(
    rader: Iterable[Mapping[str, Verdi]],
    skolear: Skolear,
    terskler: Terskler,
    til_dato: date,
    kolonner: Kolonner | None = None,
) -> Fravaersbilde:
    """Return the figures, patterns and early warnings of an absence log.

    `til_dato` is the day the picture is made for (the form's date): the
    percentage counts school days from the start of the school year to it.
    """
    k = kolonner or Kolonner()
    til_dato = _dag(til_dato)
    rader = list(rader)
    alle_datoer: list[date] = []
    hele_dager: set[date] = set()
    timer = for_sent = uten_timer = uten_dato = avtaler = 0
    monster_dager: set[date] = set()
    monster_timer = monster_sent = 0
    dok = {True: _Teller(), False: _Teller(), None: _Teller()}
    ukedag = _Teller()
    fag, laerer, sent_fag = _Teller(True), _Teller(), _Teller(True)
    arsak = _Teller()
    halvar_timer: dict[tuple[int, int], int] = {}
    halvar_dag: dict[tuple[int, int], date] = {}
    maaned: dict[tuple[int, int], int] = {}
    maaned_dag: dict[tuple[int, int], date] = {}

    for rad in rader:
        art = _art(rad.get(k.omfang), k)
        antall = _tall(rad.get(k.timer)) if art == "timer" else 0
        if art == "timer" and not antall:
            uten_timer += 1
        verdi = rad.get(k.dato)
        dag = _dag(verdi) if isinstance(verdi, date) else None
        if dag is None:
            uten_dato += 1
        else:
            alle_datoer.append(dag)
        if art == "dag" and dag is not None:
            hele_dager.add(dag)
        timer += antall
        for_sent += art == "sent"

        dokumentert = rad.get(k.dokumentert)
        dok[dokumentert if isinstance(dokumentert, bool) else None].legg_til(
            "alle", art, dag, antall
        )
        grunn = rad.get(k.arsak)
        grunn = grunn.strip() if isinstance(grunn, str) and grunn.strip() else ""
        arsak.legg_til(grunn or IKKE_OPPGITT, art, dag, antall)
        if dag is not None and art == "timer":
            halvar_timer[halvar(dag)] = halvar_timer.get(halvar(dag), 0) + antall
            halvar_dag.setdefault(halvar(dag), dag)
        if dag is not None and art == "sent":
            nokkel = (dag.year, dag.month)
            maaned[nokkel] = maaned.get(nokkel, 0) + 1
            maaned_dag.setdefault(nokkel, dag)

        # The patterns: an appointment says nothing about a day, a subject or a teacher.
        if grunn and grunn in k.avtaler:
            avtaler += 1
            continue
        if art == "dag" and dag is not None:
            monster_dager.add(dag)
        monster_timer += antall
        monster_sent += art == "sent"
        if dag is not None and dag.weekday() < 5:
            ukedag.legg_til(UKEDAGER[dag.weekday()], art, dag, antall)
        for navn in navn_i(rad.get(k.fag)):
            fag.legg_til(navn, art, dag, antall)
            if art == "sent":
                sent_fag.legg_til(navn, art, dag, antall)
        for navn in navn_i(rad.get(k.laerer)):
            laerer.legg_til(navn, art, dag, antall)

    # The percentage, over the school days up to the form's date.
    skoledager_hittil: list[date] = []
    prosent: float | None = None
    if til_dato >= skolear.start:
        skoledager_hittil = skoledager(skolear, skolear.start, til_dato)
    dager_i_prosent = len(hele_dager & set(skoledager_hittil))
    if skoledager_hittil:
        prosent = 100 * dager_i_prosent / len(skoledager_hittil)
    alle_skoledager = skoledager(skolear, skolear.start, skolear.slutt)
    indeks = {d: i for i, d in enumerate(alle_skoledager)}
    perioder = _perioder(sorted(d for d in hele_dager if d in indeks), indeks)

    bilde = Fravaersbilde(
        til_dato=til_dato,
        registreringer=len(rader),
        dager=len(hele_dager),
        timer=timer,
        for_sent=for_sent,
        enkelttimer_uten_timer=uten_timer,
        uten_dato=uten_dato,
        skoledager=len(skoledager_hittil),
        dager_i_prosent=dager_i_prosent,
        prosent=prosent,
        prosent_til=min(til_dato, skolear.slutt) if prosent is not None else None,
        for_skolearet=til_dato < skolear.start,
        etter_skolearet=til_dato > skolear.slutt,
        skolear=skolear,
        dager_ikke_skoledag=len([d for d in hele_dager if d not in indeks]),
        dokumentert=dok[True].telling("alle", "Dokumentert"),
        ikke_dokumentert=dok[False].telling("alle", "Ikke dokumentert"),
        ikke_oppgitt=dok[None].telling("alle", "Ikke oppgitt"),
        ukedager=tuple(ukedag.telling(n.casefold(), n) for n in UKEDAGER),
        fag=fag.sortert(),
        laerere=laerer.sortert(),
        for_sent_fag=sent_fag.sortert(),
        monster_dager=len(monster_dager),
        monster_timer=monster_timer,
        monster_for_sent=monster_sent,
        avtaler=avtaler,
        arsaker=tuple(
            sorted(arsak.sortert(), key=lambda t: (-t.registreringer, t.navn.casefold()))
        ),
        uker=_uker(skolear, alle_datoer, til_dato, rader, k),
        perioder=perioder,
        korte_fravaer=tuple(p for p in perioder if p.dager <= KORT_FRAVAER),
        lengste=max(perioder, key=lambda p: (p.dager, -p.fra.toordinal()), default=None),
        timer_halvar=tuple((halvar_dag[n], v) for n, v in sorted(halvar_timer.items())),
        for_sent_maaned=tuple((maaned_dag[n], v) for n, v in sorted(maaned.items())),
        fra_dato=min(alle_datoer, default=None),
        siste_dato=max(alle_datoer, default=None),
    )
    return _med_varsler(bilde, terskler)


def _perioder(dager: list[date], indeks: dict[date, int]) -> tuple[Periode, ...]:
    """Group whole days absent into runs of consecutive school days."""
    perioder: list[Periode] = []
    start = forrige = None
    lengde = 0
    for d in dager:
        if forrige is not None and indeks[d] == indeks[forrige] + 1:
            lengde += 1
        else:
            if start is not None and forrige is not None:
                perioder.append(Periode(start, forrige, lengde))
            start, lengde = d, 1
        forrige = d
    if start is not None and forrige is not None:
        perioder.append(Periode(start, forrige, lengde))
    return tuple(perioder)


def _uker(
    skolear: Skolear,
    datoer: list[date],
    til_dato: date,
    rader: list[Mapping[str, Verdi]],
    k: Kolonner,
) -> tuple[Uke, ...]:
    """Return every week from the school start (or first absence) to the form's date."""
    ende = [*datoer]
    if til_dato >= skolear.start:
        ende += [skolear.start, min(til_dato, skolear.slutt)]
    if not ende:
        return ()
    forste, siste = min(ende), max(ende)
    mandag = forste - timedelta(days=forste.weekday())
    skoledag = set(skoledager(skolear, forste - timedelta(days=7), siste + timedelta(days=7)))
    telling: dict[date, list[int]] = {}
    sett_hel: set[date] = set()
    for rad in rader:
        verdi = rad.get(k.dato)
        if not isinstance(verdi, date):
            continue
        d = _dag(verdi)
        uke = telling.setdefault(d - timedelta(days=d.weekday()), [0, 0, 0])
        art = _art(rad.get(k.omfang), k)
        if art == "dag" and d not in sett_hel:
            sett_hel.add(d)
            uke[0] += 1
        elif art == "timer":
            uke[1] += _tall(rad.get(k.timer))
        elif art == "sent":
            uke[2] += 1
    uker = []
    while mandag <= siste:
        ar, nummer, _ = mandag.isocalendar()
        dager, timer, sent = telling.get(mandag, [0, 0, 0])
        antall = sum(1 for i in range(5) if mandag + timedelta(days=i) in skoledag)
        uker.append(Uke(ar, nummer, mandag, antall, dager, timer, sent))
        mandag += timedelta(days=7)
    return tuple(uker)


def _med_varsler(bilde: Fravaersbilde, terskler: Terskler) -> Fravaersbilde:
    varsler = []
    if (
        terskler.prosent_dager
        and bilde.prosent is not None
        and bilde.prosent >= terskler.prosent_dager
    ):
        varsler.append(Varsel("prosent", terskler.prosent_dager, bilde.prosent))
    for dag, antall in bilde.timer_halvar:
        if terskler.enkelttimer_halvar and antall >= terskler.enkelttimer_halvar:
            varsler.append(Varsel("timer_halvar", terskler.enkelttimer_halvar, antall, dag))
    for dag, antall in bilde.for_sent_maaned:
        if terskler.for_sent_maaned and antall >= terskler.for_sent_maaned:
            varsler.append(Varsel("for_sent_maaned", terskler.for_sent_maaned, antall, dag))
    for periode in bilde.perioder:
        if terskler.dager_pa_rad and periode.dager > terskler.dager_pa_rad:
            varsler.append(
                Varsel("dager_pa_rad", terskler.dager_pa_rad, periode.dager, periode=periode)
            )
    return replace(bilde, varsler=tuple(varsler))

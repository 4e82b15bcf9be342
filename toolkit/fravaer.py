"""The absence picture: figures, patterns and early warnings from the absence log.

Pure functions, no I/O. The input is the `fravaer` table of a filled form (one
dict per row: dato, omfang, timer, fag, laerer, arsak, dokumentert, kommentar),
the school calendar and the thresholds from the settings.

How the figures are counted (decided here, and said in the report):
- Whole days ("Hel dag") and single hours ("Enkelttimer") are counted apart;
  hours are never turned into days. "For sent" is counted as times late.
- A date registered twice as "Hel dag" counts as one day.
- "Enkelttimer" without a number of hours counts as 0 hours (the row still
  counts as a registration, and `enkelttimer_uten_timer` says how many).
- School days are the weekdays from the first to the last pupil day of the
  school year, minus Norwegian public holidays (the `holidays` package) and
  minus the school's breaks from the settings.
- The percentage is whole days absent on school days from the first school
  day up to and including the mapping date, over the school days in the same
  span. A "Hel dag" on a day that is not a school day (a weekend, a public
  holiday, a break, or outside the school year) is in the number of days, but
  not in the percentage; `kalender_funn` warns about such rows.
- A half-year is autumn (school start to 31.12) or spring (1.1 to school
  end); a month is a calendar month.
- A run is whole days absent on consecutive school days: weekends, holidays
  and breaks between them do not break it (Friday and the next Monday are
  consecutive school days). A short absence is a run of 1–3 school days.
- A row naming several subjects or teachers ("Norsk, matematikk", "HB/KS")
  counts for each of them, so the figures per subject can add up to more than
  the whole.
- A threshold is passed when the figure reaches it (10 % or more, 10 hours or
  more, 3 times or more), except days in a row, which must be more than the
  threshold ("more than 5 school days in a row"). A threshold of 0 is off.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache

from toolkit.definisjon import Skjemadefinisjon
from toolkit.innstillinger import Skolear, Terskler
from toolkit.modell import Funn, Skjemadata, Verdi

HEL_DAG = "Hel dag"
ENKELTTIMER = "Enkelttimer"
FOR_SENT = "For sent"

UKEDAGER = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag")
_UKEDAGER_FLERTALL = ("mandager", "tirsdager", "onsdager", "torsdager", "fredager")
_DAGNAVN = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_MANEDER = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)

# The SNACK reasons of the form, sorted into the four types of absence
# (Heyne et al. 2019). Reasons that are none of the four (sick, appointment,
# weather, …) are "Andre årsaker".
FRAVAERSTYPER = ("Skolevegring", "Skulk", "Foreldremotivert fravær", "Skoleeksklusjon")
ANDRE_ARSAKER = "Andre årsaker"
IKKE_OPPGITT = "Årsak ikke oppgitt"
TYPE_FOR_ARSAK: dict[str, str] = {
    "Nektet å gå": "Skolevegring",
    "Skulket": "Skulk",
    "Foresatte ga fri": "Foreldremotivert fravær",
    "Foresatte holdt eleven hjemme": "Foreldremotivert fravær",
    "Ekstra ferie": "Foreldremotivert fravær",
    # Kept home because of the family's situation: school withdrawal in SNACK.
    "Akutt situasjon i familien": "Foreldremotivert fravær",
    "Andre vansker i familien": "Foreldremotivert fravær",
    "Skolen sendte eleven hjem": "Skoleeksklusjon",
    "Skolen ba eleven være hjemme": "Skoleeksklusjon",
}

KORT_FRAVAER = 3  # a short absence is a run of at most this many school days
# A weekday, subject or teacher is named as a pattern when it is the only
# largest, has at least 2, and holds at least this share of the whole.
MONSTER_ANDEL = 0.4
_SKILLE = re.compile(r"\s*[,;/+&]\s*")


# -- the calendar ------------------------------------------------------------------


@cache
def _helligdager(fra_ar: int, til_ar: int) -> dict[date, str]:
    import holidays

    dager = holidays.country_holidays("NO", years=range(fra_ar, til_ar + 1), language="no")
    return {dag: str(navn) for dag, navn in dager.items()}


def helligdag(dag: date) -> str | None:
    """Return the name of the Norwegian public holiday on `dag`, or None."""
    return _helligdager(dag.year, dag.year).get(dag)


def skoledager(skolear: Skolear, fra: date, til: date) -> list[date]:
    """Return the school days from `fra` to `til`, both included.

    A school day is a weekday inside the school year that is neither a public
    holiday nor in one of the school's breaks.
    """
    fra, til = max(_dag(fra), skolear.start), min(_dag(til), skolear.slutt)
    if til < fra:
        return []
    fri = _helligdager(fra.year, til.year)
    dager = []
    dag = fra
    while dag <= til:
        if dag.weekday() < 5 and dag not in fri and skolear.i_ferie(dag) is None:
            dager.append(dag)
        dag += timedelta(days=1)
    return dager


def ikke_skoledag(skolear: Skolear, dag: date) -> str | None:
    """Say why `dag` is not a school day ("en lørdag", "i høstferien"), or None if it is."""
    dag = _dag(dag)
    if dag < skolear.start:
        return f"før første skoledag i skoleåret ({formater_dato(skolear.start)})"
    if dag > skolear.slutt:
        return f"etter siste skoledag i skoleåret ({formater_dato(skolear.slutt)})"
    if dag.weekday() >= 5:
        return f"en {_DAGNAVN[dag.weekday()]}"
    navn = helligdag(dag)
    if navn:
        return f"en helligdag ({navn})"
    ferie = skolear.i_ferie(dag)
    if ferie is not None:
        return _i_ferien(ferie.navn)
    return None


def _i_ferien(navn: str) -> str:
    liten = navn.strip().lower()
    if liten.endswith("ferie"):
        return f"i {liten}n"
    return f"en fridag for elevene ({navn.strip()})"


def kalender_funn(definisjon: Skjemadefinisjon, data: Skjemadata, skolear: Skolear) -> list[Funn]:
    """Return a warning for each absence row dated on a day that is not a school day.

    That is: outside the school year, on a weekend, on a public holiday or in
    one of the school's breaks. Each warning has the row's date cell.
    """
    try:
        tabell = definisjon.tabell("fravaer")
        etikett = tabell.kolonne("dato").etikett
        ark = definisjon.del_for("fravaer").ark
    except KeyError:
        return []
    funn = []
    for i, rad in enumerate(data.tabeller.get("fravaer") or []):
        dag = rad.get("dato")
        if not isinstance(dag, date):
            continue
        hvorfor = ikke_skoledag(skolear, dag)
        if hvorfor is None:
            continue
        sted = data.celler.get(("fravaer", i, "dato"), (ark, ""))
        tekst = formater_dato(_dag(dag))
        funn.append(
            Funn(
                "advarsel",
                sted[0],
                sted[1],
                etikett,
                tekst,
                f"{tekst} er {hvorfor}, ikke en skoledag. Kontroller datoen. Fravær denne "
                "dagen telles ikke med i prosenten av skoledagene.",
            )
        )
    return funn


# -- the result ------------------------------------------------------------------


@dataclass(frozen=True)
class Telling:
    """Absence for one weekday, subject, teacher, reason or type."""

    navn: str
    dager: int = 0
    timer: int = 0
    for_sent: int = 0
    registreringer: int = 0


@dataclass(frozen=True)
class Andel:
    """`antall` of `av`: a count and the whole it is a share of."""

    navn: str
    antall: int
    av: int
    enhet: str

    @property
    def andel(self) -> float:
        return self.antall / self.av if self.av else 0.0

    def tekst(self) -> str:
        """Return e.g. "8 av 9 timer"."""
        return f"{self.antall} av {self.av} {self.enhet}"


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

    def tekst(self) -> str:
        if self.fra == self.til:
            return formater_dato(self.fra)
        return f"{formater_dato(self.fra)}–{formater_dato(self.til)}"


@dataclass(frozen=True)
class Varsel:
    """An early-warning threshold that is passed, with the figure that passed it."""

    navn: str
    terskel: str
    tall: str
    tekst: str


@dataclass(frozen=True)
class Fravaersbilde:
    """Everything the absence log says: figures, patterns and early warnings."""

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
    prosent_merknad: str = ""
    prosent_til: date | None = None
    dager_ikke_skoledag: int = 0
    dokumentert: Telling = field(default_factory=lambda: Telling("Dokumentert"))
    ikke_dokumentert: Telling = field(default_factory=lambda: Telling("Ikke dokumentert"))
    ikke_oppgitt: Telling = field(default_factory=lambda: Telling("Ikke oppgitt"))
    # Patterns.
    ukedager: tuple[Telling, ...] = ()
    fag: tuple[Telling, ...] = ()
    laerere: tuple[Telling, ...] = ()
    arsaker: tuple[Telling, ...] = ()
    typer: tuple[Telling, ...] = ()
    uker: tuple[Uke, ...] = ()
    perioder: tuple[Periode, ...] = ()
    korte_fravaer: tuple[Periode, ...] = ()
    lengste: Periode | None = None
    timer_halvar: tuple[tuple[str, int], ...] = ()
    for_sent_maaned: tuple[tuple[str, int], ...] = ()
    # Early warning and the pattern in words.
    varsler: tuple[Varsel, ...] = ()
    monster: tuple[str, ...] = ()
    fra_dato: date | None = None
    siste_dato: date | None = None

    @property
    def tom(self) -> bool:
        return self.registreringer == 0

    @property
    def prosent_tekst(self) -> str:
        return prosent_tekst(self.prosent) if self.prosent is not None else ""

    def andel_dager(self, telling: Telling) -> Andel:
        return Andel(telling.navn, telling.dager, self.dager, "dager")

    def andel_timer(self, telling: Telling) -> Andel:
        return Andel(telling.navn, telling.timer, self.timer, "timer")

    def andel_registreringer(self, telling: Telling) -> Andel:
        return Andel(telling.navn, telling.registreringer, self.registreringer, "registreringer")


# -- small helpers --------------------------------------------------------------


def formater_dato(d: date) -> str:
    """Return `d` as dd.mm.åååå."""
    d = _dag(d)
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def prosent_tekst(verdi: float) -> str:
    """Return e.g. "13,6 %" (one decimal, decimal comma, a no-break space before %)."""
    return f"{verdi:.1f}".replace(".", ",") + "\u00a0%"


def flertall(antall: int, entall: str, flertall_: str) -> str:
    return f"{antall} {entall if antall == 1 else flertall_}"


def liste_tekst(deler: Sequence[str]) -> str:
    """Join as Norwegian prose: "a, b og c"."""
    if not deler:
        return ""
    if len(deler) == 1:
        return deler[0]
    return ", ".join(deler[:-1]) + " og " + deler[-1]


def _dag(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def _tall(verdi: Verdi) -> int:
    if isinstance(verdi, bool) or not isinstance(verdi, int):
        return 0
    return max(verdi, 0)


def _navn(verdi: Verdi) -> list[str]:
    """Split "Norsk, matematikk" or "HB/KS" into the names it holds."""
    if not isinstance(verdi, str):
        return []
    return [n for n in (" ".join(d.split()) for d in _SKILLE.split(verdi)) if n]


def _liten_forbokstav(navn: str) -> str:
    """ "Matematikk" → "matematikk" inside a sentence; "KRLE" stays."""
    if len(navn) > 1 and navn[1:] == navn[1:].lower():
        return navn[0].lower() + navn[1:]
    return navn


def _halvar(dag: date) -> tuple[int, int, str]:
    if dag.month >= 7:
        return (dag.year, 2, f"høsten {dag.year}")
    return (dag.year, 1, f"våren {dag.year}")


def _maaned(dag: date) -> tuple[int, int, str]:
    return (dag.year, dag.month, f"{_MANEDER[dag.month - 1]} {dag.year}")


class _Teller:
    """Counts days, hours and times late under names, keeping the first spelling."""

    def __init__(self, stor_forbokstav: bool = False) -> None:
        self.stor = stor_forbokstav
        self.navn: dict[str, str] = {}
        self.dager: Counter[str] = Counter()
        self.datoer: dict[str, set[date]] = {}
        self.timer: Counter[str] = Counter()
        self.for_sent: Counter[str] = Counter()
        self.registreringer: Counter[str] = Counter()

    def legg_til(self, navn: str, omfang: object, dag: date | None, timer: int) -> None:
        nokkel = navn.casefold()
        if nokkel not in self.navn:
            self.navn[nokkel] = navn[0].upper() + navn[1:] if self.stor else navn
        self.registreringer[nokkel] += 1
        if omfang == HEL_DAG and dag is not None:
            self.datoer.setdefault(nokkel, set()).add(dag)
            self.dager[nokkel] = len(self.datoer[nokkel])
        elif omfang == ENKELTTIMER:
            self.timer[nokkel] += timer
        elif omfang == FOR_SENT:
            self.for_sent[nokkel] += 1

    def telling(self, nokkel: str) -> Telling:
        return Telling(
            self.navn.get(nokkel, nokkel),
            self.dager[nokkel],
            self.timer[nokkel],
            self.for_sent[nokkel],
            self.registreringer[nokkel],
        )

    def sortert(self) -> tuple[Telling, ...]:
        tellinger = [self.telling(k) for k in self.navn]
        return tuple(
            sorted(tellinger, key=lambda t: (-t.timer, -t.for_sent, -t.dager, t.navn.casefold()))
        )


# -- the absence picture ------------------------------------------------------------


def fravaersbilde(
    rader: Iterable[Mapping[str, Verdi]],
    skolear: Skolear,
    terskler: Terskler,
    til_dato: date,
) -> Fravaersbilde:
    """Return the figures, patterns and early warnings of an absence log.

    `til_dato` is the day the picture is made for (the mapping date): the
    percentage counts school days from the start of the school year to it.
    """
    til_dato = _dag(til_dato)
    rader = list(rader)
    alle_datoer: list[date] = []
    hele_dager: set[date] = set()
    timer = for_sent = uten_timer = uten_dato = 0
    dok = {True: _Teller(), False: _Teller(), None: _Teller()}
    ukedag = _Teller()
    ukedag.navn = {n.casefold(): n for n in UKEDAGER}
    fag = _Teller(stor_forbokstav=True)
    laerer = _Teller()
    arsak = _Teller()
    type_ = _Teller()
    halvar: dict[tuple[int, int, str], int] = {}
    maaned: dict[tuple[int, int, str], int] = {}
    for_sent_fag = _Teller(stor_forbokstav=True)

    for rad in rader:
        omfang = rad.get("omfang")
        antall = _tall(rad.get("timer")) if omfang == ENKELTTIMER else 0
        if omfang == ENKELTTIMER and not _tall(rad.get("timer")):
            uten_timer += 1
        dato = rad.get("dato")
        dag = _dag(dato) if isinstance(dato, date) else None
        if dag is None:
            uten_dato += 1
        else:
            alle_datoer.append(dag)
        if omfang == HEL_DAG and dag is not None:
            hele_dager.add(dag)
        timer += antall
        for_sent += omfang == FOR_SENT

        dokumentert = rad.get("dokumentert")
        dok[dokumentert if isinstance(dokumentert, bool) else None].legg_til(
            "alle", omfang, dag, antall
        )
        if dag is not None and dag.weekday() < 5:
            ukedag.legg_til(UKEDAGER[dag.weekday()], omfang, dag, antall)
        for navn in _navn(rad.get("fag")):
            fag.legg_til(navn, omfang, dag, antall)
            if omfang == FOR_SENT:
                for_sent_fag.legg_til(navn, omfang, dag, antall)
        for navn in _navn(rad.get("laerer")):
            laerer.legg_til(navn, omfang, dag, antall)
        grunn = rad.get("arsak")
        grunn = grunn.strip() if isinstance(grunn, str) and grunn.strip() else ""
        arsak.legg_til(grunn or IKKE_OPPGITT, omfang, dag, antall)
        type_.legg_til(
            TYPE_FOR_ARSAK.get(grunn, ANDRE_ARSAKER) if grunn else IKKE_OPPGITT,
            omfang,
            dag,
            antall,
        )
        if dag is not None and omfang == ENKELTTIMER:
            halvar[_halvar(dag)] = halvar.get(_halvar(dag), 0) + antall
        if dag is not None and omfang == FOR_SENT:
            maaned[_maaned(dag)] = maaned.get(_maaned(dag), 0) + 1

    # The percentage, over the school days up to the mapping date.
    skoledager_hittil: list[date] = []
    prosent: float | None = None
    merknad = ""
    if til_dato < skolear.start:
        merknad = (
            f"Prosenten av skoledagene er ikke regnet ut: datoen {formater_dato(til_dato)} er "
            f"før skoleåret i innstillingene ({formater_dato(skolear.start)}–"
            f"{formater_dato(skolear.slutt)}). Legg inn skolens skolerute i skjemaverk.toml."
        )
    else:
        skoledager_hittil = skoledager(skolear, skolear.start, til_dato)
        if til_dato > skolear.slutt:
            merknad = (
                f"Prosenten gjelder hele skoleåret {formater_dato(skolear.start)}–"
                f"{formater_dato(skolear.slutt)}."
            )
        if skoledager_hittil:
            prosent = 0.0
    sett = set(skoledager_hittil)
    dager_i_prosent = len(hele_dager & sett)
    if prosent is not None:
        prosent = 100 * dager_i_prosent / len(skoledager_hittil)
    alle_skoledager = skoledager(skolear, skolear.start, skolear.slutt)
    indeks = {dag: i for i, dag in enumerate(alle_skoledager)}
    dager_ikke_skoledag = len([d for d in hele_dager if d not in indeks])

    perioder = _perioder(sorted(d for d in hele_dager if d in indeks), indeks)
    korte = tuple(p for p in perioder if p.dager <= KORT_FRAVAER)
    lengste = max(perioder, key=lambda p: (p.dager, -p.fra.toordinal()), default=None)
    uker = _uker(skolear, alle_datoer, til_dato, rader)

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
        prosent_merknad=merknad,
        prosent_til=min(til_dato, skolear.slutt) if prosent is not None else None,
        dager_ikke_skoledag=dager_ikke_skoledag,
        dokumentert=_med_navn(dok[True], "Dokumentert"),
        ikke_dokumentert=_med_navn(dok[False], "Ikke dokumentert"),
        ikke_oppgitt=_med_navn(dok[None], "Ikke oppgitt"),
        ukedager=tuple(ukedag.telling(n.casefold()) for n in UKEDAGER),
        fag=fag.sortert(),
        laerere=laerer.sortert(),
        arsaker=tuple(
            sorted(arsak.sortert(), key=lambda t: (-t.registreringer, t.navn.casefold()))
        ),
        typer=tuple(
            type_.telling(n.casefold())
            for n in (*FRAVAERSTYPER, ANDRE_ARSAKER, IKKE_OPPGITT)
            if type_.registreringer[n.casefold()]
        ),
        uker=uker,
        perioder=perioder,
        korte_fravaer=korte,
        lengste=lengste,
        timer_halvar=tuple((k[2], v) for k, v in sorted(halvar.items())),
        for_sent_maaned=tuple((k[2], v) for k, v in sorted(maaned.items())),
        fra_dato=min(alle_datoer, default=None),
        siste_dato=max(alle_datoer, default=None),
    )
    varsler = _varsler(bilde, terskler)
    sterkeste_sent = _sterkest(for_sent_fag.sortert(), "for_sent", for_sent)
    monster = _monster(bilde, terskler, sterkeste_sent)
    return replace(bilde, varsler=varsler, monster=monster)


def _med_navn(teller: _Teller, navn: str) -> Telling:
    t = teller.telling("alle")
    return Telling(navn, t.dager, t.timer, t.for_sent, t.registreringer)


def _perioder(dager: list[date], indeks: dict[date, int]) -> tuple[Periode, ...]:
    """Group whole days absent into runs of consecutive school days."""
    perioder: list[Periode] = []
    start = forrige = None
    lengde = 0
    for dag in dager:
        if forrige is not None and indeks[dag] == indeks[forrige] + 1:
            lengde += 1
        else:
            if start is not None and forrige is not None:
                perioder.append(Periode(start, forrige, lengde))
            start, lengde = dag, 1
        forrige = dag
    if start is not None and forrige is not None:
        perioder.append(Periode(start, forrige, lengde))
    return tuple(perioder)


def _uker(
    skolear: Skolear, datoer: list[date], til_dato: date, rader: list[Mapping[str, Verdi]]
) -> tuple[Uke, ...]:
    """Return every week from the school start (or first absence) to the mapping date."""
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
        dato = rad.get("dato")
        if not isinstance(dato, date):
            continue
        dag = _dag(dato)
        uke = telling.setdefault(dag - timedelta(days=dag.weekday()), [0, 0, 0])
        omfang = rad.get("omfang")
        if omfang == HEL_DAG and dag not in sett_hel:
            sett_hel.add(dag)
            uke[0] += 1
        elif omfang == ENKELTTIMER:
            uke[1] += _tall(rad.get("timer"))
        elif omfang == FOR_SENT:
            uke[2] += 1
    uker = []
    while mandag <= siste:
        ar, nummer, _ = mandag.isocalendar()
        dager, timer, sent = telling.get(mandag, [0, 0, 0])
        antall = sum(1 for i in range(5) if mandag + timedelta(days=i) in skoledag)
        uker.append(Uke(ar, nummer, mandag, antall, dager, timer, sent))
        mandag += timedelta(days=7)
    return tuple(uker)


# -- early warning ---------------------------------------------------------------


def _antall_tekst(verdi: float) -> str:
    return str(int(verdi)) if float(verdi).is_integer() else f"{verdi}".replace(".", ",")


def _varsler(bilde: Fravaersbilde, terskler: Terskler) -> tuple[Varsel, ...]:
    varsler = []
    grense = terskler.prosent_dager
    if grense and bilde.prosent is not None and bilde.prosent >= grense:
        tall = (
            f"{prosent_tekst(bilde.prosent)} ({bilde.dager_i_prosent} av "
            f"{flertall(bilde.skoledager, 'skoledag', 'skoledager')})"
        )
        terskel = f"{_antall_tekst(grense)}\u00a0% av skoledagene"
        varsler.append(
            Varsel(
                "Fravær i prosent av skoledagene",
                terskel,
                tall,
                f"Fraværet er {tall} til og med "
                f"{formater_dato(bilde.prosent_til or bilde.til_dato)}. "
                f"Terskelen er {terskel}.",
            )
        )
    grense_t = terskler.enkelttimer_halvar
    for navn, timer in bilde.timer_halvar:
        if grense_t and timer >= grense_t:
            terskel = f"{flertall(grense_t, 'enkelttime', 'enkelttimer')} i et halvår"
            tall = f"{flertall(timer, 'enkelttime', 'enkelttimer')} {navn}"
            varsler.append(
                Varsel(
                    "Enkelttimer i et halvår",
                    terskel,
                    tall,
                    f"Eleven har vært borte {tall}. Terskelen er {terskel}.",
                )
            )
    grense_s = terskler.for_sent_maaned
    for navn, ganger in bilde.for_sent_maaned:
        if grense_s and ganger >= grense_s:
            terskel = f"for sent {flertall(grense_s, 'gang', 'ganger')} i en måned"
            tall = f"{flertall(ganger, 'gang', 'ganger')} i {navn}"
            varsler.append(
                Varsel(
                    "For sent i en måned",
                    terskel,
                    tall,
                    f"Eleven har kommet for sent {tall}. Terskelen er {terskel}.",
                )
            )
    grense_r = terskler.dager_pa_rad
    for periode in bilde.perioder:
        if grense_r and periode.dager > grense_r:
            terskel = f"mer enn {flertall(grense_r, 'skoledag', 'skoledager')} på rad"
            tall = f"{periode.dager} skoledager på rad ({periode.tekst()})"
            varsler.append(
                Varsel(
                    "Skoledager på rad",
                    terskel,
                    tall,
                    f"Eleven har vært borte {tall}. Terskelen er {terskel}.",
                )
            )
    return tuple(varsler)


# -- the pattern in words -----------------------------------------------------------


def _sterkest(tellinger: Sequence[Telling], felt: str, total: int) -> Telling | None:
    """Return the one that stands out: the only largest, at least 2, a large share."""
    if total < 2:
        return None
    rangert = sorted(tellinger, key=lambda t: -getattr(t, felt))
    if not rangert:
        return None
    topp = getattr(rangert[0], felt)
    if topp < 2 or topp / total < MONSTER_ANDEL:
        return None
    if len(rangert) > 1 and getattr(rangert[1], felt) == topp:
        return None
    return rangert[0]


def _monster(bilde: Fravaersbilde, terskler: Terskler, sent_fag: Telling | None) -> tuple[str, ...]:
    """Return one or two sentences that name the strongest patterns."""
    if bilde.tom:
        return ("Ingen fravær er registrert.",)
    if bilde.registreringer < 3:
        return ("Det er registrert for lite fravær til å se et mønster ennå.",)
    deler = []
    dag = _sterkest(bilde.ukedager, "dager", bilde.dager)
    if dag is not None:
        flertall_ = _UKEDAGER_FLERTALL[UKEDAGER.index(dag.navn)]
        deler.append(f"på {flertall_} ({dag.dager} av {bilde.dager} dager)")
    else:
        dag = _sterkest(bilde.ukedager, "timer", bilde.timer)
        if dag is not None:
            flertall_ = _UKEDAGER_FLERTALL[UKEDAGER.index(dag.navn)]
            deler.append(f"på {flertall_} ({dag.timer} av {bilde.timer} timer)")
    fag = _sterkest(bilde.fag, "timer", bilde.timer)
    if fag is not None:
        deler.append(f"i {_liten_forbokstav(fag.navn)} ({fag.timer} av {bilde.timer} timer)")
    laerer = _sterkest(bilde.laerere, "timer", bilde.timer)
    if laerer is not None:
        deler.append(f"i timene til {laerer.navn} ({laerer.timer} av {bilde.timer} timer)")
    if deler:
        forste = f"Fraværet er størst {liste_tekst(deler)}."
    else:
        forste = "Fraværet er spredt, uten et tydelig mønster på ukedager, fag eller lærere."

    ledd = []
    lengste = bilde.lengste
    if lengste is not None and terskler.dager_pa_rad and lengste.dager > terskler.dager_pa_rad:
        ledd.append(
            f"det lengste fraværet er {lengste.dager} skoledager på rad ({lengste.tekst()})"
        )
    elif len(bilde.korte_fravaer) >= 3:
        ledd.append(
            f"fraværet kommer ofte som korte fravær på 1–{KORT_FRAVAER} dager "
            f"({len(bilde.korte_fravaer)} ganger)"
        )
    if bilde.for_sent >= 2:
        sent = f"eleven har kommet for sent {bilde.for_sent} ganger"
        if sent_fag is not None:
            sent += (
                f", oftest i {_liten_forbokstav(sent_fag.navn)} "
                f"({sent_fag.for_sent} av {bilde.for_sent} ganger)"
            )
        ledd.append(sent)
    if not ledd:
        return (forste,)
    andre = ", og ".join(ledd)
    return (forste, andre[0].upper() + andre[1:] + ".")


def terskler_tekst(terskler: Terskler) -> str:
    """Return the thresholds that are on, as Norwegian prose."""
    deler = []
    if terskler.prosent_dager:
        deler.append(f"{_antall_tekst(terskler.prosent_dager)}\u00a0% av skoledagene")
    if terskler.enkelttimer_halvar:
        antall = terskler.enkelttimer_halvar
        deler.append(f"{flertall(antall, 'enkelttime', 'enkelttimer')} i et halvår")
    if terskler.for_sent_maaned:
        antall = terskler.for_sent_maaned
        deler.append(f"for sent {flertall(antall, 'gang', 'ganger')} i en måned")
    if terskler.dager_pa_rad:
        antall = terskler.dager_pa_rad
        deler.append(f"mer enn {flertall(antall, 'skoledag', 'skoledager')} på rad")
    return liste_tekst(deler)


# -- the terminal -------------------------------------------------------------------


def tall_rader(bilde: Fravaersbilde) -> list[tuple[str, str]]:
    """Return the main figures as (label, value) rows, as the report and the terminal show them."""
    rader = [("Registreringer", str(bilde.registreringer))]
    dager = str(bilde.dager)
    if bilde.dager_ikke_skoledag:
        dager += f" ({bilde.dager_ikke_skoledag} av dem ikke på en skoledag)"
    rader.append(("Hele dager", dager))
    timer = str(bilde.timer)
    if bilde.enkelttimer_uten_timer:
        timer += (
            f" ({flertall(bilde.enkelttimer_uten_timer, 'registrering', 'registreringer')} "
            "uten antall timer er regnet som 0)"
        )
    rader.append(("Enkelttimer", timer))
    rader.append(("For sent", flertall(bilde.for_sent, "gang", "ganger")))
    if bilde.prosent is not None:
        rader.append(
            (
                "Fravær i prosent av skoledagene",
                f"{prosent_tekst(bilde.prosent)} ({bilde.dager_i_prosent} av "
                f"{flertall(bilde.skoledager, 'skoledag', 'skoledager')} til og med "
                f"{formater_dato(bilde.prosent_til or bilde.til_dato)})",
            )
        )
    for telling in (bilde.dokumentert, bilde.ikke_dokumentert, bilde.ikke_oppgitt):
        if telling.registreringer:
            rader.append((telling.navn, _telling_tekst(telling)))
    if bilde.lengste is not None:
        rader.append(
            (
                "Lengste fravær på rad",
                f"{flertall(bilde.lengste.dager, 'skoledag', 'skoledager')} "
                f"({bilde.lengste.tekst()})",
            )
        )
        rader.append(
            (
                f"Korte fravær (1–{KORT_FRAVAER} dager)",
                flertall(len(bilde.korte_fravaer), "gang", "ganger"),
            )
        )
    return rader


def _telling_tekst(t: Telling) -> str:
    deler = []
    if t.dager:
        deler.append(flertall(t.dager, "dag", "dager"))
    if t.timer:
        deler.append(flertall(t.timer, "time", "timer"))
    if t.for_sent:
        deler.append(flertall(t.for_sent, "gang for sent", "ganger for sent"))
    return liste_tekst(deler) or flertall(t.registreringer, "registrering", "registreringer")


def andel_tekst(antall: int, av: int) -> str:
    """Return the share as whole percent, "" when there is no whole."""
    return f"{round(100 * antall / av)}\u00a0%" if av else ""


def _tabell(overskrift: Sequence[str], rader: Sequence[Sequence[str]]) -> list[str]:
    bredder = [max(len(r[i]) for r in [overskrift, *rader]) for i in range(len(overskrift))]
    linjer = []
    for rad in [overskrift, *rader]:
        hoyre = [c.rjust(b) for c, b in zip(rad[1:], bredder[1:], strict=True)]
        celler = [rad[0].ljust(bredder[0]), *hoyre]
        linjer.append("  " + "  ".join(celler).rstrip())
    return linjer


def fravaer_tekst(bilde: Fravaersbilde) -> str:
    """Return the figures and patterns as plain text for the terminal."""
    linjer = [f"Fraværsbilde til og med {formater_dato(bilde.til_dato)}"]
    if bilde.tom:
        linjer.append("  Ingen fravær er registrert.")
        return "\n".join(linjer)
    bredde = max(len(hva) for hva, _ in tall_rader(bilde))
    linjer += [f"  {hva.ljust(bredde)}  {verdi}" for hva, verdi in tall_rader(bilde)]
    if bilde.prosent_merknad:
        linjer.append(f"  {bilde.prosent_merknad}")

    linjer += ["", "Mønster"] + [f"  {s}" for s in bilde.monster]

    linjer += ["", "Tidlig varsel"]
    if bilde.varsler:
        linjer += [f"  ! {v.tekst}" for v in bilde.varsler]
    else:
        linjer.append("  Ingen terskler er passert.")

    linjer += ["", "Per ukedag"]
    linjer += _tabell(
        ["", "Dager", "Timer", "For sent"],
        [[t.navn, str(t.dager), str(t.timer), str(t.for_sent)] for t in bilde.ukedager],
    )
    for tittel, tellinger in (("Per fag", bilde.fag), ("Per lærer", bilde.laerere)):
        if not tellinger:
            continue
        linjer += ["", tittel]
        linjer += _tabell(
            ["", "Timer", "Andel av timene", "For sent"],
            [
                [t.navn, str(t.timer), andel_tekst(t.timer, bilde.timer), str(t.for_sent)]
                for t in tellinger
            ],
        )
    linjer += ["", "Etter type fravær"]
    linjer += _tabell(
        ["", "Registreringer", "Andel"],
        [
            [t.navn, str(t.registreringer), andel_tekst(t.registreringer, bilde.registreringer)]
            for t in bilde.typer
        ],
    )
    linjer += ["", "Uke for uke"]
    linjer += _tabell(
        ["", "Skoledager", "Dager", "Timer", "For sent"],
        [
            [
                f"Uke {u.nummer} ({formater_dato(u.mandag)})",
                str(u.skoledager),
                str(u.dager),
                str(u.timer),
                str(u.for_sent),
            ]
            for u in bilde.uker
        ],
    )
    return "\n".join(linjer)

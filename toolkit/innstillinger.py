"""The school's settings: one TOML file, with defaults so that nothing is needed to start."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from toolkit.errors import SkjemaverkError
from toolkit.skriv import grunn

FILNAVN = "skjemaverk.toml"


class InnstillingError(SkjemaverkError):
    """A settings file that cannot be used; the message names the line."""


@dataclass(frozen=True)
class Ferie:
    """A break in the school year, both days included."""

    navn: str
    fra: date
    til: date


@dataclass(frozen=True)
class Skolear:
    """The school calendar: first and last pupil day, and the breaks."""

    start: date
    slutt: date
    ferier: tuple[Ferie, ...]

    def i_ferie(self, dag: date) -> Ferie | None:
        for ferie in self.ferier:
            if ferie.fra <= dag <= ferie.til:
                return ferie
        return None


def standard_skolear(startaar: int) -> Skolear:
    """Return a common school calendar for the school year that starts in `startaar`.

    As in many municipalities: the first pupil day is the Monday of week 34 and
    the last the Friday on or before 20 June; høstferie in week 40, juleferie
    21 December to 1 January, vinterferie in week 8, påskeferie the week before
    Easter Monday. A school sets its own calendar under [skolear] in the settings.
    """
    from dateutil.easter import easter

    slutt = date(startaar + 1, 6, 20)
    slutt -= timedelta(days=(slutt.weekday() - 4) % 7)
    paaskedag = easter(startaar + 1)
    return Skolear(
        start=date.fromisocalendar(startaar, 34, 1),
        slutt=slutt,
        ferier=(
            Ferie(
                "Høstferie",
                date.fromisocalendar(startaar, 40, 1),
                date.fromisocalendar(startaar, 40, 5),
            ),
            Ferie("Juleferie", date(startaar, 12, 21), date(startaar + 1, 1, 1)),
            Ferie(
                "Vinterferie",
                date.fromisocalendar(startaar + 1, 8, 1),
                date.fromisocalendar(startaar + 1, 8, 5),
            ),
            Ferie("Påskeferie", paaskedag - timedelta(days=6), paaskedag - timedelta(days=2)),
        ),
    )


def skolearet_for(dag: date) -> int:
    """Return the year the school year holding `dag` starts in (August to July)."""
    return dag.year if dag.month >= 8 else dag.year - 1


# The school year 2026/2027 with the common calendar, for examples and tests.
STANDARD_SKOLEAR = standard_skolear(2026)


@dataclass(frozen=True)
class Terskler:
    """When the absence is a concern: the early-warning thresholds."""

    prosent_dager: float = 10.0
    enkelttimer_halvar: int = 10
    for_sent_maaned: int = 3
    dager_pa_rad: int = 5


@dataclass(frozen=True)
class Epost:
    """The e-mail draft's neutral subject and body."""

    emne: str = "Dokumenter fra skolen"
    tekst: str = (
        "Hei,\n\nVedlagt er dokumentene fra møtet. De er beskyttet med passord, "
        "som dere får på SMS.\n\nVennlig hilsen\n{skole}"
    )
    # For documents sent without a password (--ukryptert): no word of a password.
    tekst_ukryptert: str = "Hei,\n\nVedlagt er dokumentene fra møtet.\n\nVennlig hilsen\n{skole}"


@dataclass(frozen=True)
class Innstillinger:
    """Everything a school can set; each has a default."""

    skole_navn: str = ""
    logo: Path | None = None
    ut_mappe: Path | None = None
    maler: dict[str, Path] = field(default_factory=dict)
    skolear: Skolear | None = None  # None: the common calendar of each school year
    terskler: Terskler = field(default_factory=Terskler)
    epost: Epost = field(default_factory=Epost)
    kilde: Path | None = None
    # Teachers named in the absence picture (per teacher): off unless the school says so.
    vis_laerere: bool = False

    def skolear_for(self, dag: date) -> Skolear:
        """Return the school calendar to count `dag` in: the school's own, or the common one."""
        return self.skolear or standard_skolear(skolearet_for(dag))


STANDARD = Innstillinger()

# The documented file that `skjemaverk init` writes; every value is the default.
MAL = """\
# Innstillinger for Skjemaverk. Filen heter skjemaverk.toml og ligger i mappen du
# kjører skjemaverk fra, eller oppgis med --innstillinger FIL.
# Linjer som starter med # er kommentarer. Fjern # foran en linje for å bruke den.
# Datoer skrives år-måned-dag: 2026-08-17.

[skole]
# Skolens navn i toppen av dokumentene og som forfatter. Tomt: navnet fra skjemaet.
# navn = "Solbakken skole"
# Skolens logo (PNG eller JPG) i toppen av dokumentene. Stien er fra denne filen.
# logo = "logo.png"

[utdata]
# Mappen dokumentene skrives til. Tomt: samme mappe som skjemaet.
# mappe = "Dokumenter"

[maler]
# Skolens egne Word-maler. Tomt: de innebygde malene.
# kartleggingsrapport = "maler/var-rapport.docx"
# plan = "maler/var-plan.docx"

# Skoleruten. Uten [skolear] brukes en vanlig skolerute for skoleåret kartleggingen
# er i: første skoledag mandag i uke 34, siste fredag før 21. juni, høstferie i uke 40,
# juleferie 21.12–1.1, vinterferie i uke 8 og påskeferie uka før 2. påskedag.
# Helligdager trekkes alltid fra av seg selv. Har skolen en annen rute, fjern # foran
# linjene under og skriv inn skolens datoer (fra og til, begge dager tatt med).
# [skolear]
# start = 2026-08-17
# slutt = 2027-06-18
#
# [[skolear.ferie]]
# navn = "Høstferie"
# fra = 2026-09-28
# til = 2026-10-02
#
# [[skolear.ferie]]
# navn = "Juleferie"
# fra = 2026-12-21
# til = 2027-01-01
#
# [[skolear.ferie]]
# navn = "Vinterferie"
# fra = 2027-02-22
# til = 2027-02-26
#
# [[skolear.ferie]]
# navn = "Påskeferie"
# fra = 2027-03-22
# til = 2027-03-26

[terskler]
# Når fraværet gir tidlig varsel i rapporten. Varselet kommer når tallet er nådd
# (10 % eller mer, 10 timer eller mer, 3 ganger eller mer); for dager på rad når
# eleven er borte flere dager enn dette. 0 slår av varselet.
prosent_dager = 10       # fravær i prosent av skoledagene hittil
enkelttimer_halvar = 10  # enkelttimer i et halvår (høst: skolestart–31.12, vår: 1.1–skoleslutt)
for_sent_maaned = 3      # ganger for sent i en måned
dager_pa_rad = 5         # varsel når eleven er borte flere skoledager på rad enn dette

[epost]
# Emnet skal være nøytralt: ikke elevens navn eller ord som «fravær».
emne = "Dokumenter fra skolen"
# {skole} byttes ut med skolens navn.
tekst = \"\"\"Hei,

Vedlagt er dokumentene fra møtet. De er beskyttet med passord, som dere får på SMS.

Vennlig hilsen
{skole}\"\"\"
# Teksten når dokumentene sendes uten passord (--ukryptert).
tekst_ukryptert = \"\"\"Hei,

Vedlagt er dokumentene fra møtet.

Vennlig hilsen
{skole}\"\"\"
"""


_BILDER = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def _er_bilde(sti: Path) -> bool:
    """Tell whether `sti` starts as a PNG, JPEG, GIF or BMP picture does."""
    try:
        with open(sti, "rb") as fil:
            return fil.read(8).startswith(_BILDER)
    except OSError:
        return False


def finn_innstillinger(oppgitt: Path | None = None, mappe: Path | None = None) -> Innstillinger:
    """Load the settings file given, or the one in `mappe` (the working folder), or defaults."""
    if oppgitt is not None:
        if not Path(oppgitt).is_file():
            raise InnstillingError(f"Fant ikke innstillingsfilen «{oppgitt}».", exit_code=2)
        return last_innstillinger(Path(oppgitt))
    kandidat = (mappe or Path.cwd()) / FILNAVN
    return last_innstillinger(kandidat) if kandidat.is_file() else STANDARD


def last_innstillinger(sti: Path) -> Innstillinger:
    """Load the settings in `sti`; a wrong setting is an error that names its line."""
    try:
        tekst = sti.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InnstillingError(
            f"{sti.name}: filen er ikke lagret som UTF-8. Lagre den som UTF-8 i Notisblokk "
            "(Lagre som › Koding: UTF-8).",
            exit_code=2,
        ) from e
    except OSError as e:
        raise InnstillingError(f"Kunne ikke lese «{sti}»: {grunn(e)}.", exit_code=2) from e
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        linje = re.search(r"line (\d+)", str(e))
        hvor = f", linje {linje.group(1)}" if linje else ""
        tekstlinje = tekst.splitlines()[int(linje.group(1)) - 1] if linje else ""
        navnedel = tekstlinje.split("=", 1)[0] if "=" in tekstlinje else tekstlinje
        aeoa = (
            " Navnene på seksjoner og innstillinger skrives uten æ, ø og å (skolear, ikke skoleår)."
            if re.search("[æøåÆØÅ]", navnedel)
            else ""
        )
        raise InnstillingError(
            f"{sti.name}{hvor}: skrivefeil i innstillingene. Kontroller at tekst står i "
            "anførselstegn, at datoer er skrevet som 2026-08-17, og at hver innstilling står "
            f"på sin egen linje.{aeoa}",
            exit_code=2,
        ) from e
    return _Leser(sti, tekst).les(data)


class _Leser:
    """Turns parsed TOML into Innstillinger, naming the line of a wrong value."""

    def __init__(self, sti: Path, tekst: str) -> None:
        self.sti = sti
        self.linjer = tekst.splitlines()
        self.nummer = 0  # which [[skolear.ferie]] is being read

    def feil(self, seksjon: str, key: str, melding: str, nummer: int = 0) -> InnstillingError:
        linje = self._linje(seksjon, key, nummer or self.nummer)
        hvor = f", linje {linje}" if linje else ""
        return InnstillingError(f"{self.sti.name}{hvor} ({key}): {melding}", exit_code=2)

    def _linje(self, seksjon: str, key: str, nummer: int = 0) -> int | None:
        """Return the line of `key` in `seksjon` (its `nummer`th one, for [[arrays]])."""
        i_seksjon = not seksjon
        sett = -1
        for nr, linje in enumerate(self.linjer, start=1):
            ren = linje.split("#", 1)[0].strip()
            if ren.startswith("["):
                navn = ren.strip("[] ")
                sett += navn == seksjon
                i_seksjon = navn == seksjon and sett == nummer
                continue
            if i_seksjon and re.match(rf"{re.escape(key)}\s*=", ren):
                return nr
        return None

    def _seksjon(self, data: dict[str, Any], navn: str) -> dict[str, Any]:
        verdi = data.get(navn, {})
        if not isinstance(verdi, dict):
            raise self.feil("", navn, f"[{navn}] skal være en egen seksjon.")
        return verdi

    def _ukjente(self, seksjon: str, verdi: dict[str, Any], kjente: set[str]) -> None:
        for key in verdi:
            if key not in kjente:
                uten_aeoa = key.replace("æ", "ae").replace("ø", "o").replace("å", "a")
                mente = f" Mente du «{uten_aeoa}»?" if uten_aeoa in kjente else ""
                forslag = ", ".join(sorted(kjente))
                raise self.feil(
                    seksjon,
                    key,
                    f"ukjent innstilling.{mente} Innstillingene her er: {forslag} "
                    "(skrives uten æ, ø og å).",
                )

    def _tekst(self, seksjon: str, verdi: dict[str, Any], key: str) -> str | None:
        if key not in verdi:
            return None
        if not isinstance(verdi[key], str):
            raise self.feil(seksjon, key, "skal være tekst i anførselstegn.")
        return verdi[key]

    def _sti(self, seksjon: str, verdi: dict[str, Any], key: str, fil: bool) -> Path | None:
        tekst = self._tekst(seksjon, verdi, key)
        if not tekst:
            return None
        sti = Path(tekst).expanduser()
        if not sti.is_absolute():
            sti = self.sti.parent / sti
        if fil and not sti.is_file():
            raise self.feil(seksjon, key, f"fant ikke filen «{tekst}».")
        return sti

    def _dato(self, seksjon: str, verdi: dict[str, Any], key: str) -> date:
        dag = verdi.get(key)
        if not isinstance(dag, date) or isinstance(dag, datetime):
            raise self.feil(seksjon, key, "skal være en dato skrevet som 2026-08-17.")
        return dag

    def les(self, data: dict[str, Any]) -> Innstillinger:
        self._ukjente("", data, {"skole", "utdata", "maler", "skolear", "terskler", "epost"})
        skole = self._seksjon(data, "skole")
        self._ukjente("skole", skole, {"navn", "logo"})
        utdata = self._seksjon(data, "utdata")
        self._ukjente("utdata", utdata, {"mappe"})
        maler = self._seksjon(data, "maler")
        self._ukjente("maler", maler, {"kartleggingsrapport", "plan"})
        epost = self._seksjon(data, "epost")
        self._ukjente("epost", epost, {"emne", "tekst", "tekst_ukryptert"})
        logo = self._sti("skole", skole, "logo", fil=True)
        if logo and not _er_bilde(logo):
            raise self.feil("skole", "logo", "logoen skal være et bilde (PNG eller JPG).")
        malstier = {}
        for key in ("kartleggingsrapport", "plan"):
            sti = self._sti("maler", maler, key, fil=True)
            if sti:
                malstier[key] = sti
        return Innstillinger(
            skole_navn=self._tekst("skole", skole, "navn") or "",
            logo=logo,
            ut_mappe=self._sti("utdata", utdata, "mappe", fil=False),
            maler=malstier,
            skolear=self._skolear(self._seksjon(data, "skolear")),
            terskler=self._terskler(self._seksjon(data, "terskler")),
            epost=Epost(
                emne=self._tekst("epost", epost, "emne") or Epost.emne,
                tekst=self._tekst("epost", epost, "tekst") or Epost.tekst,
                tekst_ukryptert=self._tekst("epost", epost, "tekst_ukryptert")
                or Epost.tekst_ukryptert,
            ),
            kilde=self.sti,
        )

    def _skolear(self, verdi: dict[str, Any]) -> Skolear | None:
        if not verdi:
            return None
        self._ukjente("skolear", verdi, {"start", "slutt", "ferie"})
        start = self._dato("skolear", verdi, "start")
        slutt = self._dato("skolear", verdi, "slutt")
        if slutt <= start:
            raise self.feil("skolear", "slutt", "siste skoledag må være etter første skoledag.")
        ferier = []
        liste = verdi.get("ferie", [])
        if not isinstance(liste, list):
            raise self.feil("skolear", "ferie", "skriv hver ferie som [[skolear.ferie]].")
        for i, ferie in enumerate(liste):
            self.nummer = i
            if not isinstance(ferie, dict):
                raise self.feil("skolear", "ferie", "skriv hver ferie som [[skolear.ferie]].")
            self._ukjente("skolear.ferie", ferie, {"navn", "fra", "til"})
            navn = self._tekst("skolear.ferie", ferie, "navn") or "Ferie"
            fra = self._dato("skolear.ferie", ferie, "fra")
            til = self._dato("skolear.ferie", ferie, "til")
            if til < fra:
                raise self.feil("skolear.ferie", "til", f"{navn} slutter før den begynner.")
            ferier.append(Ferie(navn, fra, til))
        self.nummer = 0
        return Skolear(start, slutt, tuple(ferier))

    def _terskler(self, verdi: dict[str, Any]) -> Terskler:
        kjente = {f.name: f.type for f in fields(Terskler)}
        self._ukjente("terskler", verdi, set(kjente))
        verdier: dict[str, Any] = {}
        for key, tall in verdi.items():
            if isinstance(tall, bool) or not isinstance(tall, int | float) or tall < 0:
                raise self.feil("terskler", key, "skal være et tall, 0 eller større.")
            if key != "prosent_dager" and not float(tall).is_integer():
                raise self.feil("terskler", key, "skal være et helt tall.")
            verdier[key] = float(tall) if key == "prosent_dager" else int(tall)
        return Terskler(**verdier)

"""The school's settings: one TOML file, with defaults so that nothing is needed to start."""

from __future__ import annotations

import math
import re
import stat
import unicodedata
import warnings
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from toolkit.errors import SkjemaverkError
from toolkit.skriv import grunn
from toolkit.tomlfil import finn_linje, hvor, les_toml

FILNAVN = "skjemaverk.toml"

# A settings file is a few kilobytes; anything near this is not one.
MAKS_FILSTORRELSE = 1024 * 1024
# The logo goes into every document: a PNG or JPEG of a sensible size.
MAKS_LOGO_BYTE = 2 * 1024 * 1024
MAKS_LOGO_SIDE = 4000  # pixels, each way
# The school years a calendar can be set for, and how many breaks one may hold.
FORSTE_AAR, SISTE_AAR = 2000, 2100
MAKS_FERIER = 50
# The highest sensible value of each threshold (0 turns a warning off).
TERSKEL_MAKS: dict[str, int] = {
    "prosent_dager": 100,  # per cent of the school days
    "enkelttimer_halvar": 1000,  # lessons in a half-year
    "for_sent_maaned": 100,  # times late in a month
    "dager_pa_rad": 200,  # school days in a row (a school year has about 190)
}


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
    # Where the calendar comes from, for `sjekk` to say ("den vanlige skoleruten").
    kilde: str = ""

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
        kilde=(
            f"den vanlige skoleruten for {startaar}/{(startaar + 1) % 100:02d} (ingen [skolear] "
            "i innstillingene)"
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
    # The folder of the school's own form definitions (`[skjemaer] mappe`).
    skjema_mappe: Path | None = None
    # Teachers named in the absence picture (per teacher): off unless the school says so.
    vis_laerere: bool = False
    # The plan has a signature line for the rector.
    rektor_underskriver: bool = True
    # When to go further: the next steps, and the absence (% of school days) that calls for them.
    videre_steg: tuple[str, ...] = ("PPT", "BUP", "kommunens ressursteam", "barnevernet")
    videre_terskel: float = 20.0

    def skolear_for(self, dag: date) -> Skolear:
        """Return the school calendar to count `dag` in: the school's own, or the common one."""
        return self.skolear or standard_skolear(skolearet_for(dag))

    @property
    def underskrift_rektor(self) -> bool:
        return self.rektor_underskriver


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
# Skolens logo (PNG eller JPG, høyst 2 MB og 4000 piksler bred og høy) i toppen av
# dokumentene. Stien er fra denne filen.
# logo = "logo.png"

[utdata]
# Mappen dokumentene skrives til. Tomt: samme mappe som skjemaet.
# mappe = "Dokumenter"

[maler]
# Skolens egne Word-maler, ett dokument per linje. Tomt: de innebygde malene.
# Navnene på dokumentene står i «skjemaverk skjemaer». Lag en mal å starte fra med
# «skjemaverk maler --kopier MAPPE».
# kartleggingsrapport = "maler/var-rapport.docx"
# plan = "maler/var-plan.docx"

[skjemaer]
# Mappen med skolens egne skjemaer: én skjemadefinisjon (.toml) per skjema, med malene
# ved siden av. Se docs/arkitektur.md. Tomt: bare de innebygde skjemaene.
# mappe = "Skjemaer"

[videre]
# Når fraværet ikke går ned, foreslår Skjemaverk disse stegene, i denne rekkefølgen.
steg = ["PPT", "BUP", "kommunens ressursteam", "barnevernet"]
# Fravær (prosent av skoledagene siden forrige møte) som alltid gir varsel om å gå
# videre. 0 slår det av.
terskel_prosent = 20

[dokumenter]
# Fraværsbildet viser fravær per lærer bare når dette er true. Dokumentene går ofte
# til foresatte; la det stå false med mindre det trengs.
navngi_laerere = false
# Planen har en linje der rektor skriver under. false: bare foresatte, eleven og
# kontaktlæreren skriver under.
rektor_underskriver = true

# Skoleruten. Uten [skolear] brukes en vanlig skolerute for skoleåret kartleggingen
# er i: første skoledag mandag i uke 34, siste fredag før 21. juni, høstferie i uke 40,
# juleferie 21.12–1.1, vinterferie i uke 8 og påskeferie uka før 2. påskedag.
# Helligdager trekkes alltid fra av seg selv. Har skolen en annen rute, fjern # foran
# linjene under og skriv inn skolens datoer (fra og til, begge dager tatt med).
# Feriene skal ligge mellom første og siste skoledag.
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
# eleven er borte flere dager enn dette. 0 slår av varselet. Høyeste tall: 100 for
# prosent og ganger for sent, 1000 for enkelttimer, 200 for dager på rad.
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


def _logo_feil(sti: Path) -> str | None:
    """Return what keeps the picture at `sti` from being the logo, or None when it can be.

    It must be a whole PNG or JPEG that Pillow decodes, at most MAKS_LOGO_BYTE
    and MAKS_LOGO_SIDE pixels each way, and one that python-docx can place.
    """
    try:
        storrelse = sti.stat().st_size
    except OSError as e:
        return f"kunne ikke lese logoen: {grunn(e)}."
    if storrelse > MAKS_LOGO_BYTE:
        mb = f"{storrelse / (1024 * 1024):.1f}".replace(".", ",")
        return (
            f"logoen er {mb} MB; den kan være høyst {MAKS_LOGO_BYTE // (1024 * 1024)} MB. "
            "Lagre en mindre utgave av logoen som PNG."
        )
    for_stor = (
        f"logoen er altfor stor i piksler; den kan være høyst {MAKS_LOGO_SIDE} piksler "
        "bred og høy. Lagre en mindre utgave av logoen som PNG."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # A header claiming a huge picture: refuse it before decoding anything.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(sti, formats=["PNG", "JPEG"]) as bilde:
                if max(bilde.size) > MAKS_LOGO_SIDE:
                    return for_stor
                bilde.verify()  # checksums (PNG); does not decode
            with Image.open(sti, formats=["PNG", "JPEG"]) as bilde:
                bilde.load()  # decodes every pixel: a cut-off picture fails here
                # A JPEG from a camera can be an MPO (JPEG with extra frames).
                formatet = "JPEG" if bilde.format == "MPO" else bilde.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return for_stor
    except UnidentifiedImageError:
        return "logoen skal være et bilde i PNG- eller JPEG-format (.png, .jpg)."
    except Exception:  # Pillow raises many kinds on a damaged picture
        return (
            "logoen er ødelagt eller ufullstendig og kan ikke vises. Åpne originalen og "
            "lagre den på nytt som PNG."
        )
    if formatet not in {"PNG", "JPEG"}:
        return "logoen skal være et bilde i PNG- eller JPEG-format (.png, .jpg)."
    # python-docx (which places the picture) reads the header itself; it knows
    # JPEG only with a JFIF or Exif header.
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image as DocxBilde

    try:
        DocxBilde.from_file(str(sti))
    except (UnrecognizedImageError, OSError, ValueError):
        return (
            "denne JPEG-filen er lagret på en måte Word-dokumentene ikke kan bruke. "
            "Lagre logoen som PNG."
        )
    return None


def _art(sti: Path) -> tuple[str, OSError | None]:
    """Tell what is at `sti`: "fil", "mappe", "annet" (a device, a pipe), "ingen" or "ulesbar".

    For "ulesbar", the error says why.
    """
    try:
        modus = sti.stat().st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return "ingen", None
    except OSError as e:
        return "ulesbar", e
    if stat.S_ISREG(modus):
        return "fil", None
    return ("mappe" if stat.S_ISDIR(modus) else "annet"), None


def finn_innstillinger(oppgitt: Path | None = None, mappe: Path | None = None) -> Innstillinger:
    """Load the settings file given, or the one in `mappe` (the working folder), or defaults."""
    if oppgitt is not None:
        if _art(Path(oppgitt))[0] == "ingen":
            raise InnstillingError(f"Fant ikke innstillingsfilen «{oppgitt}».", exit_code=2)
        return last_innstillinger(Path(oppgitt))
    try:
        kandidat = (mappe or Path.cwd()) / FILNAVN
    except OSError:  # the working folder is gone
        return STANDARD
    return STANDARD if _art(kandidat)[0] == "ingen" else last_innstillinger(kandidat)


def last_innstillinger(sti: Path) -> Innstillinger:
    """Load the settings in `sti`; a wrong setting is an error that names its line."""
    art, _ = _art(sti)
    if art == "mappe":
        raise InnstillingError(
            f"«{sti}» er en mappe, ikke en innstillingsfil. Oppgi selve filen "
            f"({FILNAVN}), eller lag en med «skjemaverk init».",
            exit_code=2,
        )
    if art == "annet":
        raise InnstillingError(f"«{sti}» er ikke en vanlig fil.", exit_code=2)
    try:
        with open(sti, "rb") as fil:
            innhold = fil.read(MAKS_FILSTORRELSE + 1)
    except OSError as e:
        raise InnstillingError(f"Kunne ikke lese «{sti}»: {grunn(e)}.", exit_code=2) from e
    if len(innhold) > MAKS_FILSTORRELSE:
        raise InnstillingError(
            f"{sti.name}: filen er over {MAKS_FILSTORRELSE // (1024 * 1024)} MB, altfor stor "
            "til å være en innstillingsfil (den er vanligvis et par kilobyte). Kontroller at "
            "du har valgt riktig fil.",
            exit_code=2,
        )
    try:
        tekst = innhold.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InnstillingError(
            f"{sti.name}: filen er ikke lagret som UTF-8. Lagre den som UTF-8 i Notisblokk "
            "(Lagre som › Koding: UTF-8).",
            exit_code=2,
        ) from e
    return _Leser(sti, tekst).les(_tolk(sti, tekst))


def _tolk(sti: Path, tekst: str) -> dict[str, Any]:
    """Parse `tekst` as TOML, or raise InnstillingError naming the line."""

    def feil(melding: str) -> InnstillingError:
        return InnstillingError(melding, exit_code=2)

    return les_toml(
        tekst,
        sti.name,
        "innstillingene",
        "Kontroller at tekst står i anførselstegn, at datoer er skrevet som 2026-08-17, og at "
        "hver innstilling står på sin egen linje.",
        "En innstilling er en tekst, et tall eller en dato; «skjemaverk init» skriver en fil som "
        "viser hvordan.",
        feil,
    )


class _Leser:
    """Turns parsed TOML into Innstillinger, naming the line of a wrong value."""

    def __init__(self, sti: Path, tekst: str) -> None:
        self.sti = sti
        self.linjer = tekst.split("\n")
        self.nummer = 0  # which [[skolear.ferie]] is being read

    def feil(self, seksjon: str, key: str, melding: str, nummer: int = 0) -> InnstillingError:
        linje = self._linje(seksjon, key, nummer or self.nummer)
        return InnstillingError(f"{self.sti.name}{hvor(linje)} ({key}): {melding}", exit_code=2)

    def _linje(self, seksjon: str, key: str, nummer: int = 0) -> int | None:
        """Return the line of `key` in `seksjon` (see `toolkit.tomlfil.finn_linje`)."""
        return finn_linje(self.linjer, seksjon, key, nummer)

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

    def _tekst(
        self, seksjon: str, verdi: dict[str, Any], key: str, linjeskift: bool = False
    ) -> str | None:
        if key not in verdi:
            return None
        tekst = verdi[key]
        if not isinstance(tekst, str):
            raise self.feil(seksjon, key, "skal være tekst i anførselstegn.")
        tillatt = "\n\r\t" if linjeskift else ""
        if any(unicodedata.category(t) == "Cc" and t not in tillatt for t in tekst):
            hva = "et usynlig kontrolltegn" if linjeskift else "et linjeskift eller kontrolltegn"
            raise self.feil(seksjon, key, f"teksten har {hva} som ikke kan stå her. Fjern det.")
        return tekst

    def _sti(self, seksjon: str, verdi: dict[str, Any], key: str, fil: bool) -> Path | None:
        tekst = self._tekst(seksjon, verdi, key)
        if not tekst:
            return None
        try:
            sti = Path(tekst).expanduser()
        except RuntimeError as e:  # "~navn/..." for a user that does not exist
            raise self.feil(seksjon, key, f"fant ikke hjemmemappen i «{_kort(tekst)}».") from e
        if not sti.is_absolute():
            sti = self.sti.parent / sti
        art, feil = _art(sti)
        if feil is not None:
            raise self.feil(seksjon, key, f"kunne ikke åpne «{_kort(tekst)}»: {grunn(feil)}.")
        if fil and art == "mappe":
            raise self.feil(seksjon, key, f"«{_kort(tekst)}» er en mappe; oppgi en fil.")
        if fil and art != "fil":
            raise self.feil(seksjon, key, f"fant ikke filen «{_kort(tekst)}».")
        if not fil and art not in ("mappe", "ingen"):
            raise self.feil(seksjon, key, f"«{_kort(tekst)}» er en fil; oppgi en mappe.")
        return sti

    def _dato(self, seksjon: str, verdi: dict[str, Any], key: str) -> date:
        if key not in verdi:
            raise self.feil(seksjon, key, f"mangler. Skriv datoen slik: {key} = 2026-08-17.")
        dag = verdi[key]
        if not isinstance(dag, date) or isinstance(dag, datetime):
            raise self.feil(seksjon, key, "skal være en dato skrevet som 2026-08-17.")
        if not FORSTE_AAR <= dag.year <= SISTE_AAR:
            raise self.feil(
                seksjon,
                key,
                f"{dag.isoformat()} er ikke en dato i et skoleår Skjemaverk kan regne med. "
                f"Skriv en dato mellom år {FORSTE_AAR} og {SISTE_AAR}, som 2026-08-17.",
            )
        return dag

    def les(self, data: dict[str, Any]) -> Innstillinger:
        self._ukjente(
            "",
            data,
            {
                "skole",
                "utdata",
                "maler",
                "skjemaer",
                "dokumenter",
                "videre",
                "skolear",
                "terskler",
                "epost",
            },
        )
        skole = self._seksjon(data, "skole")
        self._ukjente("skole", skole, {"navn", "logo"})
        utdata = self._seksjon(data, "utdata")
        self._ukjente("utdata", utdata, {"mappe"})
        maler = self._seksjon(data, "maler")
        skjemaer = self._seksjon(data, "skjemaer")
        self._ukjente("skjemaer", skjemaer, {"mappe"})
        dokumenter = self._seksjon(data, "dokumenter")
        self._ukjente("dokumenter", dokumenter, {"navngi_laerere", "rektor_underskriver"})
        videre = self._seksjon(data, "videre")
        self._ukjente("videre", videre, {"steg", "terskel_prosent"})
        steg = videre.get("steg", list(Innstillinger.videre_steg))
        if not isinstance(steg, list) or not all(isinstance(s, str) and s.strip() for s in steg):
            raise self.feil("videre", "steg", "skal være en liste med tekster i anførselstegn.")
        if len(steg) > 20 or any(len(s) > 100 for s in steg):
            raise self.feil("videre", "steg", "høyst 20 steg, hvert kortere enn 100 tegn.")
        terskel = videre.get("terskel_prosent", Innstillinger.videre_terskel)
        if (
            isinstance(terskel, bool)
            or not isinstance(terskel, int | float)
            or not math.isfinite(terskel)
            or not 0 <= terskel <= 100
        ):
            raise self.feil("videre", "terskel_prosent", "skal være et tall fra 0 til 100.")
        epost = self._seksjon(data, "epost")
        self._ukjente("epost", epost, {"emne", "tekst", "tekst_ukryptert"})
        logo = self._sti("skole", skole, "logo", fil=True)
        if logo:
            feil = _logo_feil(logo)
            if feil:
                raise self.feil("skole", "logo", feil)
        malstier = {}
        for key in maler:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                raise self.feil(
                    "maler",
                    key,
                    "skriv navnet på dokumentet med små bokstaver uten æ, ø og å, for eksempel "
                    "plan (se «skjemaverk skjemaer»).",
                )
            sti = self._sti("maler", maler, key, fil=True)
            if sti:
                malstier[key] = sti
        skjema_mappe = self._sti("skjemaer", skjemaer, "mappe", fil=False)
        if skjema_mappe is not None and not skjema_mappe.is_dir():
            raise self.feil("skjemaer", "mappe", f"fant ikke mappen «{skjema_mappe}».")
        laerere = dokumenter.get("navngi_laerere", False)
        rektor = dokumenter.get("rektor_underskriver", True)
        for key, verdi in (("navngi_laerere", laerere), ("rektor_underskriver", rektor)):
            if not isinstance(verdi, bool):
                raise self.feil("dokumenter", key, "skal være true eller false.")
        return Innstillinger(
            skole_navn=self._tekst("skole", skole, "navn") or "",
            logo=logo,
            ut_mappe=self._sti("utdata", utdata, "mappe", fil=False),
            maler=malstier,
            skolear=self._skolear(self._seksjon(data, "skolear")),
            terskler=self._terskler(self._seksjon(data, "terskler")),
            epost=Epost(
                emne=self._tekst("epost", epost, "emne") or Epost.emne,
                tekst=self._tekst("epost", epost, "tekst", linjeskift=True) or Epost.tekst,
                tekst_ukryptert=self._tekst("epost", epost, "tekst_ukryptert", linjeskift=True)
                or Epost.tekst_ukryptert,
            ),
            kilde=self.sti,
            skjema_mappe=skjema_mappe,
            vis_laerere=laerere,
            rektor_underskriver=rektor,
            videre_steg=tuple(s.strip() for s in steg),
            videre_terskel=float(terskel),
        )

    def _skolear(self, verdi: dict[str, Any]) -> Skolear | None:
        if not verdi:
            return None
        self._ukjente("skolear", verdi, {"start", "slutt", "ferie"})
        start = self._dato("skolear", verdi, "start")
        slutt = self._dato("skolear", verdi, "slutt")
        if slutt <= start:
            raise self.feil("skolear", "slutt", "siste skoledag må være etter første skoledag.")
        if (slutt - start).days > 366:
            raise self.feil(
                "skolear",
                "slutt",
                "siste skoledag må være innen et år etter første skoledag; skriv ett skoleår "
                "(for eksempel start = 2026-08-17 og slutt = 2027-06-18).",
            )
        ferier = []
        liste = verdi.get("ferie", [])
        if not isinstance(liste, list):
            raise self.feil("skolear", "ferie", "skriv hver ferie som [[skolear.ferie]].")
        if len(liste) > MAKS_FERIER:
            raise self.feil("skolear", "ferie", f"et skoleår kan ha høyst {MAKS_FERIER} ferier.")
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
            if fra < start or til > slutt:
                raise self.feil(
                    "skolear.ferie",
                    "fra" if fra < start else "til",
                    f"{navn} må ligge inne i skoleåret, fra {_dag(start)} til {_dag(slutt)}.",
                )
            ferier.append(Ferie(navn, fra, til))
        self.nummer = 0
        # Breaks the school does not list keep the common calendar's dates.
        egne = {f.navn.casefold() for f in ferier}
        vanlige = [
            f
            for f in standard_skolear(skolearet_for(start)).ferier
            if f.navn.casefold() not in egne and start <= f.fra and f.til <= slutt
        ]
        kilde = f"skolens egen skolerute i {self.sti.name} ({_dag(start)}–{_dag(slutt)})"
        if vanlige:
            navn = ", ".join(f.navn.lower() for f in vanlige)
            kilde += f", med de vanlige datoene for {navn}"
        return Skolear(start, slutt, tuple(sorted([*ferier, *vanlige], key=lambda f: f.fra)), kilde)

    def _terskler(self, verdi: dict[str, Any]) -> Terskler:
        kjente = {f.name for f in fields(Terskler)}
        self._ukjente("terskler", verdi, kjente)
        verdier: dict[str, Any] = {}
        for key, tall in verdi.items():
            maks = TERSKEL_MAKS[key]
            grenser = f"skal være et tall fra 0 til {maks}"
            if isinstance(tall, bool) or not isinstance(tall, int | float):
                raise self.feil("terskler", key, f"{grenser}.")
            if isinstance(tall, float) and not math.isfinite(tall):
                raise self.feil(
                    "terskler", key, f"{grenser} (nan og inf kan ikke brukes); 0 slår av varselet."
                )
            if not 0 <= tall <= maks:
                raise self.feil("terskler", key, f"{grenser}; 0 slår av varselet.")
            if key != "prosent_dager" and not float(tall).is_integer():
                raise self.feil("terskler", key, "skal være et helt tall.")
            verdier[key] = float(tall) if key == "prosent_dager" else int(tall)
        return Terskler(**verdier)


def _dag(dag: date) -> str:
    return dag.strftime("%d.%m.%Y")


def _kort(tekst: str, lengde: int = 80) -> str:
    """Return `tekst` cut to `lengde` characters for a message."""
    return tekst if len(tekst) <= lengde else tekst[: lengde - 1] + "…"

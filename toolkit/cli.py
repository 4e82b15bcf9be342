"""The command line: a thin layer over the toolkit's API."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from toolkit._avbrudd import Stoppet, fanget
from toolkit._norsk_click import bruk_norsk
from toolkit.errors import EXIT_OK, EXIT_SKJEMAFEIL, EXIT_ULESELIG, SkjemaverkError
from toolkit.modell import Skjemadata

if TYPE_CHECKING:
    from toolkit.innstillinger import Innstillinger

bruk_norsk()

SKJEMAPASSORD_MILJO = "SKJEMAVERK_SKJEMAPASSORD"
FEILSOK_MILJO = "SKJEMAVERK_FEILSOK"
EXIT_UVENTET = 3
EXIT_AVBRUTT = 130
EXIT_ROR = 141  # as a shell says: the program reading the output stopped (SIGPIPE)
# A stop signal gives 128 + its number, as a shell reports it (toolkit._avbrudd.Stoppet).
EXIT_SIGHUP = 129
EXIT_SIGTERM = 143

_UTGANGSKODER = f"""
\b
Utgangskoder:
  {EXIT_OK}    alt i orden (advarsler blir skrevet ut, men stopper ikke)
  {EXIT_SKJEMAFEIL}    noe i skjemaet eller malen må rettes, eller en fil finnes fra før
  {EXIT_ULESELIG}    en fil kan ikke leses (skjema, mal, innstillinger), eller kommandoen
       er feil skrevet (ukjent valg, ugyldig e-postadresse, for kort passord)
  3    uventet feil i Skjemaverk
  {EXIT_SIGHUP}  avbrutt fordi terminalvinduet ble lukket (SIGHUP)
  130  avbrutt (Ctrl+C)
  141  programmet som leste utskriften, stoppet
  {EXIT_SIGTERM}  avbrutt fordi Skjemaverk ble bedt om å avslutte (SIGTERM)
"""


class _Kommando(click.Command):
    """A command whose usage line is Norwegian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[VALG]")
        super().__init__(*args, **kwargs)


class _Gruppe(click.Group):
    """Turns every SkjemaverkError into its message and exit code, never a traceback."""

    command_class = _Kommando

    def invoke(self, ctx: click.Context) -> Any:
        with fanget():  # SIGTERM, SIGHUP, a closing console: Stoppet, and every finally runs
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SkjemaverkError as e:
            click.echo(f"Feil: {e.melding}", err=True)
            ctx.exit(e.exit_code)
        except (KeyboardInterrupt, click.Abort):  # Ctrl+C, also at a prompt
            click.echo("\nAvbrutt. Ingen halvferdige filer er lagret.", err=True)
            ctx.exit(EXIT_AVBRUTT)
        except Stoppet as e:
            # The terminal may be gone already (SIGHUP): then there is no one to tell.
            with contextlib.suppress(OSError):
                click.echo(f"\n{e.melding} Ingen halvferdige filer er lagret.", err=True)
            ctx.exit(e.exit_code)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except BrokenPipeError:
            # The reader went away (`skjemaverk sjekk ... | head`): stop quietly.
            tom = os.open(os.devnull, os.O_WRONLY)
            os.dup2(tom, sys.stdout.fileno())
            ctx.exit(EXIT_ROR)
        except Exception as e:
            # A fault in Skjemaverk itself, not in what the user gave it. The
            # traceback could quote the form, so it is shown only on request.
            if os.environ.get(FEILSOK_MILJO) == "1":
                raise
            click.echo(
                f"Uventet feil i Skjemaverk ({type(e).__name__}). Ingen halvferdige filer er "
                "lagret. Dette er en feil i programmet, ikke i det du har gjort. Meld fra til "
                f"den som drifter Skjemaverk; med miljøvariabelen {FEILSOK_MILJO}=1 vises "
                "detaljene.",
                err=True,
            )
            ctx.exit(EXIT_UVENTET)


@click.group(
    cls=_Gruppe,
    options_metavar="[VALG]",
    subcommand_metavar="KOMMANDO [ARGUMENTER]...",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_UTGANGSKODER,
)
@click.version_option(package_name="skjemaverk", message="skjemaverk %(version)s")
def main() -> None:
    """Skjemaverk: fra kartleggingsskjema i Excel til rapport og plan i Word.

    Arbeidsgangen ved bekymringsfullt skolefravær:

    \b
      1. skjemaverk nytt            lag et blankt kartleggingsskjema
      2. fyll ut skjemaet i Excel sammen med eleven og foresatte
      3. skjemaverk sjekk FIL       se om skjemaet er riktig utfylt
      4. skjemaverk lag FIL         lag kartleggingsrapport og plan i Word

    Skriv «skjemaverk KOMMANDO --help» for hjelp til hver kommando.
    """


def _skjemapassord_valg(*navn: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def pynt(funksjon: Callable[..., Any]) -> Callable[..., Any]:
        return click.option(
            *navn,
            "spor_skjemapassord",
            is_flag=True,
            help=(
                "Skjemaet er beskyttet med passord: spør etter passordet (det vises ikke). "
                f"I skript kan passordet i stedet stå i miljøvariabelen {SKJEMAPASSORD_MILJO}."
            ),
        )(funksjon)

    return pynt


def _innstillinger_valg(funksjon: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--innstillinger",
        "innstillinger_fil",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=(
            "Skolens innstillingsfil (standard: skjemaverk.toml i mappen du står i, "
            "hvis den finnes). Lag en med «skjemaverk init»."
        ),
    )(funksjon)


def _innstillinger(fil: Path | None) -> Innstillinger:
    from toolkit.innstillinger import finn_innstillinger

    return finn_innstillinger(fil)


def _skjult(tekst: str, default: str | None = None) -> str:
    """Ask for a password without showing it.

    From a pipe there is nothing on screen to hide: the line is read as it is
    (getpass would warn in English that it cannot hide the input).
    """
    if sys.stdin is not None and not sys.stdin.isatty():
        click.echo(f"{tekst}: ", nl=False, err=True)
        linje = sys.stdin.readline()
        if not linje:
            raise click.Abort
        click.echo(err=True)
        return linje.rstrip("\r\n") or (default if default is not None else "")
    return click.prompt(tekst, hide_input=True, err=True, default=default, show_default=False)


def _skjemapassord(spor: bool) -> str | None:
    """Return the password that opens the form: asked for, or from the environment."""
    if spor:
        return _skjult("Passord for skjemaet")
    return os.environ.get(SKJEMAPASSORD_MILJO) or None


def _dokumentpassord() -> str:
    """Return the password for the documents: from the environment, typed, or made here."""
    from toolkit.beskytt import MILJO, RAD, lag_passfrase, passord_fra_miljo, sjekk_passord

    fra_miljo = passord_fra_miljo()
    if fra_miljo:
        return sjekk_passord(fra_miljo)

    def spor(tekst: str) -> str:
        return _skjult(tekst, default="")

    skrevet = spor("Passord for dokumentene (trykk Enter for å få laget et sterkt passord)")
    if skrevet:
        sjekk_passord(skrevet)
        if spor("Skriv passordet en gang til") != skrevet:
            raise SkjemaverkError("De to passordene er ikke like. Prøv igjen.", exit_code=2)
        return skrevet
    passfrase = lag_passfrase()
    # On the terminal, not in the output that a script may save to a log.
    click.echo(f"Passord for dokumentene: {passfrase}", err=True)
    click.echo(f"{RAD} (I skript: miljøvariabelen {MILJO}.)", err=True)
    return passfrase


def _les(fil: Path, passord: str | None, innstillinger: Innstillinger) -> Skjemadata | None:
    """Read and check one form; say why when it cannot be read, and return None."""
    from toolkit.definisjon import standard_definisjon
    from toolkit.errors import UlesbarFilError
    from toolkit.les import les_skjema

    try:
        return les_skjema(
            fil, passord=passord, definisjon=standard_definisjon(), innstillinger=innstillinger
        )
    except UlesbarFilError as e:
        click.echo(f"{fil.name or fil}: {e.melding}", err=True)
        return None


def _skriv_funn(navn: str, data: Skjemadata) -> None:
    feil, advarsler = len(data.feil), len(data.advarsler)
    if not data.funn:
        click.echo(f"{navn}: OK, ingen feil eller advarsler.")
        return
    click.echo(f"{navn}: {feil} feil, {advarsler} {'advarsel' if advarsler == 1 else 'advarsler'}")
    for funn in sorted(data.funn, key=lambda f: f.alvor != "feil"):
        click.echo(f"  {funn.tekst()}")


@main.command()
@click.argument("fil", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overskriv", is_flag=True, help="Erstatt filen hvis den finnes fra før.")
def nytt(fil: Path | None, overskriv: bool) -> None:
    """Lag et blankt kartleggingsskjema i Excel.

    FIL er navnet på det nye skjemaet (standard: kartleggingsskjema.xlsx i
    mappen du står i). En fil som finnes fra før blir ikke overskrevet uten
    --overskriv.

    \b
    Eksempel:
      skjemaverk nytt "Kartlegging Amin.xlsx"
    """
    from toolkit.blank import skriv_blankt
    from toolkit.definisjon import standard_definisjon

    fil = fil or Path("kartleggingsskjema.xlsx")
    if fil.suffix.lower() != ".xlsx":
        raise SkjemaverkError(
            f"Filnavnet «{fil.name}» må slutte på .xlsx.", exit_code=EXIT_ULESELIG
        )
    if fil.exists() and not overskriv:
        raise SkjemaverkError(
            f"Filen «{fil}» finnes fra før og blir ikke overskrevet. Velg et annet navn, "
            "eller legg til --overskriv."
        )
    skriv_blankt(standard_definisjon(), fil)
    click.echo(f"Skrev blankt kartleggingsskjema: {fil}")


@main.command()
@click.argument(
    "fil", required=False, type=click.Path(dir_okay=False, path_type=Path), default=None
)
@click.option("--overskriv", is_flag=True, help="Erstatt filen hvis den finnes fra før.")
def init(fil: Path | None, overskriv: bool) -> None:
    """Lag en innstillingsfil for skolen, med forklaringer.

    Filen (standard: skjemaverk.toml i mappen du står i) har skolens navn og
    logo, mappen dokumentene skrives til, skolens egne maler, skoleruten med
    ferier, tersklene for fravær og teksten i e-postutkastet. Alle verdiene er
    standardverdiene; endre det som gjelder din skole. Skjemaverk finner filen
    når du kjører kommandoer fra samme mappe, eller med --innstillinger FIL.

    \b
    Eksempel:
      skjemaverk init
    """
    from toolkit.innstillinger import FILNAVN, MAL
    from toolkit.skriv import skriv_atomisk

    fil = fil or Path(FILNAVN)
    if fil.exists() and not overskriv:
        raise SkjemaverkError(
            f"Filen «{fil}» finnes fra før og blir ikke overskrevet. Legg til --overskriv "
            "for å erstatte den."
        )
    skriv_atomisk(fil.resolve(), MAL.encode("utf-8"))
    click.echo(f"Skrev innstillingsfil: {fil}")


@main.command()
@click.argument("filer", nargs=-1, required=True, type=click.Path(path_type=Path))
@_skjemapassord_valg("--passord", "--skjemapassord")
@_innstillinger_valg
def sjekk(
    filer: tuple[Path, ...], spor_skjemapassord: bool, innstillinger_fil: Path | None
) -> None:
    """Sjekk at utfylte kartleggingsskjemaer er riktig fylt ut.

    Hvert funn sier om det er en feil (må rettes før dokumentene kan lages)
    eller en advarsel, hvor det står (ark og celle), og hva du bør gjøre.

    \b
    Eksempel:
      skjemaverk sjekk "Kartlegging Amin.xlsx"
    """
    innstillinger = _innstillinger(innstillinger_fil)
    passord = _skjemapassord(spor_skjemapassord)
    kode = EXIT_OK
    for fil in filer:
        data = _les(fil, passord, innstillinger)
        if data is None:
            kode = EXIT_ULESELIG
            continue
        _skriv_funn(fil.name, data)
        if data.har_feil and kode == EXIT_OK:
            kode = EXIT_SKJEMAFEIL
    sys.exit(kode)


@main.command()
@click.option("--json", "som_json", is_flag=True, help="Skriv referansen som JSON.")
@click.option(
    "--docx",
    "docx_fil",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=(
        "Lag i stedet et Word-dokument for dem som lager maler: alle feltene med "
        "eksempelverdier, og hvordan man skriver løkker, vilkår og diagrammer."
    ),
)
@click.option("--overskriv", is_flag=True, help="Erstatt Word-dokumentet hvis det finnes.")
def felter(som_json: bool, docx_fil: Path | None, overskriv: bool) -> None:
    """Vis alle feltene i kartleggingsskjemaet.

    For hvert felt: nøkkel (navnet som brukes i Word-maler), ledetekst, type,
    om det er påkrevd, valgene, og ark og celle i skjemaet. For tabellene
    tiltak og fravaer: kolonnene med nøkkel, ledetekst, type og valg.

    \b
    Eksempel:
      skjemaverk felter --json > felter.json
      skjemaverk felter --docx feltliste.docx
    """
    from toolkit.definisjon import standard_definisjon

    definisjon = standard_definisjon()
    if docx_fil is not None:
        from toolkit.feltdokument import lag_feltdokument

        click.echo(
            f"Skrev feltlisten: {lag_feltdokument(definisjon, docx_fil, overskriv=overskriv)}"
        )
        return
    from toolkit.felter import feltreferanse, som_tekst

    referanse = feltreferanse(definisjon)
    if som_json:
        import json

        click.echo(json.dumps(referanse, ensure_ascii=False, indent=2))
    else:
        click.echo(som_tekst(referanse))


@main.command("sjekk-mal")
@click.argument("maler", nargs=-1, required=True, type=click.Path(path_type=Path))
def sjekk_mal(maler: tuple[Path, ...]) -> None:
    """Sjekk skolens egne Word-maler før de brukes.

    Finner alle problemene i én runde, hvert med hvor det står (avsnitt,
    tabell og celle, topptekst eller bunntekst) og teksten rundt: feil i
    mal-kodene, ukjente felter (med forslag: «mente du elev_navn?»), koder som
    Word har delt opp med formatering, typografiske anførselstegn i en kode,
    løkker over tabellrader uten radkoder, og maler som prøver å kjøre kode.
    Utgangskode 0 når malen er i orden (advarsler stopper ikke), ellers 1.

    \b
    Eksempel:
      skjemaverk sjekk-mal "Vår plan.docx"
    """
    from toolkit.definisjon import standard_definisjon
    from toolkit.malsjekk import har_feil
    from toolkit.malsjekk import sjekk_mal as sjekk

    definisjon = standard_definisjon()
    kode = EXIT_OK
    for mal in maler:
        try:
            funn = sjekk(mal, definisjon)
        except SkjemaverkError as e:
            click.echo(f"{mal.name}: {e.melding}", err=True)
            kode = max(kode, e.exit_code)
            continue
        if not funn:
            click.echo(f"{mal.name}: Malen er i orden.")
            continue
        click.echo(f"{mal.name}:")
        for f in funn:
            click.echo(f"  {f.tekst()}")
        if har_feil(funn):
            kode = max(kode, EXIT_SKJEMAFEIL)
    sys.exit(kode)


_MALNAVN = {
    "kartleggingsrapport": "kartleggingsrapport",
    "rapport": "kartleggingsrapport",
    "plan": "plan",
}


def _maler(valgte: tuple[str, ...], innstillinger: Innstillinger) -> dict[str, Path]:
    """Return the school's templates: from the settings, then from --mal."""
    maler = dict(innstillinger.maler)
    for valg in valgte:
        dokument, _, fil = valg.partition("=")
        dokument = _MALNAVN.get(dokument.strip().lower(), "")
        if not dokument or not fil.strip():
            raise click.BadParameter(
                f"«{valg}» skal skrives som plan=FIL eller kartleggingsrapport=FIL.",
                param_hint="--mal",
            )
        sti = Path(fil.strip())
        if not sti.is_file():
            raise SkjemaverkError(f"Fant ikke malen «{sti}».", exit_code=EXIT_ULESELIG)
        maler[dokument] = sti
    return maler


@main.command()
@click.argument("filer", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--ut",
    "ut_mappe",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=(
        "Mappen dokumentene skrives til (standard: mappen i innstillingene, ellers samme "
        "mappe som skjemaet)."
    ),
)
@click.option("--overskriv", is_flag=True, help="Erstatt dokumenter som finnes fra før.")
@click.option(
    "--mal",
    "maler_valgt",
    multiple=True,
    metavar="DOKUMENT=FIL",
    help=(
        "Bruk skolens egen Word-mal: plan=FIL eller kartleggingsrapport=FIL. Kan gis to "
        "ganger. Sjekk malen først med «skjemaverk sjekk-mal FIL»."
    ),
)
@click.option("--pdf", is_flag=True, help="Lag også en PDF av hvert dokument (med LibreOffice).")
@click.option(
    "--passord",
    "beskytt",
    is_flag=True,
    help=(
        "Beskytt dokumentene (og PDF-ene) med passord. Du blir spurt om passordet; trykk "
        "Enter for å få laget et sterkt passord. I skript: miljøvariabelen SKJEMAVERK_PASSORD."
    ),
)
@click.option(
    "--epost",
    "epost",
    multiple=True,
    metavar="ADRESSE",
    help=(
        "Lag et e-postutkast (.eml) til ADRESSE med dokumentene vedlagt, som Outlook åpner "
        "som ny e-post. Kan gis flere ganger. Krever --passord (eller --ukryptert)."
    ),
)
@click.option(
    "--ukryptert",
    is_flag=True,
    help="Legg ved dokumentene i e-postutkastet uten passord. Frarådes: se advarselen.",
)
@click.option(
    "--anonym",
    is_flag=True,
    help=(
        "Lag i stedet en anonym utgave for anonym drøfting («Anonym - plan.docx»): navn "
        "byttet ut med roller, datoer flyttet, uten skolens navn og logo."
    ),
)
@_skjemapassord_valg("--skjemapassord")
@_innstillinger_valg
def lag(
    filer: tuple[Path, ...],
    ut_mappe: Path | None,
    overskriv: bool,
    maler_valgt: tuple[str, ...],
    pdf: bool,
    beskytt: bool,
    epost: tuple[str, ...],
    ukryptert: bool,
    anonym: bool,
    spor_skjemapassord: bool,
    innstillinger_fil: Path | None,
) -> None:
    """Lag kartleggingsrapport og plan i Word fra utfylte skjemaer.

    Skjemaet sjekkes først. Har det feil, blir feilene skrevet ut og ingen
    dokumenter laget. Ellers skrives to dokumenter med elevens navn i
    filnavnet: «... - kartleggingsrapport.docx» og «... - plan.docx».
    Dokumenter som finnes fra før blir ikke overskrevet uten --overskriv.

    Dokumentene handler om et barn. Skal de sendes, bruk --passord, og send
    passordet på SMS, aldri i samme e-post (se «Dele dokumentene» i README).

    \b
    Eksempel:
      skjemaverk lag "Kartlegging Amin.xlsx" --ut Dokumenter
      skjemaverk lag "Kartlegging Amin.xlsx" --pdf --passord --epost ppt@kommune.no
      skjemaverk lag "Kartlegging Amin.xlsx" --mal plan=var-plan.docx
    """
    from toolkit.definisjon import standard_definisjon
    from toolkit.dele import Deling, Jobb, forbered, fullfor, lag_pdfer, sjekk_deling

    innstillinger = _innstillinger(innstillinger_fil)
    maler = _maler(maler_valgt, innstillinger)
    deling = Deling(pdf=pdf, epost=epost, ukryptert=ukryptert, anonym=anonym)
    sjekk_deling(replace(deling, passord="" if beskytt else None))
    skjemapassord = _skjemapassord(spor_skjemapassord)
    if beskytt:
        deling = replace(deling, passord=_dokumentpassord())
    definisjon = standard_definisjon()
    kode = EXIT_OK

    # 1. Read, check and render every form; nothing is written yet.
    jobber: list[tuple[Path, Jobb]] = []
    brukt: dict[Path, Path] = {}  # target -> the form it is made from, in this run
    for nummer, fil in enumerate(filer, start=1):
        data = _les(fil, skjemapassord, innstillinger)
        if data is None:
            kode = EXIT_ULESELIG
            continue
        if data.funn:
            _skriv_funn(fil.name, data)
        if data.har_feil:
            click.echo(f"{fil.name}: ingen dokumenter laget. Rett feilene og prøv igjen.", err=True)
            kode = max(kode, EXIT_SKJEMAFEIL)
            continue
        mappe = ut_mappe or innstillinger.ut_mappe or fil.resolve().parent
        try:
            jobb = forbered(
                definisjon,
                data,
                mappe,
                deling,
                overskriv=overskriv,
                maler=maler or None,
                innstillinger=innstillinger,
                anonym_nummer=nummer if anonym and len(filer) > 1 else None,
            )
        except SkjemaverkError as e:
            click.echo(f"{fil.name}: {e.melding}", err=True)
            kode = max(kode, e.exit_code)
            continue
        kollisjon = next((sti for sti in jobb.maal if sti.resolve() in brukt), None)
        if kollisjon is not None:
            forrige = brukt[kollisjon.resolve()].name
            click.echo(
                f"{fil.name}: «{kollisjon.name}» lages allerede fra «{forrige}» i denne "
                "kjøringen, og blir ikke skrevet over. Har to elever samme navn, lag "
                "dokumentene i hver sin mappe (--ut).",
                err=True,
            )
            kode = max(kode, EXIT_SKJEMAFEIL)
            continue
        brukt.update({sti.resolve(): fil for sti in jobb.maal})
        jobber.append((fil, jobb))

    # What a killed run left in these folders goes before anything new is made.
    from toolkit.arbeidsmappe import rydd_etterlatte

    for mappe in dict.fromkeys(next(iter(jobb.docx.values())).parent for _, jobb in jobber):
        melding = rydd_etterlatte(mappe)
        if melding:
            click.echo(melding, err=True)

    # 2. Every PDF of the run in one start of LibreOffice.
    if deling.pdf and jobber:
        for merknad in lag_pdfer([jobb for _, jobb in jobber]):
            click.echo(merknad, err=True)

    if skjemapassord and deling.passord is None and jobber:
        click.echo(
            "Merk: skjemaet er beskyttet med passord, men dokumentene blir det ikke. "
            "Bruk --passord for å beskytte dem også.",
            err=True,
        )

    # 3. Protect, attach and write, form by form.
    for fil, jobb in jobber:
        try:
            resultat = fullfor(jobb)
        except SkjemaverkError as e:
            click.echo(f"{fil.name}: {e.melding}", err=True)
            kode = max(kode, e.exit_code)
            continue
        for sti in resultat.filer:
            click.echo(f"Skrev {sti}")
        for merknad in resultat.merknader:
            click.echo(merknad, err=True)
    sys.exit(kode)


@main.command()
@click.argument("fil", type=click.Path(path_type=Path))
@_skjemapassord_valg("--passord", "--skjemapassord")
@_innstillinger_valg
def fravaer(fil: Path, spor_skjemapassord: bool, innstillinger_fil: Path | None) -> None:
    """Vis fraværsbildet for et skjema: tall, mønstre og varsler.

    Regner ut fraværet fra fraværsregistreringen i skjemaet: hele dager og
    enkelttimer hver for seg, ganger for sent, dokumentert og ikke, og
    prosent av skoledagene fra skolestart til kartleggingsdatoen. Viser
    fraværet per ukedag, fag, lærer, type og uke, korte fravær og lengste
    sammenhengende fravær, og hvilke terskler som er passert. Skoleruten og
    tersklene kommer fra innstillingene (skjemaverk init).

    \b
    Eksempel:
      skjemaverk fravaer "Kartlegging Amin.xlsx"
    """
    from datetime import date

    from toolkit.fravaer import fravaer_tekst, fravaersbilde

    innstillinger = _innstillinger(innstillinger_fil)
    data = _les(fil, _skjemapassord(spor_skjemapassord), innstillinger)
    if data is None:
        sys.exit(EXIT_ULESELIG)
    if data.har_feil:
        _skriv_funn(fil.name, data)
        click.echo(f"{fil.name}: rett feilene først, så blir tallene riktige.", err=True)
        sys.exit(EXIT_SKJEMAFEIL)
    til = data.verdier.get("kartlegging_dato")
    til = til if isinstance(til, date) else date.today()
    bilde = fravaersbilde(
        data.tabeller.get("fravaer") or [],
        innstillinger.skolear_for(til),
        innstillinger.terskler,
        til,
    )
    click.echo(fravaer_tekst(bilde))

"""The command line: a thin layer over the toolkit's API."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from toolkit._avbrudd import Stoppet, fanget
from toolkit._norsk_click import bruk_norsk
from toolkit.errors import EXIT_OK, EXIT_SKJEMAFEIL, EXIT_ULESELIG, SkjemaverkError
from toolkit.modell import Skjemadata

if TYPE_CHECKING:
    from toolkit.definisjon import Skjemadefinisjon
    from toolkit.innstillinger import Innstillinger
    from toolkit.register import Register

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


def _etter_avbrudd(for_kjoringen: int) -> str:
    """Say what an interrupted run left: no half files, and which files it had written."""
    from toolkit.skriv import skrevne
    from toolkit.tekst import liste

    ferdige = skrevne()[for_kjoringen:]
    if not ferdige:
        return "Ingen halvferdige filer er lagret."
    navn = liste([f"«{sti.name}»" for sti in dict.fromkeys(ferdige)])
    return f"Ingen halvferdige filer er lagret. Disse ble skrevet ferdig før avbruddet: {navn}."


def _skrevet_hittil() -> int:
    """How many files this process has written (toolkit.skriv loaded only if it has)."""
    skriv = sys.modules.get("toolkit.skriv")
    return len(skriv.skrevne()) if skriv is not None else 0


def _rydd(mappe: Path) -> None:
    """Remove what a killed run left in `mappe`, and say so."""
    from toolkit.arbeidsmappe import rydd_etterlatte

    melding = rydd_etterlatte(mappe)
    if melding:
        click.echo(melding, err=True)


class _Gruppe(click.Group):
    """Turns every SkjemaverkError into its message and exit code, never a traceback."""

    command_class = _Kommando

    def invoke(self, ctx: click.Context) -> Any:
        with fanget():  # SIGTERM, SIGHUP, a closing console: Stoppet, and every finally runs
            return self._invoke(ctx, _skrevet_hittil())

    def _invoke(self, ctx: click.Context, for_kjoringen: int) -> Any:
        try:
            return super().invoke(ctx)
        except SkjemaverkError as e:
            click.echo(f"Feil: {e.melding}", err=True)
            ctx.exit(e.exit_code)
        except (KeyboardInterrupt, click.Abort):  # Ctrl+C, also at a prompt
            click.echo(f"\nAvbrutt. {_etter_avbrudd(for_kjoringen)}", err=True)
            ctx.exit(EXIT_AVBRUTT)
        except Stoppet as e:
            # The terminal may be gone already (SIGHUP): then there is no one to tell.
            with contextlib.suppress(OSError):
                click.echo(f"\n{e.melding} {_etter_avbrudd(for_kjoringen)}", err=True)
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

    Skjemaverk har flere skjemaer; «skjemaverk skjemaer» viser dem.
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


def _register(innstillinger: Innstillinger) -> Register:
    """The forms of this run: the built-in ones, and the school's own from the settings.

    Every definition is checked in full here, derivations included, so a mistake
    in one stops every command with its file and line, not only `lag`.
    """
    from toolkit.avledning import sjekk_avledninger
    from toolkit.register import last_register

    register = last_register(innstillinger.skjema_mappe)
    for definisjon in (*register.definisjoner, *register.tidligere):
        sjekk_avledninger(definisjon)
    for merknad in register.merknader:
        click.echo(merknad, err=True)
    return register


def _skjema_valg(funksjon: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--skjema",
        "skjema_navn",
        metavar="SKJEMA",
        default=None,
        help="Hvilket skjema (se «skjemaverk skjemaer»). Standard: kartleggingsskjemaet.",
    )(funksjon)


def _definisjon(register: Register, navn: str | None) -> Skjemadefinisjon:
    return register.velg(navn) if navn else register.standard()


def _skjult(tekst: str, miljo: str, default: str | None = None) -> str:
    """Ask for a password without showing it.

    From a pipe there is nothing on screen to hide: the line is read as it is
    (getpass would warn in English that it cannot hide the input). With nothing
    to read (no terminal, an empty pipe), the environment variable `miljo` is the
    way to give it.
    """
    if sys.stdin is not None and not sys.stdin.isatty():
        click.echo(f"{tekst}: ", nl=False, err=True)
        linje = sys.stdin.readline()
        if not linje:
            click.echo(err=True)
            raise SkjemaverkError(
                "Fant ikke noe passord å lese: Skjemaverk kjører uten et vindu å skrive det "
                f"i. Sett passordet i miljøvariabelen {miljo}, eller kjør kommandoen i et "
                "terminalvindu.",
                exit_code=2,
            )
        click.echo(err=True)
        return linje.rstrip("\r\n") or (default if default is not None else "")
    return click.prompt(tekst, hide_input=True, err=True, default=default, show_default=False)


def _skjemapassord(spor: bool) -> str | None:
    """Return the password that opens the form: from the environment, or asked for.

    As with the documents' password (`lag --passord`), the environment variable is
    used when it is set, also with the flag: a script may give both.
    """
    fra_miljo = os.environ.get(SKJEMAPASSORD_MILJO) or None
    if spor and fra_miljo is None:
        return _skjult("Passord for skjemaet", SKJEMAPASSORD_MILJO)
    return fra_miljo


def _dokumentpassord() -> str:
    """Return the password for the documents: from the environment, typed, or made here."""
    from toolkit.beskytt import MILJO, RAD, lag_passfrase, passord_fra_miljo, sjekk_passord

    fra_miljo = passord_fra_miljo()
    if fra_miljo:
        return sjekk_passord(fra_miljo)

    def spor(tekst: str) -> str:
        return _skjult(tekst, MILJO, default="")

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


def _les(
    fil: Path, passord: str | None, innstillinger: Innstillinger, register: Register
) -> Skjemadata | None:
    """Read and check one form; say why when it cannot be read, and return None."""
    from toolkit.errors import UlesbarFilError
    from toolkit.inntak import les_skjema

    try:
        return les_skjema(fil, passord, innstillinger=innstillinger, register=register)
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


def _ny_fil(fil: Path, endelse: str, overskriv: bool) -> None:
    """Refuse a wrong file ending, or an existing file without --overskriv."""
    from toolkit.skriv import sjekk_ledig

    if fil.suffix.lower() != endelse:
        raise SkjemaverkError(
            f"Filnavnet «{fil.name}» må slutte på {endelse}.", exit_code=EXIT_ULESELIG
        )
    sjekk_ledig([fil], overskriv)


@main.command()
@click.argument("fil", required=False, type=click.Path(dir_okay=False, path_type=Path))
@_skjema_valg
@click.option("--overskriv", is_flag=True, help="Erstatt filen hvis den finnes fra før.")
@_innstillinger_valg
def nytt(
    fil: Path | None, skjema_navn: str | None, overskriv: bool, innstillinger_fil: Path | None
) -> None:
    """Lag et blankt skjema i Excel (standard: kartleggingsskjemaet).

    FIL er navnet på det nye skjemaet (standard: skjemaets eget navn, for
    eksempel kartleggingsskjema.xlsx, i mappen du står i). En fil som finnes
    fra før blir ikke overskrevet uten --overskriv.

    \b
    Eksempel:
      skjemaverk nytt "Kartlegging Amin.xlsx"
      skjemaverk nytt "Ny sak.xlsx" --skjema NAVN      (NAVN fra «skjemaverk skjemaer»)
    """
    from toolkit.blank import skriv_blankt

    definisjon = _definisjon(_register(_innstillinger(innstillinger_fil)), skjema_navn)
    fil = fil or Path(definisjon.blankt_navn)
    _ny_fil(fil, ".xlsx", overskriv)
    _rydd(fil.resolve().parent)
    skriv_blankt(definisjon, fil)
    click.echo(f"Skrev blankt skjema ({definisjon.kort_tittel.lower()}): {fil}")


@main.command()
@click.argument(
    "fil", required=False, type=click.Path(dir_okay=False, path_type=Path), default=None
)
@click.option("--overskriv", is_flag=True, help="Erstatt filen hvis den finnes fra før.")
def init(fil: Path | None, overskriv: bool) -> None:
    """Lag en innstillingsfil for skolen, med forklaringer.

    Filen (standard: skjemaverk.toml i mappen du står i) har skolens navn og
    logo, mappen dokumentene skrives til, skolens egne maler og skjemaer,
    skoleruten med ferier, tersklene for fravær og teksten i e-postutkastet.
    Alle verdiene er standardverdiene; endre det som gjelder din skole.
    Skjemaverk finner filen når du kjører kommandoer fra samme mappe, eller
    med --innstillinger FIL.

    \b
    Eksempel:
      skjemaverk init
    """
    from toolkit.innstillinger import FILNAVN, MAL
    from toolkit.skriv import sjekk_ledig, skriv_atomisk

    fil = fil or Path(FILNAVN)
    sjekk_ledig([fil], overskriv)
    _rydd(fil.resolve().parent)
    skriv_atomisk(fil.resolve(), MAL.encode("utf-8"))
    click.echo(f"Skrev innstillingsfil: {fil}")


@main.command()
@click.argument("filer", nargs=-1, required=True, type=click.Path(path_type=Path))
@_skjemapassord_valg("--passord", "--skjemapassord")
@_innstillinger_valg
def sjekk(
    filer: tuple[Path, ...], spor_skjemapassord: bool, innstillinger_fil: Path | None
) -> None:
    """Sjekk at utfylte skjemaer er riktig fylt ut.

    Hvert funn sier om det er en feil (må rettes før dokumentene kan lages)
    eller en advarsel, hvor det står (ark og celle), og hva du bør gjøre.
    Skjemaet sier selv hvilket skjema og hvilken versjon det er; et skjema
    fra en eldre versjon får en advarsel om hvordan det oppgraderes.

    \b
    Eksempel:
      skjemaverk sjekk "Kartlegging Amin.xlsx"
    """
    from toolkit.inntak import skolerute

    innstillinger = _innstillinger(innstillinger_fil)
    register = _register(innstillinger)
    passord = _skjemapassord(spor_skjemapassord)
    kode = EXIT_OK
    for fil in filer:
        data = _les(fil, passord, innstillinger, register)
        if data is None:
            kode = EXIT_ULESELIG
            continue
        _skriv_funn(fil.name, data)
        if rute := skolerute(data, innstillinger):
            click.echo(f"  {rute}")
        if data.har_feil and kode == EXIT_OK:
            kode = EXIT_SKJEMAFEIL
    sys.exit(kode)


@main.command()
@_skjema_valg
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
@_innstillinger_valg
def felter(
    skjema_navn: str | None,
    som_json: bool,
    docx_fil: Path | None,
    overskriv: bool,
    innstillinger_fil: Path | None,
) -> None:
    """Vis alle feltene i et skjema (standard: kartleggingsskjemaet).

    For hvert felt: nøkkel (navnet som brukes i Word-maler), ledetekst, type,
    om det er påkrevd, valgene, og ark og celle i skjemaet. For tabellene:
    kolonnene med nøkkel, ledetekst, type og valg. Til slutt verdiene
    Skjemaverk regner ut av skjemaet (fraværsbildet, møteplanen, …).

    \b
    Eksempel:
      skjemaverk felter --json > felter.json
      skjemaverk felter --docx feltliste.docx
      skjemaverk felter --skjema NAVN
    """
    definisjon = _definisjon(_register(_innstillinger(innstillinger_fil)), skjema_navn)
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


@main.command()
@_innstillinger_valg
def skjemaer(innstillinger_fil: Path | None) -> None:
    """Vis skjemaene Skjemaverk kjenner: de innebygde og skolens egne.

    For hvert skjema: navnet du bruker med --skjema, tittelen, versjonen,
    dokumentene det gir og hvor definisjonen ligger. Skolens egne skjemaer
    ligger i mappen som står under [skjemaer] mappe i innstillingene.

    \b
    Eksempel:
      skjemaverk skjemaer
    """
    from toolkit.malvalg import skjemaliste

    click.echo(skjemaliste(_register(_innstillinger(innstillinger_fil))))


@main.command()
@click.option(
    "--kopier",
    "mappe",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Mappen malene kopieres til.",
)
@_skjema_valg
@click.option("--overskriv", is_flag=True, help="Erstatt maler som finnes i mappen fra før.")
@_innstillinger_valg
def maler(
    mappe: Path, skjema_navn: str | None, overskriv: bool, innstillinger_fil: Path | None
) -> None:
    """Kopier malene til et skjema, så skolen kan endre dem i Word.

    Malene er vanlige Word-dokumenter med mal-koder ({{ elev_navn }}). Et
    dokument uten egen mal får en mal laget fra skjemaet. Endre teksten,
    utseendet og logoen som du vil, sjekk malen med «skjemaverk sjekk-mal»,
    og bruk den med --mal eller under [maler] i innstillingene.

    \b
    Eksempel:
      skjemaverk maler --kopier "Våre maler"
      skjemaverk maler --kopier "Våre maler" --skjema NAVN
    """
    from toolkit.malvalg import kopier_maler

    register = _register(_innstillinger(innstillinger_fil))
    _rydd(mappe)
    for sti in kopier_maler(
        _definisjon(register, skjema_navn), mappe, register, overskriv=overskriv
    ):
        click.echo(f"Skrev {sti}")


@main.command()
@click.argument("gammel", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ny", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overskriv", is_flag=True, help="Erstatt den nye filen hvis den finnes fra før.")
@_skjemapassord_valg("--passord", "--skjemapassord")
@_innstillinger_valg
def oppgrader(
    gammel: Path,
    ny: Path | None,
    overskriv: bool,
    spor_skjemapassord: bool,
    innstillinger_fil: Path | None,
) -> None:
    """Flytt et skjema fra en eldre versjon over i et nytt skjema av den nyeste.

    Svarene flyttes felt for felt og tabellene rad for rad. Det som ikke har
    noe sted å gå i den nye versjonen, blir listet opp, så ingenting
    forsvinner uten at du får vite det. Den gamle filen blir ikke endret. NY
    er den nye filen (standard: samme navn med «(versjon N)» bak).

    \b
    Eksempel:
      skjemaverk oppgrader "Kartlegging Amin.xlsx"
    """
    from toolkit.oppgradering import oppgrader as flytt_over

    innstillinger = _innstillinger(innstillinger_fil)
    if ny is not None:
        _ny_fil(ny, ".xlsx", overskriv)
    _rydd((ny or gammel).resolve().parent)
    gjort = flytt_over(
        gammel,
        ny,
        _register(innstillinger),
        passord=_skjemapassord(spor_skjemapassord),
        overskriv=overskriv,
    )
    click.echo(
        f"Skrev {gjort.ny}: skjemaet fra versjon {gjort.fra_versjon} er flyttet over i "
        f"versjon {gjort.til_versjon}. «{gammel.name}» er ikke endret."
    )
    if gjort.ikke_flyttet:
        click.echo(
            "Dette har ikke noe sted å gå i den nye versjonen, og er ikke flyttet:", err=True
        )
        for linje in gjort.ikke_flyttet:
            click.echo(f"  {linje}", err=True)
    click.echo(f'Sjekk den nye filen: skjemaverk sjekk "{gjort.ny}"')


@main.command("sjekk-mal")
@click.argument("maler", nargs=-1, required=True, type=click.Path(path_type=Path))
@_skjema_valg
@_innstillinger_valg
def sjekk_mal(
    maler: tuple[Path, ...], skjema_navn: str | None, innstillinger_fil: Path | None
) -> None:
    """Sjekk skolens egne Word-maler før de brukes.

    Finner alle problemene i én runde, hvert med hvor det står (avsnitt,
    tabell og celle, topptekst eller bunntekst) og teksten rundt: feil i
    mal-kodene, ukjente felter (med forslag: «mente du elev_navn?»), koder som
    Word har delt opp med formatering, typografiske anførselstegn i en kode,
    løkker over tabellrader uten radkoder, og maler som prøver å kjøre kode.
    Malen sjekkes mot feltene i skjemaet (standard: kartleggingsskjemaet).
    Utgangskode 0 når malen er i orden (advarsler stopper ikke), ellers 1.

    \b
    Eksempel:
      skjemaverk sjekk-mal "Vår plan.docx"
    """
    from toolkit.malsjekk import har_feil
    from toolkit.malsjekk import sjekk_mal as sjekk

    register = _register(_innstillinger(innstillinger_fil))
    definisjon = _definisjon(register, skjema_navn)
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
            if skjema_navn is None:
                click.echo(f"  {_annet_skjema(mal, definisjon, register)}")
    sys.exit(kode)


def _annet_skjema(mal: Path, definisjon: Skjemadefinisjon, register: Register) -> str:
    """Say which form a template was checked against, and one it fits if that is another."""
    from toolkit.malsjekk import har_feil
    from toolkit.malsjekk import sjekk_mal as sjekk

    start = f"Malen er sjekket mot «{definisjon.tittel}», som er standard uten --skjema."
    for annen in register.definisjoner:
        if annen is not definisjon and not har_feil(sjekk(mal, annen)):
            navn = annen.kilde.stem if annen.kilde else annen.id
            return (
                f"{start} Den passer til «{annen.tittel}»: skjemaverk sjekk-mal "
                f'"{mal}" --skjema {navn}'
            )
    return f"{start} Hører den til et annet skjema, bruk --skjema NAVN (se skjemaverk skjemaer)."


def _maler(valgte: tuple[str, ...], register: Register) -> dict[str, Path]:
    """Return the templates given with --mal, by document key."""
    from toolkit.malvalg import dokumentnavn

    maler: dict[str, Path] = {}
    for valg in valgte:
        navn, _, fil = valg.partition("=")
        if not navn.strip() or not fil.strip():
            raise click.BadParameter(
                f"«{valg}» skal skrives som DOKUMENT=FIL, for eksempel plan=FIL.",
                param_hint="--mal",
            )
        sti = Path(fil.strip())
        if not sti.is_file():
            raise SkjemaverkError(f"Fant ikke malen «{sti}».", exit_code=EXIT_ULESELIG)
        maler[dokumentnavn(navn, register)] = sti
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
        "byttet ut med roller, datoer skrevet i forhold til kartleggingen («2 uker etter "
        "kartleggingen»), kontaktopplysninger fjernet, uten skolens navn og logo."
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
    """Lag dokumentene i Word fra utfylte skjemaer (rapport, plan, evalueringsnotat).

    Skjemaet sjekkes først. Har det feil, blir feilene skrevet ut og ingen
    dokumenter laget. Ellers skrives skjemaets dokumenter med elevens navn i
    filnavnet, for kartleggingsskjemaet «... - kartleggingsrapport.docx»,
    «... - plan.docx» og, etter et evalueringsmøte, «... - evalueringsnotat
    DATO.docx». Dokumenter som finnes fra før blir ikke overskrevet uten
    --overskriv.

    Dokumentene handler om et barn. Skal de sendes, bruk --passord, og send
    passordet på SMS, aldri i samme e-post (se «Dele dokumentene» i README).

    \b
    Eksempel:
      skjemaverk lag "Kartlegging Amin.xlsx" --ut Dokumenter
      skjemaverk lag "Kartlegging Amin.xlsx" --pdf --passord --epost ppt@kommune.no
      skjemaverk lag "Kartlegging Amin.xlsx" --mal plan=var-plan.docx
    """
    from dataclasses import replace

    from toolkit.dele import Deling, sjekk_deling
    from toolkit.dokumenter import sjekk_malnavn
    from toolkit.kjoring import lag as lag_alle

    innstillinger = _innstillinger(innstillinger_fil)
    register = _register(innstillinger)
    sjekk_malnavn(innstillinger.maler, register)
    maler = _maler(maler_valgt, register)
    deling = Deling(pdf=pdf, epost=epost, ukryptert=ukryptert, anonym=anonym)
    sjekk_deling(replace(deling, passord="" if beskytt else None))
    skjemapassord = _skjemapassord(spor_skjemapassord)
    kjoring = lag_alle(
        filer,
        ut_mappe=ut_mappe,
        deling=deling,
        overskriv=overskriv,
        maler=maler,
        innstillinger=innstillinger,
        register=register,
        skjemapassord=skjemapassord,
        hent_passord=_dokumentpassord if beskytt else None,
    )
    for skjema in kjoring.skjemaer:
        if skjema.data is not None and skjema.data.funn:
            _skriv_funn(skjema.fil.name, skjema.data)
        if skjema.feil:
            melding = (
                skjema.feil if skjema.data is not None else f"{skjema.fil.name}: {skjema.feil}"
            )
            click.echo(melding, err=True)
    for merknad in kjoring.merknader:
        click.echo(merknad, err=True)
    for skjema in kjoring.skjemaer:
        for sti in skjema.filer:
            click.echo(f"Skrev {sti}")
        for merknad in skjema.merknader:
            click.echo(merknad, err=True)
    sys.exit(kjoring.exit_code)


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
    from toolkit.avledning import avledninger, grunnlag
    from toolkit.avledning.fravaer import Fravaer
    from toolkit.avledning.fravaer.ord import fravaer_tekst

    innstillinger = _innstillinger(innstillinger_fil)
    data = _les(fil, _skjemapassord(spor_skjemapassord), innstillinger, _register(innstillinger))
    if data is None:
        sys.exit(EXIT_ULESELIG)
    if data.har_feil:
        _skriv_funn(fil.name, data)
        click.echo(f"{fil.name}: rett feilene først, så blir tallene riktige.", err=True)
        sys.exit(EXIT_SKJEMAFEIL)
    assert data.definisjon is not None
    bilder = [a for a in avledninger(data.definisjon) if isinstance(a, Fravaer)]
    if not bilder:
        raise SkjemaverkError(
            f"{fil.name}: «{data.definisjon.tittel}» har ingen fraværsregistrering.",
            exit_code=EXIT_SKJEMAFEIL,
        )
    g = grunnlag(data.definisjon, data, innstillinger)
    for avledet in bilder:
        bilde = avledet.beregn(g)
        click.echo(fravaer_tekst(bilde, innstillinger.terskler, laerere=innstillinger.vis_laerere))

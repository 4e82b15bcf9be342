"""Make the documents of filled forms and write them safely: what `skjemaverk lag` does.

`lag` takes any number of forms. For each one it reads and checks the form
(`toolkit.inntak`), renders every document in memory, and checks that the
files may be written; a form with errors, or one whose files would clash with
another form's in the same run, gives no documents. Then every PDF of the run
is made in one start of LibreOffice, and each form's files are protected,
attached to an e-mail draft and written (`toolkit.dele`). `lag_dokumenter`
does the same for one form already read, without sharing.

Every file is written through a temporary file and a rename, so a reader
never sees half a document, and an existing file is never replaced without
`overskriv`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from toolkit.arbeidsmappe import rydd_etterlatte
from toolkit.definisjon import Skjemadefinisjon
from toolkit.dele import Deling, Jobb, forbered, fullfor, lag_pdfer, sjekk_deling
from toolkit.dokumenter import maler_for
from toolkit.errors import EXIT_OK, EXIT_SKJEMAFEIL, EXIT_ULESELIG, SkjemaverkError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.inntak import les_skjema
from toolkit.modell import Skjemadata
from toolkit.register import Register, innebygd_register
from toolkit.render import Mal
from toolkit.skriv import skriv_filer
from toolkit.tekst import liste


@dataclass
class Skjemaresultat:
    """What one form gave: its findings, the files written, and what went wrong."""

    fil: Path
    data: Skjemadata | None = None
    filer: list[Path] = field(default_factory=list)
    merknader: list[str] = field(default_factory=list)
    feil: str = ""  # why no documents were made (a Norwegian sentence), "" if they were
    exit_code: int = EXIT_OK


@dataclass
class Kjoring:
    """The result of one run of `lag`: each form's, and what concerns them all."""

    skjemaer: list[Skjemaresultat] = field(default_factory=list)
    merknader: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every form gave its documents; else the highest code of a form."""
        return max((s.exit_code for s in self.skjemaer), default=EXIT_OK)


def _kollisjon(jobb: Jobb, brukt: Mapping[Path, Path]) -> tuple[Path, Path] | None:
    for sti in jobb.maal:
        forrige = brukt.get(sti.resolve())
        if forrige is not None:
            return sti, forrige
    return None


def _dokumenter(resultat: Skjemaresultat) -> list[str]:
    definisjon = resultat.data.definisjon if resultat.data is not None else None
    return [d.key for d in definisjon.dokumenter] if definisjon is not None else []


def _ingen_dokumenter(fil: Path, definisjon: Skjemadefinisjon) -> str:
    """Say why a form gave no documents: each is made only once something is filled in."""
    vilkar = []
    for dok in definisjon.dokumenter:
        if dok.bare_med is not None:
            kilde = (
                definisjon.tabell(dok.bare_med)
                if definisjon.har_tabell(dok.bare_med)
                else definisjon.felt(dok.bare_med)
            )
            vilkar.append(f"«{dok.tittel}» når «{kilde.etikett}» er fylt ut")
    return f"{fil.name}: ingen dokumenter å lage ennå. Skjemaet lager {liste(vilkar)}."


def lag(
    filer: Sequence[Path | str],
    *,
    ut_mappe: Path | None = None,
    deling: Deling | None = None,
    overskriv: bool = False,
    maler: Mapping[str, Path | str] | None = None,
    innstillinger: Innstillinger | None = None,
    register: Register | None = None,
    skjemapassord: str | None = None,
    hent_passord: Callable[[], str] | None = None,
) -> Kjoring:
    """Read, check, render and write the documents of every form in `filer`.

    `ut_mappe` is where the documents go (default: the settings' folder, else
    the form's own folder). `maler` maps a document key to a template for this
    run. `hent_passord` gives the documents' password, asked for only once
    every form has been read and checked and there is something to protect (a
    password made and shown for a form with errors would be sent for nothing).
    Raises SkjemaverkError only for what stops the whole run (a sharing
    combination that would send documents in the clear); everything about one
    form is in its `Skjemaresultat`.
    """
    deling = deling or Deling()
    if hent_passord is not None:
        deling = replace(deling, passord="")  # protected: the password comes later
    sjekk_deling(deling)
    innstillinger = innstillinger or STANDARD
    register = register or innebygd_register()
    kjoring = Kjoring()
    jobber: list[tuple[Skjemaresultat, Jobb]] = []
    brukt: dict[Path, Path] = {}  # a target -> the form it is made from, in this run
    flere = len(filer) > 1

    # 1. Read, check and render every form; nothing is written yet.
    ryddet: set[Path] = set()
    for nummer, fil in enumerate(map(Path, filer), start=1):
        resultat = Skjemaresultat(fil)
        kjoring.skjemaer.append(resultat)
        mappe = ut_mappe or innstillinger.ut_mappe or fil.resolve().parent
        # What a killed run left in the folder goes first, also when this run stops early.
        if mappe.resolve() not in ryddet:
            ryddet.add(mappe.resolve())
            melding = rydd_etterlatte(mappe)
            if melding:
                kjoring.merknader.append(melding)
        try:
            data = les_skjema(fil, skjemapassord, innstillinger=innstillinger, register=register)
        except SkjemaverkError as e:
            resultat.feil, resultat.exit_code = e.melding, max(e.exit_code, EXIT_ULESELIG)
            continue
        resultat.data = data
        if data.har_feil:
            resultat.feil = f"{fil.name}: ingen dokumenter laget. Rett feilene og prøv igjen."
            resultat.exit_code = EXIT_SKJEMAFEIL
            continue
        try:
            assert data.definisjon is not None
            valgte = maler_for(
                data.definisjon, register=register, innstillinger=innstillinger, valgte=maler
            )
            jobb = forbered(
                data.definisjon,
                data,
                mappe,
                deling,
                overskriv=overskriv,
                maler=valgte,
                innstillinger=innstillinger,
                anonym_nummer=nummer if deling.anonym and flere else None,
            )
        except SkjemaverkError as e:
            resultat.feil, resultat.exit_code = f"{fil.name}: {e.melding}", e.exit_code
            continue
        if not jobb.docx:
            resultat.merknader.append(_ingen_dokumenter(fil, data.definisjon))
            continue
        kollisjon = _kollisjon(jobb, brukt)
        if kollisjon is not None:
            sti, forrige = kollisjon
            resultat.feil = (
                f"{fil.name}: «{sti.name}» lages allerede fra «{forrige.name}» i denne kjøringen, "
                "og blir ikke skrevet over. Har to elever samme navn, lag dokumentene i hver sin "
                "mappe (--ut)."
            )
            resultat.exit_code = EXIT_SKJEMAFEIL
            continue
        brukt.update({sti.resolve(): fil for sti in jobb.maal})
        jobber.append((resultat, jobb))

    # A template given for a document none of these forms has is a mistake, not a no-op.
    lest = [r for r in kjoring.skjemaer if r.data is not None and r.data.definisjon is not None]
    for key in maler or {}:
        if lest and not any(key in _dokumenter(r) for r in lest):
            for r in lest:
                assert r.data is not None and r.data.definisjon is not None
                r.feil = (r.feil + "\n" if r.feil else "") + (
                    f"{r.fil.name}: --mal {key}=… gjelder ikke dette skjemaet: "
                    f"«{r.data.definisjon.tittel}» har ikke dokumentet «{key}». Dokumentene er: "
                    f"{', '.join(_dokumenter(r))}. Ingen dokumenter laget."
                )
                r.exit_code = max(r.exit_code, EXIT_ULESELIG)
            jobber = []

    if hent_passord is not None and jobber:
        passord = hent_passord()
        for _, jobb in jobber:
            jobb.deling = replace(jobb.deling, passord=passord)

    # 2. Every PDF of the run in one start of LibreOffice.
    if deling.pdf and jobber:
        kjoring.merknader += lag_pdfer([jobb for _, jobb in jobber])
    if skjemapassord and deling.passord is None and jobber:
        kjoring.merknader.append(
            "Merk: skjemaet er beskyttet med passord, men dokumentene blir det ikke. "
            "Bruk --passord for å beskytte dem også."
        )

    # 3. Protect, attach and write, form by form.
    for resultat, jobb in jobber:
        try:
            skrevet = fullfor(jobb)
        except SkjemaverkError as e:
            resultat.feil, resultat.exit_code = f"{resultat.fil.name}: {e.melding}", e.exit_code
            continue
        resultat.filer = skrevet.filer
        resultat.merknader = skrevet.merknader
    return kjoring


def lag_dokumenter(
    data: Skjemadata,
    ut_mappe: Path,
    *,
    definisjon: Skjemadefinisjon | None = None,
    overskriv: bool = False,
    maler: Mapping[str, Mal | Path | str] | None = None,
    innstillinger: Innstillinger | None = None,
    register: Register | None = None,
) -> list[Path]:
    """Write every document of the form `data` (read with `les_skjema`) to `ut_mappe`.

    `definisjon` defaults to the one `data` was read with. Returns the written
    paths in the definition's order. Raises SkriveError if a target exists
    (unless `overskriv`) or cannot be written, and MalError if a template
    cannot be used; then nothing is written.
    """
    definisjon = definisjon or data.definisjon
    if definisjon is None:
        raise ValueError("data has no definition; read it with toolkit.les_skjema")
    innstillinger = innstillinger or STANDARD
    valgte = maler_for(definisjon, register=register, innstillinger=innstillinger, valgte=maler)
    jobb = forbered(
        definisjon,
        data,
        Path(ut_mappe),
        Deling(),
        overskriv=overskriv,
        maler=valgte,
        innstillinger=innstillinger,
    )
    return skriv_filer(
        {jobb.docx[dok]: innhold for dok, innhold in jobb.innhold.items()}, overskriv=overskriv
    )

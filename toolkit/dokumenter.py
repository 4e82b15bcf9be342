"""The documents of a form: which template makes each one, and rendering them all.

A definition lists its documents (`[[dokument]]`). Each is made with, in this
order: a template given for this run (`--mal plan=FIL`), the school's template
in the settings (`[maler]`), the definition's own template (beside a school's
definition, or in the built-in `maler` folder), or else a generic document
made from the definition (`toolkit.malbygger.generisk_mal`).

Every document of a form is rendered before any is written, from one context:
the derivations are computed once (`toolkit.kontekst`), and each document gets
the parts its template does not place by hand in its generic section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from toolkit.avledning import Avledet
from toolkit.definisjon import Dokument, Skjemadefinisjon
from toolkit.errors import SkjemaverkError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.kontekst import Skjemakontekst, bygg_kontekst, har_verdi, skole_felt
from toolkit.malbygger import generisk_mal, som_bytes
from toolkit.modell import Skjemadata
from toolkit.register import Register, innebygd_register
from toolkit.render import Mal, hent_mal
from toolkit.visning import Visning

_GENERISKE: dict[tuple[int, str], tuple[Skjemadefinisjon, Mal]] = {}


def _generisk(definisjon: Skjemadefinisjon, dokument: Dokument) -> Mal:
    """Return the generic template of `dokument`, made once per definition."""
    lagret = _GENERISKE.get((id(definisjon), dokument.key))
    if lagret is not None and lagret[0] is definisjon:
        return lagret[1]
    navn = f"{dokument.key}.docx (laget fra skjemadefinisjonen)"
    mal = Mal.fra_bytes(som_bytes(generisk_mal(definisjon, dokument)), navn)
    _GENERISKE[(id(definisjon), dokument.key)] = (definisjon, mal)
    return mal


def generisk_malfil(definisjon: Skjemadefinisjon, dokument: Dokument) -> bytes:
    """Return the generic template of `dokument` as .docx bytes (for a school to start from)."""
    return som_bytes(generisk_mal(definisjon, dokument))


def malsti(definisjon: Skjemadefinisjon, dokument: Dokument, register: Register) -> Path | None:
    """Return the definition's own template file for `dokument`, or None for a generic one.

    See `Register.malfil`: beside a school's definition, else the built-in one.
    """
    return register.malfil(definisjon, dokument)


def maler_for(
    definisjon: Skjemadefinisjon,
    *,
    register: Register | None = None,
    innstillinger: Innstillinger = STANDARD,
    valgte: Mapping[str, Mal | Path | str] | None = None,
) -> dict[str, Mal]:
    """Return the prepared template of each document of `definisjon`.

    `valgte` maps a document key to a template for this run. Raises MalError
    for a template that cannot be used, DefinisjonError when the definition
    names a template that is not there.
    """
    register = register or innebygd_register()
    valgte = valgte or {}
    ut: dict[str, Mal] = {}
    for dok in definisjon.dokumenter:
        valgt = valgte.get(dok.key) or innstillinger.maler.get(dok.key)
        if isinstance(valgt, Mal):
            ut[dok.key] = valgt
            continue
        if valgt is not None:
            ut[dok.key] = hent_mal(Path(valgt))
            continue
        sti = malsti(definisjon, dok, register)
        if sti is None:
            ut[dok.key] = _generisk(definisjon, dok)
        elif not sti.is_file():
            raise definisjon.feil(
                f"dokumentet «{dok.key}» har mal = «{dok.mal}», men malen finnes ikke i "
                f"«{sti.parent}».",
                definisjon.linjer.get(f"dokument.{dok.key}.mal"),
            )
        else:
            ut[dok.key] = hent_mal(sti)
    return ut


def sjekk_malnavn(valgte: Mapping[str, object], register: Register) -> None:
    """Refuse a template given for a document no form has (a typo in --mal or [maler])."""
    kjente = sorted({d.key for definisjon in register.definisjoner for d in definisjon.dokumenter})
    for key in valgte:
        if key not in kjente:
            raise SkjemaverkError(
                f"Det finnes ikke noe dokument som heter «{key}». Dokumentene er: "
                f"{', '.join(kjente)}.",
                exit_code=2,
            )


def skal_lages(dokument: Dokument, data: Skjemadata) -> bool:
    """True unless the document is made only when a field or table it needs has content."""
    if dokument.bare_med is None:
        return True
    if dokument.bare_med in data.tabeller:
        return bool(data.tabeller[dokument.bare_med])
    return har_verdi(data.verdier.get(dokument.bare_med))


def filnavn_dato(dokument: Dokument, data: Skjemadata) -> date | None:
    """The latest date of the document's `filnavn_dato` field or column, or None."""
    sti = dokument.filnavn_dato
    if sti is None:
        return None
    if sti.tabell:
        datoer = [r.get(sti.key) for r in data.tabeller.get(sti.tabell) or []]
    else:
        datoer = [data.verdier.get(sti.key)]
    return max((d for d in datoer if isinstance(d, date)), default=None)


@dataclass
class Laget:
    """The rendered documents of one form, by document key, before anything is written."""

    definisjon: Skjemadefinisjon
    innhold: dict[str, bytes]
    kontekst: Skjemakontekst


def render_dokumenter(
    data: Skjemadata,
    *,
    definisjon: Skjemadefinisjon | None = None,
    maler: Mapping[str, Mal] | None = None,
    innstillinger: Innstillinger | None = None,
    tidspunkt: datetime | None = None,
    visning: Visning | None = None,
    beregnet: list[tuple[Avledet, object]] | None = None,
    register: Register | None = None,
    diagrammer: bool = True,
) -> Laget:
    """Render every document of the form `data` in memory, in the definition's order.

    `tidspunkt` is the time the documents say they were made (default: now).
    Raises MalError if a template cannot be used; nothing is written here.
    """
    definisjon = definisjon or data.definisjon
    if definisjon is None:
        raise ValueError("data has no definition; read it with toolkit.inntak.les_skjema")
    innstillinger = innstillinger or STANDARD
    if maler is None:
        maler = maler_for(definisjon, register=register, innstillinger=innstillinger)
    idag: date | None = tidspunkt.date() if tidspunkt else None
    kontekst = bygg_kontekst(
        definisjon,
        data,
        idag=idag,
        innstillinger=innstillinger,
        visning=visning,
        beregnet=beregnet,
        diagrammer=diagrammer,
    )
    skole = skole_felt(definisjon)
    forfatter = str(kontekst.verdier.get(skole, "")) if skole else ""
    innhold = {}
    for dok in definisjon.dokumenter:
        if not skal_lages(dok, data):
            continue
        mal = maler[dok.key]
        ctx = kontekst.for_dokument(dok, mal.brodtekst)
        innhold[dok.key] = mal.render(
            ctx, tittel=dok.tittel, forfatter=forfatter, tidspunkt=tidspunkt
        )
    return Laget(definisjon, innhold, kontekst)

"""Named derivations: values a definition switches on for its fields and tables.

A definition lists the derivations it uses (`[[avledning]]`, with a `type`
and its settings); each type is a class here, written once and usable by any
form. A derivation is computed once per form (`beregn`), can add findings to
`sjekk` (`sjekk`), and turns its result into plain values for the templates
(`kontekst`), written with the document's `Visning` (calendar dates, or time
relative to the form's date in the anonymised copy).

`dekker` tells which fields and tables a context key shows in full, so that a
template that uses the key has placed those fields by hand (see
`toolkit.kontekst.deler_for`).
"""

from __future__ import annotations

from toolkit.avledning.enkle import (
    JaSvar,
    Navn,
    Parter,
    Sammen,
    Tekst,
    Underskrifter,
    Vurderinger,
)
from toolkit.avledning.fravaer import Fravaer
from toolkit.avledning.grunn import Avledet, Grunnlag, grunnlag
from toolkit.avledning.moter import Motedatoer
from toolkit.avledning.oppfolging import Oppfolging, Samtykke
from toolkit.definisjon import KONTEKSTNOKLER, Skjemadefinisjon

__all__ = ["TYPER", "Avledet", "Grunnlag", "avledninger", "grunnlag", "sjekk_avledninger"]

TYPER: dict[str, type[Avledet]] = {
    klasse.type: klasse
    for klasse in (
        Navn,
        Tekst,
        Sammen,
        Vurderinger,
        JaSvar,
        Parter,
        Underskrifter,
        Motedatoer,
        Fravaer,
        Samtykke,
        Oppfolging,
    )
}


def avledninger(definisjon: Skjemadefinisjon) -> list[Avledet]:
    """Return the derivations `definisjon` switches on, checked; DefinisjonError if one is wrong."""
    ut = []
    for oppsett in definisjon.avledninger:
        klasse = TYPER.get(oppsett.type)
        if klasse is None:
            raise definisjon.feil(
                f"avledningen «{oppsett.type}» finnes ikke. Avledningene er: "
                f"{', '.join(sorted(TYPER))}.",
                oppsett.linje,
            )
        ut.append(klasse(oppsett, definisjon))
    return ut


def sjekk_avledninger(definisjon: Skjemadefinisjon) -> None:
    """Check the derivations of `definisjon` when it is loaded; DefinisjonError names the line.

    Each type must exist and its settings be right; each name it reads must be
    there before it; and no key it gives the templates may be one a field, a
    table, a part (`vis_<part>`), Skjemaverk itself or a derivation before it
    already gives: the template would get only one of them.
    """
    tatt: dict[str, str] = {key: "Skjemaverk selv" for key in KONTEKSTNOKLER}
    tatt |= {f"vis_{d.key}": f"delen «{d.key}» (vis_{d.key})" for d in definisjon.deler}
    tatt |= {f.key: f"feltet «{f.key}»" for f in definisjon.felter}
    tatt |= {t.key: f"tabellen «{t.key}»" for t in definisjon.tabeller}
    for avledet in avledninger(definisjon):
        avledet.sjekk_navn(frozenset(tatt))
        for key in avledet.nokler():
            if key in tatt:
                raise avledet.feil(
                    f"den gir malene «{key}», men det navnet bruker allerede {tatt[key]}. Gi "
                    'feltet en annen nøkkel, eller avledningen et annet navn (navn = "…").'
                )
            tatt[key] = f"avledningen «{avledet.navn}»"

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
from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import DefinisjonError

__all__ = ["TYPER", "Avledet", "Grunnlag", "avledninger", "grunnlag"]

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
            kilde = definisjon.kilde.name if definisjon.kilde else definisjon.id
            raise DefinisjonError(
                f"Skjemadefinisjonen «{kilde}»: avledningen «{oppsett.type}» finnes ikke. "
                f"Avledningene er: {', '.join(sorted(TYPER))}."
            )
        ut.append(klasse(oppsett, definisjon))
    return ut

"""The definition checked against Excel once more before a blank form is made.

`toolkit.definisjon` refuses all of this when it loads a file, with the line; a
definition built in Python (`dataclasses.replace`) is checked here as well.
"""

from __future__ import annotations

from toolkit.definisjon import LISTER, VEILEDNING, Skjemadefinisjon, ligner_celle
from toolkit.errors import DefinisjonError


def _sjekk_excel_navn(d: Skjemadefinisjon) -> None:
    """Refuse keys Excel cannot use as names, and duplicate table headers."""
    navn = [f.key for f in d.felter] + [t.key for t in d.tabeller]
    for key in navn:
        if ligner_celle(key):
            raise DefinisjonError(
                f"Nøkkelen «{key}» kan ikke brukes som navn i Excel fordi den ligner en "
                "cellereferanse. Gi feltet en annen nøkkel."
            )
    for t in d.tabeller:
        etiketter = [k.etikett.casefold() for k in t.kolonner]
        if len(set(etiketter)) != len(etiketter):
            raise DefinisjonError(
                f"Tabellen «{t.key}» har to kolonner med samme etikett; Excel krever ulike "
                "overskrifter."
            )
    if VEILEDNING.casefold() in {x.ark.casefold() for x in d.deler} or LISTER.casefold() in {
        x.ark.casefold() for x in d.deler
    }:
        raise DefinisjonError(f"Arknavnene «{VEILEDNING}» og «{LISTER}» er reservert.")

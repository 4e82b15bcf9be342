"""The definition checked against Excel: cell-like keys, duplicate table headers, sheet names."""

from __future__ import annotations

import re

from toolkit.blank.oppsett import LISTER, VEILEDNING
from toolkit.definisjon import Skjemadefinisjon
from toolkit.errors import DefinisjonError

_CELLEREF = re.compile(r"^([a-z]{1,3})([0-9]+)$")
_R1C1 = re.compile(r"^(r[0-9]*c?[0-9]*|c[0-9]*)$")


def _sjekk_excel_navn(d: Skjemadefinisjon) -> None:
    """Refuse keys Excel cannot use as names, and duplicate table headers."""
    navn = [f.key for f in d.felter] + [t.key for t in d.tabeller]
    for key in navn:
        if _ligner_celle(key):
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


def _ligner_celle(key: str) -> bool:
    if _R1C1.match(key):
        return True
    m = _CELLEREF.match(key)
    if not m:
        return False
    kolonne = 0
    for tegn in m.group(1):
        kolonne = kolonne * 26 + ord(tegn) - ord("a") + 1
    return kolonne <= 16384 and 1 <= int(m.group(2)) <= 1048576

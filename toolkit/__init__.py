"""Skjemaverk: from a filled Excel mapping form to Word documents.

The Python API does what the command line does::

    from toolkit import les_skjema, lag_dokumenter, standard_definisjon

    data = les_skjema("amin.xlsx")          # typed values and findings
    if not data.har_feil:
        lag_dokumenter(standard_definisjon(), data, Path("ut"))
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Heavy libraries (openpyxl, docxtpl) load only when their stage is used.
_API = {
    "les_skjema": "toolkit.les",
    "standard_definisjon": "toolkit.definisjon",
    "last_definisjon": "toolkit.definisjon",
    "skriv_blankt": "toolkit.blank",
    "feltreferanse": "toolkit.felter",
    "lag_dokumenter": "toolkit.lag",
    "Skjemadata": "toolkit.modell",
    "Funn": "toolkit.modell",
    "SkjemaverkError": "toolkit.errors",
    "UlesbarFilError": "toolkit.errors",
}

__all__ = sorted(_API)


def __getattr__(navn: str) -> Any:
    if navn in _API:
        return getattr(import_module(_API[navn]), navn)
    raise AttributeError(f"module 'toolkit' has no attribute {navn!r}")

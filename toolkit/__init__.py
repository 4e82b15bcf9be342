"""Skjemaverk: from a filled Excel form to Word documents.

The Python API does what the command line does::

    from toolkit import lag, les_skjema, lag_dokumenter

    data = les_skjema("amin.xlsx")          # its own definition, typed values, findings
    if not data.har_feil:
        lag_dokumenter(data, Path("ut"))    # every document of the form

    kjoring = lag(["amin.xlsx", "celine.xlsx"], ut_mappe=Path("ut"))  # as `skjemaverk lag`
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Heavy libraries (openpyxl, docxtpl) load only when their stage is used.
_API = {
    "les_skjema": "toolkit.inntak",
    "lag": "toolkit.kjoring",
    "lag_dokumenter": "toolkit.kjoring",
    "Deling": "toolkit.dele",
    "render_dokumenter": "toolkit.dokumenter",
    "last_register": "toolkit.register",
    "standard_definisjon": "toolkit.register",
    "last_definisjon": "toolkit.definisjon",
    "skriv_blankt": "toolkit.blank",
    "feltreferanse": "toolkit.felter",
    "oppgrader": "toolkit.oppgradering",
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

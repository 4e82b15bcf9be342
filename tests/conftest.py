"""Shared fixtures: a blank form made from the definition, and a helper to fill it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine

from toolkit.blank import skriv_blankt
from toolkit.fyll import fyll_skjema
from toolkit.register import standard_definisjon

ROT = Path(__file__).resolve().parent.parent

# The day the tests run on. The checks that look at today (a meeting that has
# passed, an absence dated in the future) see the same day in every run, so the
# bundled examples and the dates below give the same findings next year too.
IDAG = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _fast_dag() -> Iterator[None]:
    """Let `date.today()` and `datetime.now()` in this process start at IDAG, noon."""
    with time_machine.travel(datetime(IDAG.year, IDAG.month, IDAG.day, 12, 0), tick=True):
        yield


# The least a form needs to pass `sjekk` without errors or warnings on IDAG:
# mapped three days before, the next meeting a week after the mapping.
GYLDIGE_VERDIER: dict[str, object] = {
    "elev_navn": "Amin Testesen",
    "trinn": "5. trinn",
    "skole": "Solbakken skole",
    "kontaktlaerer": "Kari Lærer",
    "kartlegging_dato": date(2026, 11, 26),
    "utfylt_av": "Ola Rådgiver, sosiallærer",
    "fravaerstype": "Skolevegring",
    "plan_mal": "Amin er på skolen hver dag.",
    "plan_neste_mote": date(2026, 12, 3),
}
GYLDIGE_TILTAK = [
    {
        "omrade": "Skolen",
        "tiltak": "Miljøarbeideren sender Amin melding daglig.",
        "ansvarlig": "Miljøarbeider",
        "oppstart": date(2026, 11, 27),
        "evaluering": date(2026, 12, 3),
        "status": "Planlagt",
    },
    {
        "omrade": "Eleven",
        "tiltak": "Amin svarer på meldingen fra miljøarbeideren.",
        "ansvarlig": "Eleven",
        "oppstart": date(2026, 11, 27),
        "evaluering": date(2026, 12, 3),
        "status": "Planlagt",
    },
]

Fyll = Callable[..., Path]


@pytest.fixture(scope="session")
def blankt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a blank form freshly written from the definition."""
    sti = tmp_path_factory.mktemp("blankt") / "kartleggingsskjema.xlsx"
    skriv_blankt(standard_definisjon(), sti)
    return sti


@pytest.fixture
def fyll(blankt: Path, tmp_path: Path) -> Fyll:
    """Return a helper that fills the blank form and returns the new file's path.

    `fyll(elev_navn=None, tiltak=[...])` starts from the valid values above and
    changes what it is given; a value None leaves that cell empty.
    """
    teller = iter(range(1000))

    def lag(
        navn: str | None = None, tiltak: list | None = None, fravaer: list | None = None, **endret
    ) -> Path:
        verdier = {**GYLDIGE_VERDIER, **endret}
        ut = tmp_path / (navn or f"skjema{next(teller)}.xlsx")
        tabeller = {"tiltak": GYLDIGE_TILTAK if tiltak is None else tiltak}
        if fravaer is not None:
            tabeller["fravaer"] = fravaer
        fyll_skjema(blankt, ut, verdier, tabeller)
        return ut

    return lag

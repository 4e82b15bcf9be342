"""Regenerate the bundled example forms (`eksempler/*.xlsx`) from their TOML data.

Run from the repository root after changing the data or a form definition:

    python eksempler/lag_eksempler.py

Each data file fills the blank form of the definition it names at its top
(`skjema = "aktivitetsplan"`; without it, the standard form). Time stamps are
fixed, so unchanged data gives the same bytes and git sees no change.
"""

from __future__ import annotations

import sys
import tomllib
from datetime import datetime
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
if str(ROT) not in sys.path:
    sys.path.insert(0, str(ROT))

from toolkit.blank import bygg_blankt  # noqa: E402
from toolkit.fyll import fyll_bytes  # noqa: E402
from toolkit.register import innebygd_register  # noqa: E402
from toolkit.skriv import med_fast_tid, skriv_atomisk  # noqa: E402

EKSEMPLER = Path(__file__).resolve().parent
FAST_TID = datetime(2026, 1, 1)


def eksempelfiler(mappe: Path = EKSEMPLER) -> dict[Path, bytes]:
    """Return each example workbook, by the path it belongs at, as bytes."""
    register = innebygd_register()
    ut: dict[Path, bytes] = {}
    for data_fil in sorted(EKSEMPLER.glob("*.toml")):
        with open(data_fil, "rb") as fil:
            data = tomllib.load(fil)
        navn = data.pop("skjema", None)
        definisjon = register.velg(navn) if navn else register.standard()
        verdier = data.pop("verdier", {})
        innhold = fyll_bytes(bygg_blankt(definisjon), definisjon, verdier, data)
        ut[Path(mappe) / f"{data_fil.stem}.xlsx"] = med_fast_tid(innhold, FAST_TID)
    return ut


def lag_eksempler(ut_mappe: Path = EKSEMPLER) -> list[Path]:
    """Fill the blank forms with each example's data; return the written files."""
    filer = eksempelfiler(ut_mappe)
    for sti, data in filer.items():
        skriv_atomisk(sti, data)
    return list(filer)


def main() -> None:
    for sti in lag_eksempler():
        print(f"Skrev {sti.relative_to(ROT) if sti.is_relative_to(ROT) else sti}")


if __name__ == "__main__":
    main()

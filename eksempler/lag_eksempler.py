"""Regenerate the bundled example forms (amin.xlsx, celine.xlsx) from their TOML data.

Run from the repository root after changing the data or the form definition:

    python eksempler/lag_eksempler.py

The blank form is skjema/kartleggingsskjema.xlsx; if it does not exist, a blank
is generated from the definition into a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
if str(ROT) not in sys.path:
    sys.path.insert(0, str(ROT))

from toolkit.blank import skriv_blankt  # noqa: E402
from toolkit.definisjon import standard_definisjon  # noqa: E402
from toolkit.fyll import fyll_fra_toml  # noqa: E402
from toolkit.skriv import med_fast_tid, skriv_atomisk  # noqa: E402

EKSEMPLER = Path(__file__).resolve().parent
NAVN = ("amin", "celine")
BLANKT = ROT / "skjema" / "kartleggingsskjema.xlsx"
# Fixed time stamps: unchanged data gives the same bytes, so git sees no change.
FAST_TID = datetime(2026, 1, 1)


def lag_eksempler(ut_mappe: Path = EKSEMPLER, blankt: Path | None = None) -> list[Path]:
    """Fill the blank form with each example's data; return the written files."""
    with tempfile.TemporaryDirectory() as tmp:
        if blankt is None:
            blankt = BLANKT
            if not blankt.exists():
                blankt = Path(tmp) / "kartleggingsskjema.xlsx"
                skriv_blankt(standard_definisjon(), blankt)
        skrevet = []
        for navn in NAVN:
            ut = Path(ut_mappe) / f"{navn}.xlsx"
            fyll_fra_toml(blankt, EKSEMPLER / f"{navn}.toml", ut)
            skriv_atomisk(ut, med_fast_tid(ut.read_bytes(), FAST_TID))
            skrevet.append(ut)
        return skrevet


def main() -> None:
    for sti in lag_eksempler():
        print(f"Skrev {sti.relative_to(ROT) if sti.is_relative_to(ROT) else sti}")


if __name__ == "__main__":
    main()

"""Write the blank Excel mapping form from the form definition.

Layout (the workbook contract, docs/arkitektur.md, is what other code relies on):

- Sheet "Veiledning" first: how to fill in the form, the types of absence,
  privacy, and the commands to run afterwards.
- One sheet per part, in definition order. Row 1 the part's title, row 2 its
  introduction, row 3 a spacer, fields from row 4: label in column A, input
  cell in column B, help text (small, grey) in column C, merged across the
  remaining columns on sheets that also hold a table.
- Tables follow the fields: a row with the table's label and help, the header
  row (column labels), then `rader` empty rows. Validation, number format and
  unlocked cells reach `EKSTRA_RADER` rows below the table as well.
- A hidden sheet "Lister" holds every choice list, one per column; dropdowns
  refer to it by range (inline lists over 255 characters break Excel).
- Workbook-level defined names: each field key points at its input cell;
  `skjema_id` and `skjema_versjon` hold constants.

One module per job: `arbeidsbok` puts the workbook together, `ark` writes a
part's sheet, `validering` the list sheet and each cell's validation,
`veiledning` the guidance sheet, `utskrift` the print setup, `navn` checks the
definition's names against Excel, and `oppsett` holds the shared layout.
"""

from __future__ import annotations

import io
from pathlib import Path

from toolkit.blank.arbeidsbok import FAST_TID, bygg_arbeidsbok
from toolkit.blank.navn import _sjekk_excel_navn
from toolkit.blank.oppsett import DATOFORMAT, EKSTRA_RADER, LISTER, VEILEDNING
from toolkit.blank.validering import MAKS_FEILMELDING, MAKS_HJELP, MAKS_TITTEL
from toolkit.blank.validering import _kort as _kort  # tests/test_blank.py tests it
from toolkit.definisjon import Skjemadefinisjon
from toolkit.skriv import med_fast_tid, skriv_atomisk

__all__ = [
    "DATOFORMAT",
    "EKSTRA_RADER",
    "LISTER",
    "MAKS_FEILMELDING",
    "MAKS_HJELP",
    "MAKS_TITTEL",
    "VEILEDNING",
    "bygg_arbeidsbok",
    "bygg_blankt",
    "skriv_blankt",
]


def skriv_blankt(definisjon: Skjemadefinisjon, sti: Path) -> None:
    """Write the blank form for `definisjon` to `sti`, atomically.

    An existing file at `sti` is replaced: whether that is allowed is the
    caller's decision. Raises `SkriveError` when the file cannot be written and
    `DefinisjonError` when the definition cannot be expressed in Excel.
    """
    skriv_atomisk(Path(sti), bygg_blankt(definisjon))


def bygg_blankt(definisjon: Skjemadefinisjon) -> bytes:
    """Return the blank form for `definisjon` as .xlsx bytes (the same every time)."""
    _sjekk_excel_navn(definisjon)
    wb = bygg_arbeidsbok(definisjon)
    buf = io.BytesIO()
    wb.save(buf)
    return med_fast_tid(buf.getvalue(), FAST_TID)

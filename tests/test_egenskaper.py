"""Property: whatever is typed into any input cell, the reader gives a value or a finding."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from toolkit.inntak import les_skjema
from toolkit.modell import Skjemadata
from toolkit.register import standard_definisjon

DEFINISJON = standard_definisjon()
FELTER = [f.key for f in DEFINISJON.felter]
KOLONNER = [(t.key, k.key) for t in DEFINISJON.tabeller for k in t.kolonner]

# openpyxl refuses most control characters in a cell, as Excel does; every
# other character, line breaks included, may be typed.
tekst = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
).filter(lambda s: not any(ord(c) < 32 and c not in "\t\n\r" for c in s))
verdier = st.one_of(
    st.none(),
    tekst,
    st.sampled_from(["Ja", "nei", "5. trinn", "Risiko", "31.02.2026", "1.1.2027", "2026-13-01"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.times(),
)


def _gyldig_utfall(data: Skjemadata) -> None:
    for key in FELTER:
        verdi = data.verdier[key]
        assert verdi is None or isinstance(verdi, str | date | int | bool)
        assert not isinstance(verdi, datetime | time)
    for funn in data.funn:
        assert funn.alvor in ("feil", "advarsel")
        assert funn.melding


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    felt=st.dictionaries(st.sampled_from(FELTER), verdier, max_size=8),
    celler=st.lists(st.tuples(st.sampled_from(KOLONNER), st.integers(0, 3), verdier), max_size=8),
)
def test_random_values_in_any_input_cell_never_crash_the_reader(
    blankt: Path, felt: dict, celler: list
) -> None:
    bok = load_workbook(blankt)
    for key, verdi in felt.items():
        [(ark, ref)] = list(bok.defined_names[key].destinations)
        bok[ark][ref.replace("$", "")].value = verdi
    for (tabell, kolonne), rad, verdi in celler:
        ws = next(ws for ws in bok.worksheets if tabell in ws.tables)
        start = ws.tables[tabell].ref.split(":")[0]
        forste_rad = int("".join(c for c in start if c.isdigit()))
        etikett = DEFINISJON.tabell(tabell).kolonne(kolonne).etikett
        kol = next(c.column for c in ws[forste_rad] if c.value == etikett)
        ws.cell(row=forste_rad + 1 + rad, column=kol).value = verdi
    # Through a saved file, as Excel would hand it over, and the whole reader.
    with tempfile.TemporaryDirectory() as mappe:
        sti = Path(mappe) / "skjema.xlsx"
        bok.save(sti)
        _gyldig_utfall(les_skjema(sti))

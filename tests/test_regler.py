"""Rules across fields ([[regel]]) as findings: one per cell, and an error is never hidden."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toolkit.blank import bygg_blankt
from toolkit.definisjon import last_definisjon
from toolkit.fyll import fyll_bytes
from toolkit.inntak import les_skjema
from toolkit.register import last_register

SKJEMA = """
[skjema]
id = "samtale-regler"
versjon = 1
tittel = "Samtale"
navn_felt = "elev_navn"
dato_felt = "dato"

[[del]]
key = "samtalen"
ark = "Samtalen"
tittel = "Samtalen"

[[del.felt]]
key = "elev_navn"
etikett = "Elev"
type = "tekst"

[[del.felt]]
key = "dato"
etikett = "Dato"
type = "dato"

[[del.felt]]
key = "tema"
etikett = "Tema"
type = "tekst"

[[del.felt]]
key = "neste"
etikett = "Neste samtale"
type = "dato"

[[dokument]]
key = "referat"
tittel = "Referat"
"""

ADVARSEL = """
[[regel]]
type = "fylt"
felt = "neste"
alvor = "advarsel"
melding = "Neste samtale er ikke satt."
"""

FEIL = """
[[regel]]
type = "hvis"
hvis = "tema"
da = "neste"
alvor = "feil"
melding = "Når det er et tema, må neste samtale settes."
"""


@pytest.mark.parametrize(
    "regler", [ADVARSEL + FEIL, FEIL + ADVARSEL], ids=["advarsel-først", "feil-først"]
)
def test_an_error_on_a_cell_is_never_hidden_by_a_warning(tmp_path: Path, regler: str) -> None:
    mappe = tmp_path / "skjemaer"
    mappe.mkdir()
    sti = mappe / "samtale.toml"
    sti.write_text(SKJEMA.replace("[[dokument]]", regler + "\n[[dokument]]"), encoding="utf-8")
    definisjon = last_definisjon(sti)
    skjema = tmp_path / "samtale.xlsx"
    skjema.write_bytes(
        fyll_bytes(
            bygg_blankt(definisjon),
            definisjon,
            {"elev_navn": "Nora", "dato": date(2026, 11, 20), "tema": "Venner"},
        )
    )
    data = les_skjema(skjema, register=last_register(mappe), idag=date(2026, 11, 29))
    paa_cellen = [f for f in data.funn if f.etikett == "Neste samtale"]
    assert [f.alvor for f in paa_cellen] == ["feil"], [f.tekst() for f in data.funn]
    assert data.har_feil

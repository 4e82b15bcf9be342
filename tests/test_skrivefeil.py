"""A form full of typing mistakes: `sjekk` finds each with its cell.

The report made from it agrees with itself.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hjelpere_docx import all_tekst, tabeller
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from tests.conftest import ROT
from toolkit.blank import skriv_blankt
from toolkit.cli import main
from toolkit.fyll import fyll_fra_toml
from toolkit.inntak import les_skjema
from toolkit.kjoring import lag_dokumenter
from toolkit.modell import Funn
from toolkit.register import standard_definisjon

DATA = ROT / "tests" / "data" / "skrivefeil.toml"
IDAG = date(2026, 11, 29)


@pytest.fixture(scope="module")
def skjema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    mappe = tmp_path_factory.mktemp("skrivefeil")
    blankt = mappe / "blankt.xlsx"
    skriv_blankt(standard_definisjon(), blankt)
    sti = mappe / "Kartlegging Jonas.xlsx"
    fyll_fra_toml(blankt, DATA, sti)
    # Mistake: a measure typed a few rows below the table, after empty rows.
    bok = load_workbook(sti)
    ws = bok["Plan"]
    bunn = range_boundaries(ws.tables["tiltak"].ref)[3]
    ws.cell(bunn + 3, 1, "Eleven")
    ws.cell(bunn + 3, 2, "Jonas sier fra når han vil gå hjem.")
    bok.save(sti)
    return sti


@pytest.fixture(scope="module")
def funn(skjema: Path) -> list[Funn]:
    return les_skjema(skjema, idag=IDAG).funn


def _ved(funn: list[Funn], tekst: str) -> Funn:
    treff = [f for f in funn if tekst in f.melding]
    assert len(treff) == 1, (tekst, [f.tekst() for f in funn])
    return treff[0]


def _celle(sti: Path, key: object) -> str:
    data = les_skjema(sti, idag=IDAG)
    ark, celle = data.celler[key]
    return f"{ark}!{celle}"


def test_every_mistake_is_found_with_its_cell(skjema: Path, funn: list[Funn]) -> None:
    assert not [f for f in funn if f.alvor == "feil"], [f.tekst() for f in funn]
    plan_rad = les_skjema(skjema, idag=IDAG).celler
    ventet = {
        # The same date twice, on the second row's date cell.
        "Samme dag er ført som hel dag to ganger": plan_rad[("fravaer", 1, "dato")],
        "En hel dag har ikke antall timer": plan_rad[("fravaer", 2, "timer")],
        # Absence dated in the future (a month typed wrong).
        "Datoen er fram i tid": plan_rad[("fravaer", 3, "dato")],
        "Kartleggingsmøtet er satt til 15.11.2026, som er en søndag": plan_rad["kartlegging_dato"],
        "Neste evalueringsmøte er satt til 22.11.2026, som er en søndag": plan_rad[
            "plan_neste_mote"
        ],
        "Tiltaket skal evalueres 25.11.2026, men da er det ikke noe møte": plan_rad[
            ("tiltak", 0, "evaluering")
        ],
        # Consent is given to BUP only; the second measure is PPT's.
        "Tiltaket gjelder PPT, men det er ikke registrert et gyldig samtykke for PPT": plan_rad[
            ("tiltak", 1, "ansvarlig")
        ],
    }
    for tekst, (ark, celle) in ventet.items():
        f = _ved(funn, tekst)
        assert (f.ark, f.celle) == (ark, celle), f.tekst()
        assert f.alvor == "advarsel"
    # The measure below the table: its row, with the sheet; no measure of the pupil's own.
    under = _ved(funn, "under tabellen og etter en tom rad")
    assert under.ark == "Plan" and re.fullmatch(r"A\d+", under.celle)
    assert _ved(funn, "Eleven har ingen egne tiltak").ark == "Plan"


def test_a_date_in_the_future_is_found(skjema: Path) -> None:
    # Counted on 10.11.2026, the row of 18.12.2026 lies in the future too.
    funn = les_skjema(skjema, idag=date(2026, 11, 10)).funn
    celle = [f for f in funn if f.etikett == "Dato" and "18.12.2026" in f.verdi]
    assert len(celle) == 1  # one finding per cell: the first rule that applies


def test_sjekk_prints_every_mistake_and_exits_0(skjema: Path) -> None:
    r = CliRunner().invoke(main, ["sjekk", str(skjema)])
    assert r.exit_code == 0, r.output
    assert "0 feil, 9 advarsler" in r.output
    assert "Skoleruten som er brukt: den vanlige skoleruten for 2026/27" in r.output


def test_pasted_line_breaks_are_line_breaks(skjema: Path) -> None:
    data = les_skjema(skjema, idag=IDAG)
    assert data.verdier["faglig_fungering"] == (
        "Jonas liker matematikk.\nHan synes norsk er vanskelig."
    )


def test_the_report_agrees_with_itself(skjema: Path, tmp_path: Path) -> None:
    data = les_skjema(skjema, idag=IDAG)
    rapport, plan = lag_dokumenter(data, tmp_path)
    tekst = all_tekst(rapport)
    assert "_x000B_" not in tekst and "_x000B_" not in all_tekst(plan)
    # 02.11 (twice) and 03.11 as whole days: 2 days, in the summary and in the figures.
    # The 2 hours of 18.12 are after the mapping (15.11): the report leaves them out.
    assert "Registrert fravær: 2 hele dager og 1 gang for sent" in tekst
    tall = dict(next(t for t in tabeller(rapport) if t[0][0] == "Registreringer"))
    assert tall["Hele dager"] == "2" and tall["Enkelttimer"] == "0"
    assert tall["Registreringer"].startswith("4")
    # The labels of the meeting schedule say the real gaps (29.11 is a Sunday: 30.11).
    moter = next(t for t in tabeller(plan) if t[0] == ["Møte", "Dato", "Merknad"])
    assert moter[2][0] == "Evalueringsmøte, 1 uke og 1 dag etter forrige møte"
    assert moter[2][1] == "30.11.2026"

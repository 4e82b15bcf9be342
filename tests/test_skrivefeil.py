"""A form full of typing mistakes: `sjekk` finds each with its cell.

The report made from it agrees with itself.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hjelpere_docx import all_tekst, tabeller
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

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


# -- Mistakes made in Amin's form (an outside tester's cases) ----------------------------
# Each is a real form file, run through `sjekk` and `lag` as a user would: the exit code,
# the finding with its sheet and cell, and what the documents say.

AMIN = ROT / "eksempler" / "amin.xlsx"


@dataclass
class Kjoring:
    sjekk: Result
    lag: Result
    filer: list[Path]

    def tekst(self, del_av_navn: str) -> str:
        [sti] = [f for f in self.filer if del_av_navn in f.name]
        return all_tekst(sti)

    def linje(self, sted: str) -> str:
        """The one finding `sjekk` prints for the place `sted` ('Om eleven'!B10)."""
        treff = [
            linje for linje in self.sjekk.output.splitlines() if f" – {sted} – " in f"{linje} "
        ]
        assert len(treff) == 1, self.sjekk.output
        return treff[0]


def _kjor(sti: Path, ut: Path, *valg: str) -> Kjoring:
    sjekk = CliRunner().invoke(main, ["sjekk", str(sti), *valg])
    lag = CliRunner().invoke(main, ["lag", str(sti), "--ut", str(ut), *valg])
    for r in (sjekk, lag):
        assert r.exception is None or isinstance(r.exception, SystemExit), r.output
        assert "Traceback" not in r.output and r.exit_code != 3, r.output
    return Kjoring(sjekk, lag, sorted(ut.glob("*.docx")) if ut.exists() else [])


def _amin(mappe: Path, endre: Callable[[Workbook], None], navn: str = "amin.xlsx") -> Path:
    """Amin's form with a change made in it, saved as a new file."""
    bok = load_workbook(AMIN)
    endre(bok)
    sti = mappe / navn
    bok.save(sti)
    return sti


def _celler(*endringer: tuple[str, str, object]) -> Callable[[Workbook], None]:
    def endre(bok: Workbook) -> None:
        for ark, celle, verdi in endringer:
            bok[ark][celle].value = verdi

    return endre


def _xml(sti: Path, ark: str, celle: str, xml: str) -> Path:
    """Write `xml` as the cell's own XML, as Excel or another program may have saved it."""
    with zipfile.ZipFile(sti) as z:
        deler = {i.filename: z.read(i.filename) for i in z.infolist()}
    bok = deler["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(ark)}"[^>]*r:id="([^"]+)"', bok)
    assert rid is not None
    rels = deler["xl/_rels/workbook.xml.rels"].decode()
    mal = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*/>', rels)
    assert mal is not None
    target = re.search(r'Target="([^"]+)"', mal.group(0))
    assert target is not None
    del_ = "xl/" + target.group(1).removeprefix("/xl/")
    tekst = deler[del_].decode()
    tekst, n = re.subn(rf'<c r="{celle}"[^>]*?(/>|>.*?</c>)', xml, tekst, count=1, flags=re.S)
    assert n == 1, (ark, celle)
    deler[del_] = tekst.encode()
    with zipfile.ZipFile(sti, "w", zipfile.ZIP_DEFLATED) as z:
        for navn, data in deler.items():
            z.writestr(navn, data)
    return sti


def test_half_an_emoji_in_a_name_is_dropped_and_the_documents_are_made(tmp_path: Path) -> None:
    # LEFT() or MID() in Excel can cut an emoji in two; the file then holds _xD83D_ alone.
    sti = _amin(tmp_path, lambda bok: None)
    _xml(sti, "Om eleven", "B4", '<c r="B4" t="inlineStr"><is><t>Amin _xD83D_</t></is></c>')
    tiltak = "Miljøarbeideren sender Amin en _xD83D__xDE00_ hver morgen."
    _xml(sti, "Plan", "B11", f'<c r="B11" t="inlineStr"><is><t>{tiltak}</t></is></c>')
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 0 and k.lag.exit_code == 0, k.lag.output
    assert [f.name for f in k.filer] == [
        "Amin - evalueringsnotat 26.11.2026.docx",
        "Amin - kartleggingsrapport.docx",
        "Amin - plan.docx",
    ]
    plan = k.tekst("plan")
    # The two halves of an emoji are the emoji.
    assert "Miljøarbeideren sender Amin en 😀 hver morgen." in plan
    assert not re.search("[\ud800-\udfff]", plan)


def test_a_file_name_holds_only_what_can_be_seen(tmp_path: Path) -> None:
    # A right-to-left override would turn «Amin - plan.docx» around on screen; U+FFFE is no
    # character. Neither reaches a file name (U+FFFE not the documents either).
    sti = _amin(tmp_path, lambda bok: None)
    _xml(sti, "Om eleven", "B4", '<c r="B4" t="inlineStr"><is><t>_x202E_Amin_xFFFE_</t></is></c>')
    k = _kjor(sti, tmp_path / "ut")
    assert k.lag.exit_code == 0, k.lag.output
    assert "Amin - plan.docx" in [f.name for f in k.filer]
    assert "\ufffe" not in k.tekst("plan")


@pytest.mark.parametrize(
    ("ark", "tittel"),
    [
        ("Fravær", "Fraværsregistrering"),
        ("Evaluering", "Evaluering"),
        ("Samtykke", "Samtykke til samarbeid med andre tjenester"),
        ("Om eleven", "Om eleven og saken"),
    ],
)
def test_a_deleted_sheet_is_one_error_and_no_documents(
    tmp_path: Path, ark: str, tittel: str
) -> None:
    # The form's own version has the sheet: gone, it is not a part with nothing in it.
    def slett(bok: Workbook) -> None:
        del bok[ark]

    k = _kjor(_amin(tmp_path, slett), tmp_path / "ut")
    assert k.sjekk.exit_code == 1 and k.lag.exit_code == 1
    assert "1 feil, 0 advarsler" in k.sjekk.output, k.sjekk.output
    sted = f"'{ark}'" if " " in ark else ark
    assert f"FEIL – {sted} – {tittel}: Arket «{ark}» mangler i skjemaet" in k.sjekk.output
    assert k.filer == []


def test_a_sheet_renamed_without_its_names_is_named_in_the_error(tmp_path: Path) -> None:
    def gi_nytt_navn(bok: Workbook) -> None:
        bok["Om eleven"].title = "Eleven"

    k = _kjor(_amin(tmp_path, gi_nytt_navn), tmp_path / "ut")
    assert k.sjekk.exit_code == 1
    assert "Er det arket «Eleven»? Gi det navnet «Om eleven» igjen" in k.linje("'Om eleven'")


def test_a_mapping_date_in_another_year_is_an_error_on_its_cell(tmp_path: Path) -> None:
    # 12.11.2025 in a form where all else is autumn 2026: the report would show 0 % absence.
    sti = _amin(tmp_path, _celler(("Om eleven", "B10", datetime(2025, 11, 12))))
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 1 and k.lag.exit_code == 1 and k.filer == []
    # One finding: the checks that count from the date say nothing more.
    assert "1 feil, 0 advarsler" in k.sjekk.output, k.sjekk.output
    assert "langt fra alle de andre datoene i skjemaet (den nærmeste er 07.09.2026)" in k.linje(
        "'Om eleven'!B10"
    )


@pytest.mark.parametrize("aar", [2027, 2062])
def test_a_mapping_date_in_the_future_is_an_error_that_wins_over_a_sunday(
    tmp_path: Path, aar: int
) -> None:
    # 12.11.2062 is a Sunday: the year is what is wrong.
    sti = _amin(tmp_path, _celler(("Om eleven", "B10", datetime(aar, 11, 12))))
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 1 and k.filer == []
    assert "1 feil, 0 advarsler" in k.sjekk.output, k.sjekk.output
    linje = k.linje("'Om eleven'!B10")
    assert linje.startswith("  FEIL")
    assert f"12.11.{aar}, som er fram i tid (i dag er 29.11.2026)" in linje
    assert "søndag" not in k.sjekk.output


def test_a_mapping_date_before_all_the_absence_is_a_warning(tmp_path: Path) -> None:
    # 01.09 typed for 12.11: every absence row is after it, and the report shows none.
    sti = _amin(tmp_path, _celler(("Om eleven", "B10", datetime(2026, 9, 1))))
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 0
    assert "Alt fraværet som er registrert, er etter denne datoen (det første 07.09.2026)" in (
        k.linje("'Om eleven'!B10")
    )
    assert "Ingen fravær er registrert" in k.tekst("kartleggingsrapport")


def test_an_error_value_in_any_cell_is_an_error_and_never_reaches_a_document(
    tmp_path: Path,
) -> None:
    sti = _amin(tmp_path, _celler(("Plan", "B11", "#REF!"), ("Fravær", "H6", "#N/A")))
    # A formula that fails, as Excel saves it; and a date cell showing an error.
    _xml(sti, "Om eleven", "B7", '<c r="B7" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    _xml(sti, "Fravær", "A7", '<c r="A7" t="e"><f>#REF!+7</f><v>#REF!</v></c>')
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 1 and k.lag.exit_code == 1 and k.filer == []
    assert "Cellen viser en feil fra en formel (#DIV/0!): formelen (=1/0) virker ikke" in (
        k.linje("'Om eleven'!B7")
    )
    assert "Cellen viser en feil fra en formel (#REF!)" in k.linje("Plan!B11")
    assert "Cellen viser en feil fra en formel (#N/A)" in k.linje("Fravær!H6")
    dato = k.linje("Fravær!A7")
    assert "(#REF!): formelen (=#REF!+7) virker ikke" in dato
    assert "Slett formelen og skriv inn datoen som dd.mm.åååå" in dato


def test_content_far_below_a_table_is_a_warning_on_its_cell(tmp_path: Path) -> None:
    sti = _amin(
        tmp_path,
        _celler(
            ("Fravær", "A400", datetime(2026, 11, 11)),
            ("Fravær", "B400", "Hel dag"),
            ("Plan", "B240", "Amin tar bussen selv."),
        ),
    )
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 0 and k.lag.exit_code == 0
    assert "Noe er skrevet i rad 400, under tabellen" in k.linje("Fravær!A400")
    assert "Noe er skrevet i rad 240, under tabellen" in k.linje("Plan!B240")
    assert "Amin tar bussen selv." not in k.tekst("plan")


@pytest.mark.parametrize(
    ("endringer", "sted", "mente"),
    [
        # A withdrawn consent would be valid; the hours would be gone; so would the
        # responsible of every measure.
        (
            (("Samtykke", "E5", "Trukket tilbake"), ("Samtykke", "E6", datetime(2026, 11, 20))),
            "Samtykke!E5",
            "Trukket",
        ),
        ((("Fravær", "C5", "Antall timer"),), "Fravær!C5", "Timer"),
        ((("Plan", "C10", "Ansvarlig person"),), "Plan!C10", "Ansvarlig"),
    ],
)
def test_a_renamed_header_is_an_error_on_its_cell_that_says_what_it_should_be(
    tmp_path: Path, endringer: tuple[tuple[str, str, object], ...], sted: str, mente: str
) -> None:
    k = _kjor(_amin(tmp_path, _celler(*endringer)), tmp_path / "ut")
    assert k.sjekk.exit_code == 1 and k.lag.exit_code == 1 and k.filer == []
    assert "1 feil, 0 advarsler" in k.sjekk.output, k.sjekk.output
    assert f"Mente du «{mente}»? Gi kolonnen navnet «{mente}» igjen" in k.linje(sted)


def test_a_formula_without_a_saved_value_says_so(tmp_path: Path) -> None:
    sti = _amin(tmp_path, lambda bok: None)
    _xml(sti, "Om eleven", "B10", '<c r="B10" s="8"><f>TODAY()</f><v></v></c>')
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 1 and k.filer == []
    linje = k.linje("'Om eleven'!B10")
    assert "Cellen har en formel (=TODAY()) uten lagret verdi" in linje
    assert "Åpne og lagre skjemaet i Excel, eller skriv verdien inn" in linje
    assert "må fylles ut" not in linje


def test_a_formula_in_an_input_cell_is_a_warning_and_its_value_is_used(tmp_path: Path) -> None:
    # Saved by Excel on 12.11.2026: the day count 46338 is the value it had then.
    sti = _amin(tmp_path, lambda bok: None)
    stil = re.search(
        r'<c r="B10"( s="\d+")?', zipfile.ZipFile(sti).read("xl/worksheets/sheet2.xml").decode()
    )
    assert stil is not None
    _xml(sti, "Om eleven", "B10", f'<c r="B10"{stil.group(1)}><f>TODAY()</f><v>46338</v></c>')
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 0 and k.lag.exit_code == 0
    linje = k.linje("'Om eleven'!B10")
    assert linje.startswith("  ADVARSEL")
    assert "Cellen inneholder en formel (=TODAY()), som gir en ny verdi hver gang" in linje
    assert "12.11.2026" in k.tekst("kartleggingsrapport")


@pytest.mark.parametrize(
    ("navn", "sted", "alvor", "verdi"),
    [
        ("kartlegging_dato", "'Om eleven'!B10", "FEIL", "12.11.2026"),
        ("fravaer_start", "'Om eleven'!B14", "ADVARSEL", "07.09.2026"),
    ],
)
def test_a_deleted_name_is_found_at_its_cell_with_how_to_name_it_again(
    tmp_path: Path, navn: str, sted: str, alvor: str, verdi: str
) -> None:
    def slett(bok: Workbook) -> None:
        del bok.defined_names[navn]

    k = _kjor(_amin(tmp_path, slett), tmp_path / "ut")
    linje = k.linje(sted)
    assert linje.startswith(f"  {alvor}")
    assert f"Navnet «{navn}»" in linje and f"skriv {navn} i navneboksen" in linje
    assert "skjemaverk nytt" in linje and "oppgrader" not in linje
    assert f"(fant: «{verdi}»)" in linje
    if alvor == "FEIL":
        assert k.lag.exit_code == 1 and k.filer == []
    else:
        # The start of the absence is not in the report: the warning says so.
        assert "kommer ikke med i dokumentene" in linje
        assert k.lag.exit_code == 0
        assert "Når startet fraværet?\n07.09.2026" not in k.tekst("kartleggingsrapport")


@pytest.mark.parametrize(
    ("ark", "celle", "verdi", "melding"),
    [
        ("Om eleven", "B14", datetime(2062, 9, 7), "startet 07.09.2062, som er fram i tid"),
        ("Om eleven", "B14", datetime(2026, 11, 25), "etter kartleggingen (12.11.2026)"),
        ("Elevsamtale", "B4", datetime(2062, 11, 10), "datert 10.11.2062, som er fram i tid"),
        ("Gå videre", "B6", datetime(1999, 11, 26), "før kartleggingen (12.11.2026)"),
        ("Samtykke", "C6", datetime(2062, 11, 12), "datert 12.11.2062, som er fram i tid"),
        (
            "Samtykke",
            "E6",
            datetime(2062, 11, 20),
            "trukket 20.11.2062, som er fram i tid; til da regnes det som gyldig",
        ),
    ],
)
def test_a_date_of_what_has_happened_in_the_future_is_a_warning_on_its_cell(
    tmp_path: Path, ark: str, celle: str, verdi: datetime, melding: str
) -> None:
    k = _kjor(_amin(tmp_path, _celler((ark, celle, verdi))), tmp_path / "ut")
    assert k.sjekk.exit_code == 0 and k.lag.exit_code == 0
    sted = f"'{ark}'" if " " in ark else ark
    linje = k.linje(f"{sted}!{celle}")
    assert linje.startswith("  ADVARSEL") and melding in linje


def test_evaluations_that_do_not_fit_the_plan_are_warnings_on_their_cells(
    tmp_path: Path,
) -> None:
    def endre(bok: Workbook) -> None:
        plan = bok["Plan"]
        # Evaluated on 19.11 (Evaluering!A21), but it starts on 20.11 (to be evaluated 26.11).
        plan["D11"].value = datetime(2026, 11, 20)
        plan["E11"].value = datetime(2026, 11, 26)
        # Stopped in the plan, but the team went on with it on 19.11 (Evaluering!D22).
        plan["F12"].value = "Avsluttet"
        # The measure of B15 (evaluated in Evaluering!B28) twice in the plan.
        plan["B13"].value = plan["B15"].value

    k = _kjor(_amin(tmp_path, endre), tmp_path / "ut")
    assert k.sjekk.exit_code == 0
    assert "Tiltaket er evaluert på møtet 19.11.2026, før det startet (20.11.2026)" in k.linje(
        "Evaluering!A21"
    )
    assert (
        "Tiltaket står som «Avsluttet» i planen, men på møtet 19.11.2026 ble det besluttet å "
        "fortsette det (Evaluering!D22)"
    ) in k.linje("Plan!F12")
    flere = k.linje("Evaluering!B28")
    assert "Tiltaket står flere ganger i planen (Plan!B13 og Plan!B15)" in flere
    assert "Finner ikke dette tiltaket" not in flere


def test_a_start_after_the_plans_own_evaluation_is_one_error_not_two(tmp_path: Path) -> None:
    # Started 25.11 but evaluated 19.11, in the plan and at the meeting: the plan's error
    # says it; the meeting's evaluation is not a second finding about the same start.
    k = _kjor(_amin(tmp_path, _celler(("Plan", "D11", datetime(2026, 11, 25)))), tmp_path / "ut")
    assert k.sjekk.exit_code == 1
    assert "1 feil, 0 advarsler" in k.sjekk.output, k.sjekk.output
    assert "Evalueringen er før oppstart (25.11.2026)" in k.linje("Plan!E11")


def test_hours_on_a_late_arrival_are_a_warning_on_their_cell(tmp_path: Path) -> None:
    k = _kjor(_amin(tmp_path, _celler(("Fravær", "C6", 2))), tmp_path / "ut")
    assert k.sjekk.exit_code == 0
    assert "For sent har ikke antall timer, og timene telles ikke" in k.linje("Fravær!C6")


@pytest.mark.parametrize(
    ("verdi", "fant", "melding"),
    [
        (12112026, "12112026", "skrevet uten punktum, så Excel har lagret tallet 12112026"),
        (121126, "121126", "Skriv datoen som dd.mm.åååå: 12.11.2026."),
        (0, "0", "Dette er ikke en dato."),
    ],
)
def test_a_number_in_a_date_cell_is_shown_as_typed(
    tmp_path: Path, verdi: int, fant: str, melding: str
) -> None:
    # The date cell keeps its format: Excel stores the number, openpyxl makes a date of it.
    k = _kjor(_amin(tmp_path, _celler(("Om eleven", "B10", verdi))), tmp_path / "ut")
    assert k.sjekk.exit_code == 1 and k.filer == []
    linje = k.linje("'Om eleven'!B10")
    assert melding in linje and linje.endswith(f"(fant: «{fant}»)")


def test_an_invisible_character_in_a_choice_is_ignored_and_shown_when_wrong(
    tmp_path: Path,
) -> None:
    # A zero-width space after «Hel dag» is ignored; one in place of the space is shown.
    sti = _amin(
        tmp_path, _celler(("Fravær", "B7", "Hel dag\u200b"), ("Fravær", "B8", "Hel\u200bdag"))
    )
    k = _kjor(sti, tmp_path / "ut")
    assert k.sjekk.exit_code == 1
    assert "Fravær!B7" not in k.sjekk.output
    assert k.linje("Fravær!B8").endswith("(fant: «Hel[usynlig tegn]dag»)")

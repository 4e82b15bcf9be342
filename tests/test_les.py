"""Reading and validating a filled form through the Python API."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from tests.conftest import GYLDIGE_VERDIER, ROT, Fyll
from toolkit.apne import apne_arbeidsbok
from toolkit.cli import main
from toolkit.inntak import les_skjema
from toolkit.les import MAKS_TABELLRADER, les_raatt
from toolkit.modell import Funn, Skjemadata
from toolkit.register import standard_definisjon

AMIN = ROT / "eksempler" / "amin.xlsx"


def _funn_for(data: Skjemadata, etikett: str) -> list[Funn]:
    return [f for f in data.funn if f.etikett == etikett]


def test_a_valid_form_has_no_findings(fyll: Fyll) -> None:
    data = les_skjema(fyll())
    assert data.funn == []
    assert data.skjema_id == "kartlegging-skolefravaer"
    assert data.skjema_versjon == 2


def test_round_trip_gives_typed_values_of_every_kind(fyll: Fyll) -> None:
    sti = fyll(
        klasse=5,  # a number typed into a text cell
        foresatte="Mor Testesen\nFar Testesen",
        fravaer_start="3.9.2026",
        rel_redd_laerer="Nei",
        push_presset_ut="ja",
        faktor_mestring_vurdering="risiko",
        fravaer=[
            {"dato": date(2026, 11, 2), "omfang": "Hel dag", "arsak": "Syk"},
            {
                "dato": "09.11.2026",
                "omfang": "Enkelttimer",
                "timer": 2,
                "fag": "Matematikk",
                "laerer": "KL",
                "dokumentert": "Nei",
            },
        ],
    )
    data = les_skjema(sti)
    v = data.verdier
    assert data.funn == []
    assert v["elev_navn"] == "Amin Testesen"
    assert v["klasse"] == "5"
    assert v["foresatte"] == "Mor Testesen\nFar Testesen"
    assert v["kartlegging_dato"] == date(2026, 11, 26)
    assert v["fravaer_start"] == date(2026, 9, 3)
    assert v["rel_redd_laerer"] is False
    assert v["push_presset_ut"] is True
    assert v["faktor_mestring_vurdering"] == "Risiko"
    assert v["venner"] is None
    assert set(v) == {f.key for f in standard_definisjon().felter}
    tiltak = data.tabeller["tiltak"]
    assert len(tiltak) == 2
    assert tiltak[0]["oppstart"] == date(2026, 11, 27)
    assert tiltak[0]["ansvarlig"] == "Miljøarbeider"
    fravaer = data.tabeller["fravaer"]
    assert [r["dato"] for r in fravaer] == [date(2026, 11, 2), date(2026, 11, 9)]
    assert fravaer[1]["timer"] == 2
    assert fravaer[1]["dokumentert"] is False
    assert fravaer[0]["timer"] is None


def test_whitespace_is_trimmed_and_line_breaks_inside_are_kept(fyll: Fyll) -> None:
    data = les_skjema(fyll(elev_navn="  Amin  ", venner="\n Ali\r\nOla \n", klasse="   "))
    assert data.verdier["elev_navn"] == "Amin"
    assert data.verdier["venner"] == "Ali\nOla"
    assert data.verdier["klasse"] is None


def test_dates_as_date_cells_and_as_text_in_both_forms(fyll: Fyll) -> None:
    for tekst in ("12.11.2026", "12.11.2026 ", "2026-11-12"):
        data = les_skjema(fyll(kartlegging_dato=tekst))
        assert data.verdier["kartlegging_dato"] == date(2026, 11, 12), tekst
    data = les_skjema(fyll(kartlegging_dato=datetime(2026, 11, 12, 0, 0)))
    assert data.verdier["kartlegging_dato"] == date(2026, 11, 12)
    # Read on a day after it: a mapping in the future is an error, and its date is left out.
    sti = fyll(kartlegging_dato="1.2.2027", plan_neste_mote=date(2027, 2, 5))
    data = les_skjema(sti, idag=date(2027, 2, 3))
    assert data.verdier["kartlegging_dato"] == date(2027, 2, 1)


def test_a_wrong_date_names_sheet_cell_label_and_value(fyll: Fyll) -> None:
    data = les_skjema(fyll(kartlegging_dato="31.02.2026"))
    [funn] = _funn_for(data, "Dato for kartleggingen")
    assert funn.alvor == "feil"
    assert funn.ark == "Om eleven"
    assert funn.celle
    assert funn.verdi == "31.02.2026"
    assert "dd.mm.åååå" in funn.melding
    assert funn.tekst().startswith("FEIL – 'Om eleven'!")
    data = les_skjema(fyll(kartlegging_dato="i går"))
    [funn] = _funn_for(data, "Dato for kartleggingen")
    assert "ikke en dato" in funn.melding


def test_the_cell_in_a_finding_is_where_the_value_is(fyll: Fyll) -> None:
    sti = fyll(elev_navn=None)
    data = les_skjema(sti)
    [funn] = _funn_for(data, "Elevens navn")
    assert funn.melding == "Feltet må fylles ut."
    ws = load_workbook(sti)[funn.ark]
    # The label stands beside the input cell.
    rad = int("".join(c for c in funn.celle if c.isdigit()))
    tekster = [c.value for c in ws[rad] if isinstance(c.value, str)]
    assert "Elevens navn" in tekster


def test_required_fields_missing_are_errors(fyll: Fyll) -> None:
    # A required field of each kind the form has: text, choice and date (no Ja/Nei
    # field is required since version 2).
    data = les_skjema(fyll(skole=None, trinn=None, kartlegging_dato=None))
    etiketter = {f.etikett for f in data.feil}
    assert {"Skole", "Trinn", "Dato for kartleggingen"} <= etiketter
    [trinn] = _funn_for(data, "Trinn")
    assert "Velg et svar fra listen" in trinn.melding
    [dato] = _funn_for(data, "Dato for kartleggingen")
    assert (dato.alvor, dato.ark) == ("feil", "Om eleven")
    assert dato.melding == "Feltet må fylles ut. Skriv datoen som dd.mm.åååå."


def test_a_choice_not_in_the_list_is_an_error_that_lists_the_choices(fyll: Fyll) -> None:
    data = les_skjema(fyll(fravaerstype="Vet ikke"))
    [funn] = _funn_for(data, "Type fravær (teamets vurdering)")
    assert funn.alvor == "feil"
    assert "Skolevegring" in funn.melding and "Uavklart" in funn.melding


def test_yes_no_accepts_ja_and_nei_only(fyll: Fyll) -> None:
    assert les_skjema(fyll(rel_redd_laerer="JA")).verdier["rel_redd_laerer"] is True
    assert les_skjema(fyll(rel_redd_laerer="nei")).verdier["rel_redd_laerer"] is False
    data = les_skjema(fyll(rel_redd_laerer="kanskje"))
    [funn] = _funn_for(data, ETIKETT_REDD_LAERER)
    assert funn.alvor == "feil"
    assert (funn.ark, funn.verdi) == ("Relasjoner", "kanskje")
    assert "Ja eller Nei" in funn.melding


ETIKETT_REDD_LAERER = standard_definisjon().felt("rel_redd_laerer").etikett


def test_whole_numbers_and_their_limits(fyll: Fyll) -> None:
    rad = {"dato": date(2026, 11, 2), "omfang": "Enkelttimer", "fag": "Norsk"}
    data = les_skjema(fyll(fravaer=[{**rad, "timer": 11}, {**rad, "timer": "to"}]))
    meldinger = [f.melding for f in _funn_for(data, "Timer")]
    assert "Tallet kan ikke være større enn 10." in meldinger
    assert any("helt tall" in m for m in meldinger)
    assert les_skjema(fyll(fravaer=[{**rad, "timer": "3"}])).tabeller["fravaer"][0]["timer"] == 3


def test_single_hours_need_the_number_of_hours(fyll: Fyll) -> None:
    data = les_skjema(fyll(fravaer=[{"dato": date(2026, 11, 2), "omfang": "Enkelttimer"}]))
    [funn] = _funn_for(data, "Timer")
    assert funn.alvor == "feil"
    assert funn.ark == "Fravær"


def test_text_longer_than_its_limit_is_an_error(fyll: Fyll) -> None:
    data = les_skjema(fyll(elev_navn="A" * 101))
    [funn] = _funn_for(data, "Elevens navn")
    assert "101 tegn" in funn.melding and "100" in funn.melding
    assert funn.verdi.endswith("…")


def test_long_answers_are_kept_whole(fyll: Fyll) -> None:
    svar = "Lang tekst. " * 420
    assert les_skjema(fyll(venner=svar)).verdier["venner"] == svar.strip()


def test_evaluation_before_start_is_an_error(fyll: Fyll) -> None:
    tiltak = [
        {
            "omrade": "Hjemmet",
            "tiltak": "Foreldrene vekker ham.",
            "ansvarlig": "Foresatte",
            "oppstart": date(2026, 11, 20),
            "evaluering": date(2026, 11, 13),
        }
    ]
    data = les_skjema(fyll(tiltak=tiltak))
    [funn] = _funn_for(data, "Evaluering")
    assert funn.alvor == "feil"
    assert funn.ark == "Plan"
    assert funn.verdi == "13.11.2026"
    assert "20.11.2026" in funn.melding


def test_a_late_evaluation_meeting_and_a_measure_without_responsible_are_warnings(
    fyll: Fyll,
) -> None:
    tiltak = [{"omrade": "Skolen", "tiltak": "Ekstra hei om morgenen."}]
    # Thursday 17.12.2026 is 21 days after the mapping on 26.11.2026.
    data = les_skjema(fyll(plan_neste_mote=date(2026, 12, 17), tiltak=tiltak))
    assert not data.har_feil
    [mote] = _funn_for(data, "Neste evalueringsmøte")
    assert mote.alvor == "advarsel"
    assert "Ikke vente og se" in mote.melding and "21 dager" in mote.melding
    [ansvar] = _funn_for(data, "Ansvarlig")
    assert ansvar.alvor == "advarsel"
    assert ansvar.ark == "Plan" and ansvar.celle


def test_fourteen_days_is_still_fine(fyll: Fyll) -> None:
    # Thursday 10.12.2026 is 14 days after the mapping on 26.11.2026; Friday is 15.
    data = les_skjema(fyll(plan_neste_mote=date(2026, 12, 10)))
    assert _funn_for(data, "Neste evalueringsmøte") == []
    data = les_skjema(fyll(plan_neste_mote=date(2026, 12, 11)))
    [mote] = _funn_for(data, "Neste evalueringsmøte")
    assert "15 dager" in mote.melding


def test_rows_typed_below_the_table_are_read_too(fyll: Fyll, tmp_path: Path) -> None:
    sti = fyll()
    bok = load_workbook(sti)
    ws = bok["Plan"]
    ref = ws.tables["tiltak"].ref
    under = int(ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    forste = ref.split(":")[0].rstrip("0123456789")
    ws[f"{forste}{under}"] = "Hjemmet"
    ws.cell(row=under, column=ws[f"{forste}{under}"].column + 1, value="Leggetid kl. 21.")
    bok.save(sti)
    data = les_skjema(sti)
    assert [r["tiltak"] for r in data.tabeller["tiltak"]][-1] == "Leggetid kl. 21."


def test_empty_table_rows_are_skipped(fyll: Fyll) -> None:
    data = les_skjema(fyll(fravaer=[]))
    assert data.tabeller["fravaer"] == []


def test_values_are_the_ones_written(fyll: Fyll) -> None:
    sti = fyll(elev_navn="Celine", **{"venner": "Ingrid & «Maja» <3"})
    assert les_skjema(sti).verdier["venner"] == "Ingrid & «Maja» <3"
    assert GYLDIGE_VERDIER["skole"] == les_skjema(sti).verdier["skole"]


def test_one_cell_gets_one_finding_and_findings_follow_the_form(fyll: Fyll) -> None:
    tiltak = [
        {
            "omrade": "Hjemmet",
            "tiltak": "Foreldrene vekker ham.",
            "ansvarlig": "Foresatte",
            "oppstart": date(2026, 11, 20),
            "evaluering": date(2026, 11, 13),
        }
    ]
    fravaer = [{"dato": date(2026, 11, 2), "omfang": "Enkelttimer", "timer": "to"}]
    data = les_skjema(fyll(elev_navn=None, tiltak=tiltak, fravaer=fravaer))
    timer = _funn_for(data, "Timer")
    assert len(timer) == 1 and "helt tall" in timer[0].melding
    # The evaluation cell is before its start and is no meeting day: one finding, the error.
    [evaluering] = _funn_for(data, "Evaluering")
    assert evaluering.alvor == "feil"
    assert list(dict.fromkeys(f.ark for f in data.funn)) == ["Om eleven", "Plan", "Fravær"]


def _utvidet(tmp_path: Path, ref: str = "A5:H1048576") -> Path:
    """Return a copy of Amin's form whose absence table is declared as `ref`."""
    bok = load_workbook(AMIN)
    tabell = bok["Fravær"].tables["fravaer"]
    tabell.ref = ref
    tabell.autoFilter.ref = ref
    sti = tmp_path / "utvidet.xlsx"
    bok.save(sti)
    return sti


def test_a_table_widened_to_the_bottom_of_the_sheet_reads_its_rows_only(tmp_path: Path) -> None:
    sti = _utvidet(tmp_path)
    vanlig = les_skjema(AMIN)
    utvidet = les_skjema(sti)
    # eksempler/amin.toml has 21 [[fravaer]] entries: 18 up to the mapping on 12.11
    # and 3 after it (16.11, 17.11 and 24.11).
    assert len(utvidet.tabeller["fravaer"]) == len(vanlig.tabeller["fravaer"]) == 21
    assert utvidet.tabeller == vanlig.tabeller
    assert utvidet.funn == vanlig.funn == []
    # Reading creates no cell: the sheet holds exactly the cells the file has.
    bok = apne_arbeidsbok(sti)
    ws = bok["Fravær"]
    for_lesing, hoyde = set(ws._cells), ws.max_row
    les_raatt(bok, standard_definisjon())
    assert set(ws._cells) == for_lesing
    assert ws.max_row == hoyde == 265


def test_a_widened_table_gives_the_same_check_and_documents(tmp_path: Path) -> None:
    sti = _utvidet(tmp_path)
    r = CliRunner().invoke(main, ["sjekk", str(sti)])
    assert r.exit_code == 0, r.output
    assert "utvidet.xlsx: OK, ingen feil eller advarsler." in r.output
    r = CliRunner().invoke(main, ["lag", str(sti), "--ut", str(tmp_path / "ut")])
    assert r.exit_code == 0, r.output
    # Amin's form has evaluation meetings, so it gives the evaluation note too.
    assert sorted(p.name for p in (tmp_path / "ut").glob("Amin - *.docx")) == [
        "Amin - evalueringsnotat 26.11.2026.docx",
        "Amin - kartleggingsrapport.docx",
        "Amin - plan.docx",
    ]


def test_a_table_widened_sideways_reads_its_columns(tmp_path: Path) -> None:
    data = les_skjema(_utvidet(tmp_path, "A5:XFD1048576"))
    assert data.funn == []
    assert data.tabeller == les_skjema(AMIN).tabeller


def test_a_table_whose_range_is_whole_columns_is_a_finding(tmp_path: Path) -> None:
    data = les_skjema(_utvidet(tmp_path, "A:H"))
    [funn] = data.feil
    assert funn.sted == "Fravær"
    assert funn.melding.startswith("Tabellen «fravaer» har et ødelagt område.")
    assert data.tabeller["fravaer"] == []


def test_content_below_an_empty_row_under_the_table_is_not_read(fyll: Fyll) -> None:
    sti = fyll(fravaer=[{"dato": date(2026, 11, 2), "omfang": "Hel dag"}])
    bok = load_workbook(sti)
    ws = bok["Fravær"]
    forste, _, _, bunn = range_boundaries(ws.tables["fravaer"].ref)
    # One row just below belongs to the table; after an empty row, nothing does.
    ws.cell(bunn + 1, forste, date(2026, 11, 3))
    ws.cell(bunn + 1, forste + 1, "Hel dag")
    ws.cell(bunn + 3, forste, "Notat: ring hjem på fredag")
    ws.cell(bunn + 500, forste + 7, "Et annet notat")
    bok.save(sti)
    data = les_skjema(sti)
    assert [r["dato"] for r in data.tabeller["fravaer"]] == [date(2026, 11, 2), date(2026, 11, 3)]
    assert data.feil == []


def test_a_table_past_the_row_limit_is_an_error_and_the_rest_is_not_read(tmp_path: Path) -> None:
    bok = load_workbook(AMIN)
    ws = bok["Fravær"]
    forste, hode, _, _ = range_boundaries(ws.tables["fravaer"].ref)
    # Amin has 21 rows (6–26); fill on below them, one after the other, to 3 past the limit.
    assert len(les_skjema(AMIN).tabeller["fravaer"]) == 21
    for rad in range(hode + 22, hode + MAKS_TABELLRADER + 4):
        ws.cell(rad, forste, date(2026, 11, 11))
        ws.cell(rad, forste + 1, "Hel dag")
    sti = tmp_path / "mange.xlsx"
    bok.save(sti)
    data = les_skjema(sti)
    assert len(data.tabeller["fravaer"]) == MAKS_TABELLRADER
    [funn] = data.feil
    forste_over = hode + MAKS_TABELLRADER + 1
    assert funn.sted == f"Fravær!A{forste_over}" == "Fravær!A5006"
    assert funn.melding.startswith(
        "Tabellen har mer enn 5\u00a0000 utfylte rader, og radene fra og med rad 5006 er ikke lest."
    )
    r = CliRunner().invoke(main, ["sjekk", str(sti)])
    assert r.exit_code == 1
    assert "FEIL – Fravær!A5006 – Fravær: Tabellen har mer enn 5\u00a0000 utfylte rader" in r.output
    r = CliRunner().invoke(main, ["lag", str(sti), "--ut", str(tmp_path / "ut")])
    assert r.exit_code == 1
    assert not (tmp_path / "ut").exists() or not any((tmp_path / "ut").iterdir())

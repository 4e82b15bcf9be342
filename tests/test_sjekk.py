"""`skjemaverk sjekk`: every message path, with its exit code and no traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import msoffcrypto
import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook, load_workbook

from tests.conftest import ROT, Fyll
from toolkit.cli import main


def kjor(*args: str | Path, input: str | None = None, env: dict | None = None) -> Result:
    resultat = CliRunner().invoke(main, [str(a) for a in args], input=input, env=env)
    assert resultat.exception is None or isinstance(resultat.exception, SystemExit), resultat.output
    assert "Traceback" not in resultat.output
    return resultat


def test_a_valid_form_exits_0(fyll: Fyll) -> None:
    r = kjor("sjekk", fyll(navn="amin.xlsx"))
    assert r.exit_code == 0
    assert "amin.xlsx: OK, ingen feil eller advarsler." in r.output


def test_warnings_are_printed_but_exit_0(fyll: Fyll) -> None:
    from datetime import date

    r = kjor("sjekk", fyll(plan_neste_mote=date(2026, 12, 31)))
    assert r.exit_code == 0
    assert "0 feil, 3 advarsler" in r.output
    assert "ADVARSEL – Plan!" in r.output and "Ikke vente og se" in r.output


def test_errors_exit_1_with_sheet_cell_label_and_what_to_do(fyll: Fyll) -> None:
    r = kjor("sjekk", fyll(elev_navn=None, trinn="11. trinn"))
    assert r.exit_code == 1
    assert "2 feil" in r.output
    assert "FEIL – 'Om eleven'!B" in r.output
    assert "Elevens navn: Feltet må fylles ut." in r.output
    assert "(fant: «11. trinn»)" in r.output


def test_several_files_exit_with_the_worst(fyll: Fyll, tmp_path: Path) -> None:
    tom = tmp_path / "tom.xlsx"
    tom.write_bytes(b"")
    r = kjor("sjekk", fyll(), fyll(elev_navn=None), tom)
    assert r.exit_code == 2
    assert "OK" in r.output and "1 feil" in r.output and "tom.xlsx" in r.output


def _skriv(tmp_path: Path, navn: str, innhold: bytes) -> Path:
    sti = tmp_path / navn
    sti.write_bytes(innhold)
    return sti


@pytest.mark.parametrize(
    ("navn", "innhold", "forventet"),
    [
        ("tom.xlsx", b"", "er tom (0 byte)"),
        ("tekst.xlsx", b"elev;dato\nAmin;12.11.2026\n", "er ikke en Excel-arbeidsbok"),
        ("gammel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "ødelagt"),
    ],
)
def test_files_that_are_not_forms_exit_2(
    tmp_path: Path, navn: str, innhold: bytes, forventet: str
) -> None:
    r = kjor("sjekk", _skriv(tmp_path, navn, innhold))
    assert r.exit_code == 2
    assert forventet in r.output


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    r = kjor("sjekk", tmp_path / "finnes-ikke.xlsx")
    assert r.exit_code == 2
    assert "Fant ikke filen" in r.output


def test_a_truncated_file_exits_2(fyll: Fyll, tmp_path: Path) -> None:
    hel = fyll().read_bytes()
    r = kjor("sjekk", _skriv(tmp_path, "avbrutt.xlsx", hel[: len(hel) // 2]))
    assert r.exit_code == 2
    assert "ødelagt eller ufullstendig" in r.output


def test_an_ods_file_exits_2_and_says_how_to_save_as_xlsx(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    r = kjor("sjekk", _skriv(tmp_path, "skjema.ods", buf.getvalue()))
    assert r.exit_code == 2
    assert "OpenDocument-regneark (.ods)" in r.output and "Lagre som" in r.output


def test_a_word_document_exits_2(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    r = kjor("sjekk", _skriv(tmp_path, "rapport.xlsx", buf.getvalue()))
    assert r.exit_code == 2
    assert "er et Word-dokument" in r.output


def test_a_workbook_of_another_kind_exits_2(tmp_path: Path) -> None:
    sti = tmp_path / "budsjett.xlsx"
    Workbook().save(sti)
    r = kjor("sjekk", sti)
    assert r.exit_code == 2
    assert "ikke et skjema fra Skjemaverk (den mangler merket som sier hvilket skjema" in r.output


def _med_versjon(sti: Path, versjon: str) -> Path:
    bok = load_workbook(sti)
    bok.defined_names["skjema_versjon"].attr_text = versjon
    bok.save(sti)
    return sti


def test_a_form_of_a_newer_version_exits_2(fyll: Fyll) -> None:
    r = kjor("sjekk", _med_versjon(fyll(), "7"))
    assert r.exit_code == 2
    assert "versjon 7" in r.output and "Oppdater Skjemaverk" in r.output


def test_a_form_of_an_unknown_version_exits_2(fyll: Fyll) -> None:
    r = kjor("sjekk", _med_versjon(fyll(), '"x"'))
    assert r.exit_code == 2
    assert "versjon x" in r.output


def _krypter(sti: Path, passord: str) -> Path:
    ut = sti.with_name("kryptert.xlsx")
    with open(sti, "rb") as inn, open(ut, "wb") as fil:
        msoffcrypto.OfficeFile(inn).encrypt(passord, fil)
    return ut


def test_a_password_protected_form_says_so_and_how_to_give_the_password(fyll: Fyll) -> None:
    kryptert = _krypter(fyll(), "hemmelig")
    r = kjor("sjekk", kryptert, env={"SKJEMAVERK_SKJEMAPASSORD": ""})
    assert r.exit_code == 2
    assert "beskyttet med passord" in r.output and "--skjemapassord" in r.output


@pytest.mark.parametrize("valg", ["--passord", "--skjemapassord"])
def test_passord_asks_for_the_password_and_opens_the_form(fyll: Fyll, valg: str) -> None:
    kryptert = _krypter(fyll(), "hemmelig")
    r = kjor("sjekk", kryptert, valg, input="hemmelig\n")
    assert r.exit_code == 0, r.output
    assert "OK" in r.output
    assert "hemmelig" not in r.output


def test_lag_opens_a_protected_form_with_skjemapassord(fyll: Fyll, tmp_path: Path) -> None:
    kryptert = _krypter(fyll(), "hemmelig")
    r = kjor("lag", kryptert, "--skjemapassord", "--ut", tmp_path / "ut", input="hemmelig\n")
    assert r.exit_code == 0, r.output
    assert len(list((tmp_path / "ut").glob("*.docx"))) == 2


def test_the_password_can_come_from_the_environment(fyll: Fyll) -> None:
    kryptert = _krypter(fyll(), "hemmelig")
    assert kjor("sjekk", kryptert, env={"SKJEMAVERK_SKJEMAPASSORD": "hemmelig"}).exit_code == 0


@pytest.mark.parametrize("kommando", ["sjekk", "lag", "fravaer"])
def test_the_password_in_the_environment_is_used_with_the_flag_too(
    fyll: Fyll, tmp_path: Path, kommando: str
) -> None:
    # A script gives both, with no terminal to ask in: the variable is used, as it is for the
    # documents' password with «lag --passord».
    kryptert = _krypter(fyll(), "hemmelig")
    valg = ["--skjemapassord"] if kommando != "lag" else ["--skjemapassord", "--passord"]
    ut = ["--ut", tmp_path / "ut"] if kommando == "lag" else []
    miljo = {"SKJEMAVERK_SKJEMAPASSORD": "hemmelig", "SKJEMAVERK_PASSORD": "Lang-nok-passfrase-7"}
    r = kjor(kommando, kryptert, *valg, *ut, input="", env=miljo)
    assert r.exit_code == 0, r.output
    assert "Fant ikke noe passord" not in r.output
    if kommando == "lag":
        assert len(list((tmp_path / "ut").glob("*.docx"))) == 2


def test_a_wrong_password_exits_2(fyll: Fyll) -> None:
    kryptert = _krypter(fyll(), "hemmelig")
    r = kjor("sjekk", kryptert, "--passord", input="feil\n")
    assert r.exit_code == 2
    assert "Feil passord" in r.output


def test_a_zip_that_would_unpack_to_something_absurd_is_refused(tmp_path: Path) -> None:
    sti = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(sti, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as del_:
            for _ in range(8):
                del_.write(b"\0" * (1024 * 1024))
    r = kjor("sjekk", sti)
    assert r.exit_code == 2
    assert "altfor stort" in r.output


def test_a_deleted_field_cell_is_an_error_not_a_crash(fyll: Fyll) -> None:
    # Deleting the row of a named cell leaves the name pointing at #REF!.
    sti = fyll()
    bok = load_workbook(sti)
    bok.defined_names["venner"].attr_text = "'Hva kartlegger vi'!#REF!"
    bok.save(sti)
    r = kjor("sjekk", sti)
    assert r.exit_code == 1
    # At the cell beside the field's label, with how to set the name right.
    assert "FEIL – 'Hva kartlegger vi'!B5 – Hvem er elevens venner" in r.output
    assert "Navnet «venner» peker ikke lenger på noen celle" in r.output
    assert "Formler › Navnebehandling" in r.output


def test_felter_lists_every_field_with_sheet_and_cell() -> None:
    r = kjor("felter")
    assert r.exit_code == 0
    assert "elev_navn" in r.output and "'Om eleven'!B" in r.output
    assert "tiltak" in r.output and "ansvarlig" in r.output


def test_felter_json_is_the_field_reference() -> None:
    import json

    from toolkit.register import standard_definisjon

    r = kjor("felter", "--json")
    ref = json.loads(r.output)
    definisjon = standard_definisjon()
    assert [f["key"] for f in ref["felter"]] == [f.key for f in definisjon.felter]
    navn = next(f for f in ref["felter"] if f["key"] == "trinn")
    assert navn["type"] == "valg" and "5. trinn" in navn["valg"] and navn["pakrevd"]
    assert navn["ark"] == "Om eleven" and navn["celle"].startswith("B")
    tiltak = next(t for t in ref["tabeller"] if t["key"] == "tiltak")
    assert [k["key"] for k in tiltak["kolonner"]] == [
        "omrade",
        "tiltak",
        "ansvarlig",
        "oppstart",
        "evaluering",
        "status",
    ]
    assert tiltak["ark"] == "Plan"


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("format", "forventet"),
    [("xls", "gamle Excel-formatet (.xls)"), ("ods", "OpenDocument-regneark (.ods)")],
)
def test_a_form_saved_by_libreoffice_as_xls_or_ods_exits_2(
    fyll: Fyll, tmp_path: Path, format: str, forventet: str
) -> None:
    from lo import konverter

    [lagret] = konverter([fyll(navn="amin.xlsx")], tmp_path / "lagret", format)
    r = kjor("sjekk", lagret)
    assert r.exit_code == 2
    assert forventet in r.output and "Lagre som" in r.output


def test_an_absence_row_on_a_day_off_is_a_warning_with_its_cell(fyll: Fyll) -> None:
    from datetime import date

    fravaer = [
        {"dato": date(2026, 11, 2), "omfang": "Hel dag", "arsak": "Syk"},
        {"dato": date(2026, 9, 30), "omfang": "Hel dag", "arsak": "Syk"},
    ]
    r = kjor("sjekk", fyll(fravaer=fravaer))
    assert r.exit_code == 0
    assert "0 feil, 1 advarsel" in r.output
    [linje] = [rad for rad in r.output.splitlines() if "ADVARSEL" in rad]
    assert linje.strip().startswith("ADVARSEL – Fravær!A") and "høstferien" in linje


def test_fravaer_prints_the_figures_and_patterns(fyll: Fyll) -> None:
    from datetime import date

    dager = (date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 9))
    fravaer = [{"dato": d, "omfang": "Hel dag", "arsak": "Nektet å gå"} for d in dager]
    r = kjor("fravaer", fyll(fravaer=fravaer))
    assert r.exit_code == 0, r.output
    assert "Hele dager                       3" in r.output
    assert "3 av 3 hele fraværsdager var mandager." in r.output
    # The reasons are shown as reasons; the type of absence is never read from them.
    assert "Nektet å gå" in r.output and "Skolevegring" not in r.output


def test_fravaer_on_a_form_with_errors_exits_1(fyll: Fyll) -> None:
    r = kjor("fravaer", fyll(kartlegging_dato="i går"))
    assert r.exit_code == 1
    assert "Dato for kartleggingen" in r.output


def test_nothing_to_read_at_a_password_prompt_says_how_to_give_it(fyll: Fyll) -> None:
    # No terminal and an empty input (a scheduled job, say): not a Ctrl+C, but a way to go.
    r = kjor("sjekk", fyll(), "--passord", input="")
    assert r.exit_code == 2
    assert "Fant ikke noe passord å lese" in r.output
    assert "SKJEMAVERK_SKJEMAPASSORD" in r.output and "Avbrutt" not in r.output


def test_a_missing_column_header_is_one_error_on_its_cell_not_one_per_row(fyll: Fyll) -> None:
    sti = fyll(tiltak=[{"omrade": "Skolen", "tiltak": f"Tiltak {i}"} for i in range(5)])
    bok = load_workbook(sti)
    ws = bok["Plan"]
    [celle] = [c for rad in ws.iter_rows() for c in rad if c.value == "Ansvarlig"]
    celle.value = None
    bok.save(sti)
    r = kjor("sjekk", sti)
    # The form's own version has the column: an optional column emptied is an error too, on
    # its header cell, and the checks that count on the table say nothing more.
    assert r.exit_code == 1
    assert "1 feil, 0 advarsler" in r.output, r.output
    assert (
        f"FEIL – Plan!{celle.coordinate} – Tiltak: Kolonnen «Ansvarlig» mangler i tabellen: "
        f"overskriften er tom. Skriv «Ansvarlig» i {celle.coordinate} igjen"
    ) in r.output


def test_a_missing_required_column_is_an_error(fyll: Fyll) -> None:
    sti = fyll(tiltak=[{"omrade": "Skolen", "tiltak": f"Tiltak {i}"} for i in range(3)])
    bok = load_workbook(sti)
    ws = bok["Plan"]
    [celle] = [c for rad in ws.iter_rows() for c in rad if c.value == "Hvem gjør det"]
    celle.value = "Hvem"
    bok.save(sti)
    r = kjor("sjekk", sti)
    assert r.exit_code == 1
    # One error, on the header typed over, with what it says now.
    assert "1 feil, " in r.output
    assert (
        f"FEIL – Plan!{celle.coordinate} – Tiltak: Overskriften «Hvem» er ikke en av kolonnene i "
        "tabellen. Mente du «Hvem gjør det»? Gi kolonnen navnet «Hvem gjør det» igjen, så blir "
        "den lest. (fant: «Hvem»)"
    ) in r.output


@pytest.mark.parametrize(
    ("ark", "overskrift", "ny"),
    [("Plan", "Tiltak", "Tiltaket"), ("Fravær", "Dato", "Datoen"), ("Evaluering", "Tiltak", "")],
)
def test_a_header_typed_over_gives_one_error_and_no_warnings_that_follow_from_it(
    tmp_path: Path, ark: str, overskrift: str, ny: str
) -> None:
    # Amin's form: with a column of the measures, the absence or the evaluations missing,
    # the checks that count on it (measures not found, going further) say nothing.
    sti = tmp_path / "amin.xlsx"
    bok = load_workbook(ROT / "eksempler" / "amin.xlsx")
    ws = bok[ark]
    [tabell] = [
        t
        for t in ws.tables.values()
        if any(c.value == overskrift for c in ws[t.ref.split(":")[0][1:]])
    ]
    hode = int("".join(ch for ch in tabell.ref.split(":")[0] if ch.isdigit()))
    [celle] = [c for c in ws[hode] if c.value == overskrift]
    celle.value = ny or None
    bok.save(sti)
    r = kjor("sjekk", sti)
    assert r.exit_code == 1, r.output
    assert "1 feil, 0 advarsler" in r.output, r.output
    assert f"FEIL – {ark if ' ' not in ark else repr(ark)}!{celle.coordinate}" in r.output


def test_a_decimal_number_is_shown_the_norwegian_way(fyll: Fyll) -> None:
    from datetime import date

    rad = {"dato": date(2026, 11, 2), "omfang": "Enkelttimer", "timer": 2.5}
    r = kjor("sjekk", fyll(fravaer=[rad]))
    assert "(fant: «2,5»)" in r.output


def test_excels_lock_file_of_an_open_form_is_named_as_such(tmp_path: Path) -> None:
    # Excel writes «~$Kartlegging Amin.xlsx» beside a form that is open.
    laas = tmp_path / "~$Kartlegging Amin.xlsx"
    laas.write_bytes(b"\x0bOla Nordmann" + b"\x00" * 150)
    r = kjor("sjekk", laas)
    assert r.exit_code == 2
    assert "midlertidig fil som Excel lager mens skjemaet er åpent" in r.output
    assert "«Kartlegging Amin.xlsx»" in r.output


def test_a_damaged_workbook_is_named_in_norwegian_only(tmp_path: Path) -> None:
    # A workbook whose parts are there but whose XML is broken.
    sti = tmp_path / "skadet.xlsx"
    with zipfile.ZipFile(ROT / "eksempler" / "amin.xlsx") as inn, zipfile.ZipFile(sti, "w") as ut:
        for info in inn.infolist():
            data = inn.read(info.filename)
            ut.writestr(
                info, data[: len(data) // 2] if info.filename == "xl/workbook.xml" else data
            )
    r = kjor("sjekk", sti)
    assert r.exit_code == 2
    assert "er ødelagt inni og kunne ikke leses som en Excel-arbeidsbok" in r.output
    assert "Error" not in r.output and "(" not in r.output.split("arbeidsbok")[1].split(".")[0]

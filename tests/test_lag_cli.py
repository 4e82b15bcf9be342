"""`skjemaverk lag` end to end: validate, refuse, or write both documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from docx import Document

from tests.conftest import ROT, Fyll
from toolkit.cli import main


def kjor(*args: str | Path) -> Result:
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert "Traceback" not in r.output
    return r


def _tekst(sti: Path) -> str:
    doc = Document(str(sti))
    deler = [p.text for p in doc.paragraphs]
    for tabell in doc.tables:
        for rad in tabell.rows:
            deler += [c.text for c in rad.cells]
    return "\n".join(deler)


def test_lag_writes_both_documents_and_says_where(fyll: Fyll, tmp_path: Path) -> None:
    ut = tmp_path / "ut"
    r = kjor("lag", fyll(navn="amin.xlsx"), "--ut", ut)
    assert r.exit_code == 0, r.output
    rapport = ut / "Amin Testesen - kartleggingsrapport.docx"
    plan = ut / "Amin Testesen - plan.docx"
    assert f"Skrev {rapport}" in r.output and f"Skrev {plan}" in r.output
    assert "Amin Testesen" in _tekst(rapport)
    assert "Amins plan for å komme tilbake til skolen" in _tekst(plan)
    assert "Miljøarbeideren sender Amin melding daglig." in _tekst(plan)
    assert sorted(p.name for p in ut.iterdir()) == sorted([rapport.name, plan.name])


def test_lag_writes_beside_the_form_by_default(fyll: Fyll) -> None:
    skjema = fyll(navn="amin.xlsx")
    assert kjor("lag", skjema).exit_code == 0
    assert (skjema.parent / "Amin Testesen - plan.docx").is_file()


def test_a_form_with_errors_gives_its_findings_exit_1_and_no_documents(
    fyll: Fyll, tmp_path: Path
) -> None:
    ut = tmp_path / "ut"
    r = kjor("lag", fyll(elev_navn=None), "--ut", ut)
    assert r.exit_code == 1
    assert "Elevens navn: Feltet må fylles ut." in r.output
    assert "ingen dokumenter laget" in r.output
    assert not ut.exists() or list(ut.iterdir()) == []


def test_warnings_are_shown_and_the_documents_still_made(fyll: Fyll, tmp_path: Path) -> None:
    tiltak = [{"omrade": "Skolen", "tiltak": "Ekstra hei om morgenen."}]
    r = kjor("lag", fyll(tiltak=tiltak), "--ut", tmp_path / "ut")
    assert r.exit_code == 0
    assert "ADVARSEL" in r.output and "ingen ansvarlig" in r.output
    assert len(list((tmp_path / "ut").glob("*.docx"))) == 2


def test_an_existing_document_is_not_overwritten_without_overskriv(
    fyll: Fyll, tmp_path: Path
) -> None:
    ut = tmp_path / "ut"
    ut.mkdir()
    plan = ut / "Amin Testesen - plan.docx"
    plan.write_bytes(b"skolens egne endringer")
    r = kjor("lag", fyll(), "--ut", ut)
    assert r.exit_code == 1
    assert "Amin Testesen - plan.docx" in r.output and "--overskriv" in r.output
    assert plan.read_bytes() == b"skolens egne endringer"
    assert not (ut / "Amin Testesen - kartleggingsrapport.docx").exists()
    r = kjor("lag", fyll(), "--ut", ut, "--overskriv")
    assert r.exit_code == 0
    assert "Amins plan" in _tekst(plan)


def test_an_output_folder_under_a_file_gets_a_clear_message(fyll: Fyll, tmp_path: Path) -> None:
    fil = tmp_path / "en-fil"
    fil.write_text("x")
    r = kjor("lag", fyll(), "--ut", fil / "ut")
    assert r.exit_code == 1
    assert "Kan ikke lage mappen" in r.output


def test_an_unreadable_file_exits_2_and_others_are_still_made(fyll: Fyll, tmp_path: Path) -> None:
    tom = tmp_path / "tom.xlsx"
    tom.write_bytes(b"")
    r = kjor("lag", tom, fyll(), "--ut", tmp_path / "ut")
    assert r.exit_code == 2
    assert "er tom" in r.output
    assert len(list((tmp_path / "ut").glob("*.docx"))) == 2


def test_the_bundled_example_makes_amins_documents(tmp_path: Path) -> None:
    skjema = tmp_path / "amin.xlsx"
    shutil.copy(ROT / "eksempler" / "amin.xlsx", skjema)
    r = kjor("lag", skjema, "--ut", tmp_path / "ut")
    assert r.exit_code == 0, r.output
    [plan] = (tmp_path / "ut").glob("* - plan.docx")
    assert "Amins plan for å komme tilbake til skolen" in _tekst(plan)

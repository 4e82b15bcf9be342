"""The command line itself: help in Norwegian, `nytt`, and `python -m toolkit`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.conftest import ROT
from toolkit.cli import main

KOMMANDOER = sorted(main.commands)


def test_every_command_has_norwegian_help_with_an_example() -> None:
    for navn in KOMMANDOER:
        kommando = main.commands[navn]
        assert kommando.help, navn
        r = CliRunner().invoke(main, [navn, "--help"])
        assert r.exit_code == 0
        assert r.output.startswith(f"Bruk: main {navn} [VALG]")
        assert "Eksempel:" in r.output, navn
        assert "Vis denne hjelpen og avslutt." in r.output
        assert "Options" not in r.output and "Usage" not in r.output
        assert "required]" not in r.output and "default:" not in r.output, navn


def test_every_command_is_in_the_readme() -> None:
    readme = (ROT / "README.md").read_text(encoding="utf-8")
    for navn in KOMMANDOER:
        assert f"skjemaverk {navn}" in readme, navn


def test_main_help_lists_the_exit_codes() -> None:
    r = CliRunner().invoke(main, ["--help"])
    assert r.exit_code == 0
    assert "Utgangskoder:" in r.output and "Kommandoer:" in r.output


def test_a_usage_error_is_norwegian_and_exits_2() -> None:
    r = CliRunner().invoke(main, ["sjekk"])
    assert r.exit_code == 2
    assert "Mangler argument" in r.output
    r = CliRunner().invoke(main, ["sjekkk"])
    assert r.exit_code == 2
    assert "finnes ikke" in r.output and "Mente du" in r.output


def test_nytt_writes_the_blank_form(tmp_path: Path) -> None:
    sti = tmp_path / "Kartlegging Amin.xlsx"
    r = CliRunner().invoke(main, ["nytt", str(sti)])
    assert r.exit_code == 0, r.output
    assert f"Skrev blankt skjema (kartleggingsskjema): {sti}" in r.output
    bok = load_workbook(sti)
    assert "elev_navn" in bok.defined_names
    assert bok.sheetnames[0] == "Veiledning"


def test_nytt_never_overwrites_without_overskriv(tmp_path: Path) -> None:
    sti = tmp_path / "skjema.xlsx"
    sti.write_bytes(b"mine notater")
    r = CliRunner().invoke(main, ["nytt", str(sti)])
    assert r.exit_code == 1
    assert "finnes allerede" in r.output and "--overskriv" in r.output
    assert sti.read_bytes() == b"mine notater"
    r = CliRunner().invoke(main, ["nytt", str(sti), "--overskriv"])
    assert r.exit_code == 0
    assert "elev_navn" in load_workbook(sti).defined_names


def test_nytt_wants_an_xlsx_name(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["nytt", str(tmp_path / "skjema.xls")])
    assert r.exit_code == 2
    assert "må slutte på .xlsx" in r.output


@pytest.mark.parametrize("args", [["-m", "toolkit", "--help"], ["-m", "toolkit", "--version"]])
def test_python_m_toolkit_works(args: list[str]) -> None:
    r = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROT)
    assert r.returncode == 0, r.stderr
    assert "skjemaverk" in r.stdout


def test_sjekk_mal_says_a_sound_template_is_sound() -> None:
    r = CliRunner().invoke(main, ["sjekk-mal", str(ROT / "maler" / "plan.docx")])
    assert r.exit_code == 0, r.output
    assert "plan.docx: Malen er i orden." in r.output


def test_sjekk_mal_lists_every_problem_with_its_place_and_exits_1(tmp_path: Path) -> None:
    from docx import Document

    mal = tmp_path / "var-plan.docx"
    doc = Document()
    doc.add_paragraph("Plan for {{ elev_nav }}")
    doc.add_paragraph("{% if vis_plan %} uten slutt")
    doc.save(str(mal))
    r = CliRunner().invoke(main, ["sjekk-mal", str(mal)])
    assert r.exit_code == 1
    assert "FEIL – Brødtekst, avsnitt 1" in r.output and "mente du «elev_navn»?" in r.output
    assert "FEIL – Brødtekst, avsnitt 2" in r.output and "{% endif %}" in r.output
    assert "Traceback" not in r.output


def test_felter_docx_writes_the_guide_for_template_authors(tmp_path: Path) -> None:
    from docx import Document

    sti = tmp_path / "feltliste.docx"
    r = CliRunner().invoke(main, ["felter", "--docx", str(sti)])
    assert r.exit_code == 0, r.output
    tekst = "\n".join(p.text for p in Document(str(sti)).paragraphs)
    assert "{%tr for" in tekst or any(
        "{%tr for" in c.text for t in Document(str(sti)).tables for rad in t.rows for c in rad.cells
    )
    r = CliRunner().invoke(main, ["felter", "--docx", str(sti)])
    assert r.exit_code == 1 and "--overskriv" in r.output


def test_sjekk_mal_goes_on_after_a_file_it_cannot_read(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        main, ["sjekk-mal", str(ROT / "eksempler" / "amin.xlsx"), str(ROT / "maler" / "plan.docx")]
    )
    assert r.exit_code == 2
    assert "amin.xlsx: Malen «amin.xlsx» er ikke et Word-dokument" in r.output
    assert "plan.docx: Malen er i orden." in r.output


def test_output_cut_short_by_the_reader_ends_quietly() -> None:
    import os

    # `skjemaverk sjekk ... | head -c 2`: more output (~100 kB) than a pipe holds,
    # and a reader that stops after two bytes.
    blankt = str(ROT / "skjema" / "kartleggingsskjema.xlsx")
    les, skriv = os.pipe()
    prosess = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "sjekk", *[blankt] * 90],
        stdout=skriv,
        stderr=subprocess.PIPE,
        cwd=ROT,
    )
    os.close(skriv)
    assert os.read(les, 2)
    os.close(les)
    _, feil = prosess.communicate(timeout=300)
    assert prosess.returncode == 141
    assert feil.decode() == ""

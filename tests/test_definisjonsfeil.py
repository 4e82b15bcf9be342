"""A mistake in a form definition is a clear Norwegian message, never a traceback.

Each test changes one thing in a school's own definition (tests/data/samtale.toml)
and runs what a school runs. The promise: the message names the file and, where
it can, the line; the exit code is 2; and nothing in a definition makes
Skjemaverk read or write outside the definition's folder or the output folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import ROT
from toolkit.blank import bygg_blankt
from toolkit.cli import main
from toolkit.definisjon import last_definisjon
from toolkit.fyll import fyll_bytes

BASE = (ROT / "tests" / "data" / "samtale.toml").read_text(encoding="utf-8")


def _sub(gammel: str, ny: str, tekst: str = BASE) -> str:
    assert gammel in tekst, gammel
    return tekst.replace(gammel, ny, 1)


def _skole(tmp_path: Path, toml: str) -> Path:
    """A school's folder: skjemaverk.toml, skjemaer/samtale.toml and a filled form sara.xlsx."""
    mappe = tmp_path / "skjemaer"
    mappe.mkdir(parents=True, exist_ok=True)
    (mappe / "samtale.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "skjemaverk.toml").write_text('[skjemaer]\nmappe = "skjemaer"\n', encoding="utf-8")
    grunn = tmp_path / "grunn" / "samtale.toml"
    grunn.parent.mkdir(exist_ok=True)
    grunn.write_text(BASE, encoding="utf-8")
    definisjon = last_definisjon(grunn)
    (tmp_path / "sara.xlsx").write_bytes(
        fyll_bytes(
            bygg_blankt(definisjon),
            definisjon,
            {
                "elev_navn": "Sara",
                "samtale_dato": date(2026, 11, 12),
                "tema": "Lekser og venner",
                "neste_samtale": date(2026, 11, 19),
            },
            {"avtaler": [{"hva": "Lese 20 min", "hvem": "Sara", "frist": date(2026, 11, 18)}]},
        )
    )
    return tmp_path


def _kjor(mappe: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(mappe)
    return CliRunner().invoke(main, list(args))


def _avvist(r: Result, *ord: str) -> None:
    """Exit 2 with a Norwegian message naming the definition file, and no traceback."""
    assert r.exit_code == 2, r.output
    assert "samtale.toml" in r.output, r.output
    for o in ord:
        assert o in r.output, r.output
    assert "Traceback" not in r.output and "Uventet feil" not in r.output


def _filer(mappe: Path) -> set[Path]:
    return {p for p in mappe.rglob("*") if p.is_file()}


# -- 4. paths in a definition stay in their folder ------------------------------------------

STIER = {
    "filnavn_dotdot": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "../../../UTENFOR"'),
    "filnavn_abs": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "/tmp/ABS"'),
    "filnavn_stasjon": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "C:referat"'),
    "filnavn_skille": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "ut\\\\referat"'),
    "blankt_dotdot": ('blankt = "samtaleskjema.xlsx"', 'blankt = "../../BLANK.xlsx"'),
    "blankt_abs": ('blankt = "samtaleskjema.xlsx"', 'blankt = "/tmp/BLANK_ABS.xlsx"'),
    "blankt_docx": ('blankt = "samtaleskjema.xlsx"', 'blankt = "samtaleskjema.docx"'),
    "mal_dotdot": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "../../../../etc/passwd"'),
    "mal_abs": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "/etc/passwd"'),
    "mal_dotdot_docx": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "../utenfor.docx"'),
}


@pytest.mark.parametrize("navn", sorted(STIER))
def test_a_path_that_leaves_the_definitions_folder_is_refused_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, navn: str
) -> None:
    mappe = _skole(tmp_path / "skole", _sub(*STIER[navn]))
    (tmp_path / "skole" / "utenfor.docx").write_bytes((ROT / "maler" / "plan.docx").read_bytes())
    for_ = _filer(tmp_path)
    nokkel = navn.split("_")[0]
    for args in (["skjemaer"], ["nytt"], ["lag", "sara.xlsx", "--ut", "ut"]):
        _avvist(_kjor(mappe, monkeypatch, *args), nokkel)
    assert _filer(tmp_path) == for_  # nothing written, anywhere


def test_a_template_outside_the_folder_is_not_used_even_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    utenfor = tmp_path / "utenfor.docx"
    utenfor.write_bytes((ROT / "maler" / "plan.docx").read_bytes())
    mappe = _skole(
        tmp_path / "skole", _sub('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "referat.docx"')
    )
    try:
        (mappe / "skjemaer" / "referat.docx").symlink_to(utenfor)
    except OSError:
        pytest.skip("this system cannot make a symbolic link")
    _avvist(_kjor(mappe, monkeypatch, "lag", "sara.xlsx", "--ut", "ut"), "referat.docx")
    assert not (mappe / "ut").exists()


def test_a_documents_file_name_cannot_leave_the_output_folder_even_unchecked() -> None:
    from toolkit.skriv import filnavn

    assert filnavn("Sara", "../../../UTENFOR") == "Sara - UTENFOR.docx"
    assert "/" not in filnavn("Sara", "/tmp/x/ABS") and "\\" not in filnavn("Sara", "C:\\x")


# -- 1. a school's definition and the built-in forms ---------------------------------------


@pytest.mark.parametrize(
    ("skjema_id", "versjon"),
    [
        ("kartlegging-skolefravaer", 1),
        ("kartlegging-skolefravaer", 2),
        ("aktivitetsplan", 1),
    ],
)
def test_a_built_in_id_at_a_version_not_above_the_built_in_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skjema_id: str, versjon: int
) -> None:
    toml = _sub('id = "samtaleskjema"\nversjon = 1', f'id = "{skjema_id}"\nversjon = {versjon}')
    mappe = _skole(tmp_path, toml)
    innebygd = "kartlegging.toml" if skjema_id.startswith("kartlegging") else "aktivitetsplan.toml"
    for args in (["skjemaer"], ["nytt"], ["sjekk", str(ROT / "eksempler" / "amin.xlsx")]):
        _avvist(_kjor(mappe, monkeypatch, *args), skjema_id, innebygd, f"versjon {versjon + 1}")
    assert not (mappe / "kartleggingsskjema.xlsx").exists()


def test_a_schools_higher_version_of_a_built_in_form_keeps_it_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = _sub('id = "samtaleskjema"\nversjon = 1', 'id = "kartlegging-skolefravaer"\nversjon = 3')
    mappe = _skole(tmp_path, toml)
    r = _kjor(mappe, monkeypatch, "skjemaer")
    assert r.exit_code == 0, r.output
    assert "versjon 3, skolens eget" in r.output
    assert "leser også skjemaer fra versjon 1, 2" in r.output
    r = _kjor(mappe, monkeypatch, "nytt", "ny.xlsx")
    assert r.exit_code == 0, r.output
    assert "samtaleskjema" in r.output  # the school's version 3 of the default form


def test_a_schools_own_form_cannot_make_itself_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mappe = _skole(tmp_path, _sub("versjon = 1\n", "versjon = 1\nstandard = true\n"))
    _avvist(_kjor(mappe, monkeypatch, "skjemaer"), "standard", "--skjema")

"""The settings file: defaults, `skjemaverk init`, and errors that name their line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import Fyll
from toolkit.cli import main
from toolkit.innstillinger import (
    MAL,
    STANDARD,
    InnstillingError,
    finn_innstillinger,
    last_innstillinger,
)


def _fil(tmp_path: Path, tekst: str) -> Path:
    sti = tmp_path / "skjemaverk.toml"
    sti.write_text(tekst, encoding="utf-8")
    return sti


def test_no_settings_file_gives_the_defaults(tmp_path: Path) -> None:
    assert finn_innstillinger(mappe=tmp_path) is STANDARD
    assert STANDARD.terskler.prosent_dager == 10
    assert STANDARD.terskler.dager_pa_rad == 5
    skolear = STANDARD.skolear_for(date(2026, 11, 12))
    assert (skolear.start, skolear.slutt) == (date(2026, 8, 17), date(2027, 6, 18))
    assert [(f.navn, f.fra, f.til) for f in skolear.ferier] == [
        ("Høstferie", date(2026, 9, 28), date(2026, 10, 2)),
        ("Juleferie", date(2026, 12, 21), date(2027, 1, 1)),
        ("Vinterferie", date(2027, 2, 22), date(2027, 2, 26)),
        ("Påskeferie", date(2027, 3, 22), date(2027, 3, 26)),
    ]


def test_the_common_calendar_follows_the_school_year_of_the_date() -> None:
    # 2027/28: week 34 starts 23.08.2027; 20.06.2028 is a Tuesday, so the last day is
    # Friday 16.06.2028; Easter Sunday 2028 is 16 April, so påskeferie is 10–14 April.
    for dag in (date(2027, 8, 23), date(2028, 3, 1)):
        skolear = STANDARD.skolear_for(dag)
        assert (skolear.start, skolear.slutt) == (date(2027, 8, 23), date(2028, 6, 16))
        assert skolear.ferier[3].fra == date(2028, 4, 10)
        assert skolear.ferier[0].fra == date(2027, 10, 4)


def test_a_schools_own_calendar_wins(tmp_path: Path) -> None:
    tekst = MAL.replace(
        "# [skolear]\n# start = 2026-08-17\n# slutt = 2027-06-18",
        ("[skolear]\nstart = 2026-08-19\nslutt = 2027-06-19"),
    )
    lest = last_innstillinger(_fil(tmp_path, tekst))
    assert lest.skolear_for(date(2028, 1, 1)).start == date(2026, 8, 19)
    assert lest.skolear_for(date(2028, 1, 1)).ferier == ()


def test_the_written_template_holds_exactly_the_defaults(tmp_path: Path) -> None:
    lest = last_innstillinger(_fil(tmp_path, MAL))
    assert lest.skolear == STANDARD.skolear
    assert lest.terskler == STANDARD.terskler
    assert lest.epost == STANDARD.epost
    assert lest.maler == {} and lest.logo is None and lest.ut_mappe is None


def test_the_working_folder_file_is_found_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _fil(
        tmp_path,
        '[skole]\nnavn = "Bakken skole"\nlogo = "logo.png"\n\n'
        '[utdata]\nmappe = "Dokumenter"\n\n[terskler]\nprosent_dager = 7.5\n',
    )
    lest = finn_innstillinger(mappe=tmp_path)
    assert lest.skole_navn == "Bakken skole"
    assert lest.logo == tmp_path / "logo.png"
    assert lest.ut_mappe == tmp_path / "Dokumenter"
    assert lest.terskler.prosent_dager == 7.5
    assert lest.terskler.for_sent_maaned == 3


@pytest.mark.parametrize(
    ("endring", "ord"),
    [
        (
            (
                "[utdata]",
                "[skolear]\nstart = 2026-08-17\nslutt = 2027-06-18\n[[skolear.ferie]]\n"
                'navn = "Juleferie"\nfra = 2026-12-21\ntil = 2026-12-01',
            ),
            "Juleferie slutter før den begynner",
        ),
        (("dager_pa_rad = 5", "dager_pa_rad = fem"), "skrivefeil"),
        (("prosent_dager = 10", 'prosent_dager = "ti"'), "skal være et tall"),
        (("[terskler]", "[terskler]\nprosent = 1"), "ukjent innstilling"),
        (('# logo = "logo.png"', 'logo = "finnes-ikke.png"'), "fant ikke filen"),
        (("[utdata]", "[skolear]\nstart = 17.08.2026"), "skrivefeil"),
        (("[utdata]", "[skolear]\nstart = 2026-08-17\nslutt = 2025-06-18"), "etter første"),
        (("[utdata]", "[skolear]\nstart = 2026-08-17T08:00:00"), "2026-08-17"),
        (("[utdata]", "[skoleår]"), "uten æ, ø og å"),
        (('# logo = "logo.png"', 'logo = "skjemaverk.toml"'), "skal være et bilde"),
    ],
)
def test_a_wrong_setting_names_its_line(tmp_path: Path, endring: tuple[str, str], ord: str) -> None:
    gammel, ny = endring
    tekst = MAL.replace(gammel, ny, 1)
    assert tekst != MAL
    # The line a person changed: the last line of the new text.
    endret = ny.splitlines()[-1]
    linje = next(nr for nr, t in enumerate(tekst.splitlines(), 1) if t.startswith(endret))
    with pytest.raises(InnstillingError) as feil:
        last_innstillinger(_fil(tmp_path, tekst))
    melding = str(feil.value)
    assert melding.startswith(f"skjemaverk.toml, linje {linje}"), melding
    assert ord in melding


def test_init_writes_the_commented_file_and_does_not_overwrite(tmp_path: Path) -> None:
    sti = tmp_path / "skjemaverk.toml"
    r = CliRunner().invoke(main, ["init", str(sti)])
    assert r.exit_code == 0, r.output
    assert sti.read_text(encoding="utf-8") == MAL
    sti.write_text("# min\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["init", str(sti)])
    assert r.exit_code == 1 and "finnes fra før" in r.output
    assert sti.read_text(encoding="utf-8") == "# min\n"


def test_a_broken_settings_file_stops_the_command_with_its_line(fyll: Fyll, tmp_path: Path) -> None:
    sti = _fil(tmp_path, "[terskler]\ndager_pa_rad = -1\n")
    r = CliRunner().invoke(main, ["sjekk", str(fyll()), "--innstillinger", str(sti)])
    assert r.exit_code == 2
    assert "skjemaverk.toml, linje 2 (dager_pa_rad)" in r.output
    assert "Traceback" not in r.output


def test_a_missing_settings_file_given_by_name_exits_2(fyll: Fyll, tmp_path: Path) -> None:
    r = CliRunner().invoke(
        main, ["sjekk", str(fyll()), "--innstillinger", str(tmp_path / "nei.toml")]
    )
    assert r.exit_code == 2
    assert "Fant ikke innstillingsfilen" in r.output


def test_the_output_folder_comes_from_the_settings(fyll: Fyll, tmp_path: Path) -> None:
    sti = _fil(tmp_path, '[utdata]\nmappe = "Dokumenter"\n')
    r = CliRunner().invoke(main, ["lag", str(fyll()), "--innstillinger", str(sti)])
    assert r.exit_code == 0, r.output
    assert len(list((tmp_path / "Dokumenter").glob("*.docx"))) == 2


def test_mal_uses_the_schools_template_for_one_document(fyll: Fyll, tmp_path: Path) -> None:
    from docx import Document

    mal = tmp_path / "var-plan.docx"
    doc = Document()
    doc.add_paragraph("Bakken skole – tiltaksplan for {{ elev_navn }}")
    doc.save(str(mal))
    ut = tmp_path / "ut"
    r = CliRunner().invoke(main, ["lag", str(fyll()), "--ut", str(ut), "--mal", f"plan={mal}"])
    assert r.exit_code == 0, r.output
    [plan] = ut.glob("* - plan.docx")
    assert Document(str(plan)).paragraphs[0].text == "Bakken skole – tiltaksplan for Amin Testesen"
    [rapport] = ut.glob("* - kartleggingsrapport.docx")
    assert any("Kartleggingsrapport" in p.text for p in Document(str(rapport)).paragraphs)


def test_mal_with_a_wrong_form_is_a_usage_error(fyll: Fyll, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["lag", str(fyll()), "--mal", "brev.docx"])
    assert r.exit_code == 2
    assert "plan=FIL eller kartleggingsrapport=FIL" in r.output


def test_a_break_that_is_not_a_table_names_its_line(tmp_path: Path) -> None:
    tekst = "[skolear]\nstart = 2026-08-17\nslutt = 2027-06-18\nferie = [1]\n"
    with pytest.raises(InnstillingError, match=r"linje 4 \(ferie\): skriv hver ferie"):
        last_innstillinger(_fil(tmp_path, tekst))

"""The settings file: defaults, `skjemaverk init`, and errors that name their line."""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from tests.conftest import ROT, Fyll
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
    skolear = lest.skolear_for(date(2028, 1, 1))
    assert skolear.start == date(2026, 8, 19)
    # Breaks the school does not list keep the common calendar's dates, and sjekk says so.
    assert [f.navn for f in skolear.ferier] == STANDARD_NAVN
    assert skolear.kilde.endswith(
        "med de vanlige datoene for høstferie, juleferie, vinterferie, påskeferie"
    )


STANDARD_NAVN = ["Høstferie", "Juleferie", "Vinterferie", "Påskeferie"]


def test_a_school_break_replaces_the_common_one_of_that_name(tmp_path: Path) -> None:
    tekst = MAL.replace(
        "# [skolear]\n# start = 2026-08-17\n# slutt = 2027-06-18",
        (
            "[skolear]\nstart = 2026-08-19\nslutt = 2027-06-19\n\n[[skolear.ferie]]\n"
            'navn = "Høstferie"\nfra = 2026-10-05\ntil = 2026-10-09'
        ),
    )
    skolear = last_innstillinger(_fil(tmp_path, tekst)).skolear_for(date(2026, 10, 1))
    assert [(f.navn, f.fra) for f in skolear.ferier][:2] == [
        ("Høstferie", date(2026, 10, 5)),
        ("Juleferie", date(2026, 12, 21)),
    ]


def test_the_written_template_holds_exactly_the_defaults(tmp_path: Path) -> None:
    lest = last_innstillinger(_fil(tmp_path, MAL))
    assert lest.skolear == STANDARD.skolear
    assert lest.terskler == STANDARD.terskler
    assert lest.epost == STANDARD.epost
    assert lest.maler == {} and lest.logo is None and lest.ut_mappe is None


def test_the_working_folder_file_is_found_and_overrides(tmp_path: Path) -> None:
    Image.new("RGB", (240, 80), "#2E7D32").save(tmp_path / "logo.png")
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
    assert r.exit_code == 1 and "finnes allerede" in r.output
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
    assert "skal skrives som DOKUMENT=FIL, for eksempel plan=FIL" in r.output


def test_a_break_that_is_not_a_table_names_its_line(tmp_path: Path) -> None:
    tekst = "[skolear]\nstart = 2026-08-17\nslutt = 2027-06-18\nferie = [1]\n"
    with pytest.raises(InnstillingError, match=r"linje 4 \(ferie\): skriv hver ferie"):
        last_innstillinger(_fil(tmp_path, tekst))


# -- every fault in the file: exit 2 and its line ---------------------------------------

AMIN = ROT / "eksempler" / "amin.xlsx"
SKOLEAR = "[skolear]\nstart = 2026-08-17\nslutt = 2027-06-18\n"


_LOGO_ID = iter(range(1000))


def _logo_id(verdi: object) -> str:
    """A stable id for a logo case: its number (lambdas have no stable name)."""
    return f"logo{next(_LOGO_ID)}" if callable(verdi) else _id(verdi)


def _id(verdi: object) -> str:
    """Return a short test id for a long settings text."""
    return " ".join(str(verdi).split())[-40:]


def _sjekk_med(tmp_path: Path, tekst: str) -> Result:
    sti = _fil(tmp_path, tekst)
    r = CliRunner().invoke(main, ["sjekk", str(AMIN), "--innstillinger", str(sti)])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert "Traceback" not in r.output
    return r


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        (
            "[terskler]\nprosent_dager = nan\n",
            "linje 2 (prosent_dager): skal være et tall fra 0 til 100 (nan og inf kan ikke "
            "brukes); 0 slår av varselet.",
        ),
        (
            "[terskler]\nenkelttimer_halvar = inf\n",
            "linje 2 (enkelttimer_halvar): skal være et tall fra 0 til 1000 (nan og inf",
        ),
        ("[terskler]\n\nfor_sent_maaned = -inf\n", "linje 3 (for_sent_maaned): skal være et tall"),
        (
            "[terskler]\nprosent_dager = 1e400\n",  # too big for a float: inf
            "linje 2 (prosent_dager): skal være et tall fra 0 til 100 (nan og inf",
        ),
        (
            "[terskler]\nprosent_dager = 100.5\n",
            "linje 2 (prosent_dager): skal være et tall fra 0 til 100; 0 slår av varselet.",
        ),
        ("[terskler]\nenkelttimer_halvar = 1001\n", "linje 2 (enkelttimer_halvar): skal være et"),
        ("[terskler]\nfor_sent_maaned = 101\n", "linje 2 (for_sent_maaned): skal være et tall"),
        ("[terskler]\ndager_pa_rad = 201\n", "linje 2 (dager_pa_rad): skal være et tall fra 0 til"),
        (
            "[terskler]\ndager_pa_rad = " + "9" * 4000 + "\n",  # a whole number too big for a float
            "linje 2 (dager_pa_rad): skal være et tall fra 0 til 200; 0 slår av varselet.",
        ),
        (
            "[terskler]\nprosent_dager = true\n",
            "linje 2 (prosent_dager): skal være et tall fra 0 til 100.",
        ),
        (
            "# kommentar\n[terskler]\ndager_pa_rad = " + "9" * 5000 + "\n",  # int() refuses it
            "linje 3: et tall i innstillingene er altfor langt.",
        ),
    ],
    ids=_id,
)
def test_a_threshold_must_be_a_finite_number_within_its_bounds(
    tmp_path: Path, tekst: str, forventet: str
) -> None:
    r = _sjekk_med(tmp_path, tekst)
    assert r.exit_code == 2
    assert f"skjemaverk.toml, {forventet}" in r.output


def test_thresholds_at_their_bounds_are_accepted(tmp_path: Path) -> None:
    tekst = (
        "[terskler]\nprosent_dager = 100\nenkelttimer_halvar = 1000\n"
        "for_sent_maaned = 100\ndager_pa_rad = 0\n"
    )
    terskler = last_innstillinger(_fil(tmp_path, tekst)).terskler
    assert (terskler.prosent_dager, terskler.enkelttimer_halvar) == (100.0, 1000)
    assert (terskler.for_sent_maaned, terskler.dager_pa_rad) == (100, 0)


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        (
            "[skolear]\nstart = 0001-01-01\nslutt = 2027-06-18\n",
            "linje 2 (start): 0001-01-01 er ikke en dato i et skoleår Skjemaverk kan regne med. "
            "Skriv en dato mellom år 2000 og 2100, som 2026-08-17.",
        ),
        (
            "[skolear]\nstart = 2026-08-17\nslutt = 9999-12-31\n",
            "linje 3 (slutt): 9999-12-31 er ikke en dato i et skoleår",
        ),
        (
            "[skolear]\nstart = 1999-08-16\nslutt = 2000-06-16\n",
            "linje 2 (start): 1999-08-16 er ikke en dato i et skoleår",
        ),
        (
            "[skolear]\nstart = 2026-08-17\nslutt = 2028-06-16\n",
            "linje 3 (slutt): siste skoledag må være innen et år etter første skoledag",
        ),
        (
            SKOLEAR + '[[skolear.ferie]]\nnavn = "Jul"\nfra = 2026-12-21\ntil = 2027-01-01\n'
            '\n[[skolear.ferie]]\nnavn = "Sommer"\nfra = 2027-06-21\ntil = 2027-08-13\n',
            "linje 12 (til): Sommer må ligge inne i skoleåret, fra 17.08.2026 til 18.06.2027.",
        ),
        (
            SKOLEAR + '[[skolear.ferie]]\nnavn = "Før"\nfra = 2026-08-10\ntil = 2026-08-18\n',
            "linje 6 (fra): Før må ligge inne i skoleåret",
        ),
        (
            SKOLEAR + '[[skolear.ferie]]\nnavn = "Vinter"\nfra = 2127-02-22\ntil = 2127-02-26\n',
            "linje 6 (fra): 2127-02-22 er ikke en dato i et skoleår",
        ),
        ("[skolear]\nslutt = 2027-06-18\n", "linje 1 (start): mangler. Skriv datoen slik"),
        (
            SKOLEAR + '\n[[skolear.ferie]]\nnavn = "Jul"\ntil = 2026-12-24\n',
            "linje 5 (fra): mangler. Skriv datoen slik: fra = 2026-08-17",
        ),
    ],
    ids=_id,
)
def test_the_school_year_must_be_plausible(tmp_path: Path, tekst: str, forventet: str) -> None:
    r = _sjekk_med(tmp_path, tekst)
    assert r.exit_code == 2
    assert f"skjemaverk.toml, {forventet}" in r.output


@pytest.mark.parametrize(
    ("tekst", "linje"),
    [
        ("[terskler]\nprosent_dager = " + "[" * 3000 + "]" * 3000 + "\n", 2),
        ("# dypt\n\na = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n", 3),
        ("[epost]\nemne = [\n" + "[\n" * 3000 + "]\n" * 3001, 22),  # 21 deep on line 22
    ],
    ids=_id,
)
def test_deeply_nested_toml_is_a_settings_error(tmp_path: Path, tekst: str, linje: int) -> None:
    with pytest.raises(InnstillingError) as feil:
        last_innstillinger(_fil(tmp_path, tekst))
    assert feil.value.exit_code == 2
    assert str(feil.value) == (
        f"skjemaverk.toml, linje {linje}: lister eller tabeller er lagt inni hverandre i "
        "altfor mange nivåer. En innstilling er en tekst, et tall eller en dato; "
        "«skjemaverk init» skriver en fil som viser hvordan."
    )
    r = _sjekk_med(tmp_path, tekst)
    assert r.exit_code == 2
    assert f"linje {linje}: lister eller tabeller er lagt inni hverandre" in r.output


@pytest.mark.parametrize(
    ("tekst", "forventet"),
    [
        (
            SKOLEAR + '[skolear.ferie]\nnavn = "Jul"\n',
            "linje 4 (ferie): skriv hver ferie som [[skolear.ferie]].",
        ),
        (SKOLEAR + 'ferie = "jul"\n', "linje 4 (ferie): skriv hver ferie som"),
        (SKOLEAR + "ferie = {}\n", "linje 4 (ferie): skriv hver ferie som"),
        (SKOLEAR + "[[skolear.ferie]]\nnavn = 17\n", "linje 5 (navn): skal være tekst"),
        (
            SKOLEAR + "[[skolear.ferie]]\nfra = 2026-10-01\ntil = 2026-10-02\n" * 51,
            "linje 4 (ferie): et skoleår kan ha høyst 50 ferier.",
        ),
        ('skolear = "2026"\n', "linje 1 (skolear): [skolear] skal være en egen seksjon."),
        ("epost = [1]\n", "linje 1 (epost): [epost] skal være en egen seksjon."),
        ("[epost]\nemne = 5\n", "linje 2 (emne): skal være tekst i anførselstegn."),
        ("[epost]\ntekst = 2026-01-01\n", "linje 2 (tekst): skal være tekst"),
        ("[maler]\nplan = [1]\n", "linje 2 (plan): skal være tekst"),
        ("skole = { navn = 5 }\n", "linje 1 (navn): skal være tekst i anførselstegn."),
        ("\nskole.navn = 5\n", "linje 2 (navn): skal være tekst i anførselstegn."),
        ('["skole"]\n"navn" = 5\n', "linje 2 (navn): skal være tekst"),
        ("[annet]\n", "linje 1 (annet): ukjent innstilling."),
        (
            '[skole]\nnavn = "Bakken\\u0000skole"\n',
            "linje 2 (navn): teksten har et linjeskift eller kontrolltegn som ikke kan stå her.",
        ),
        ('[utdata]\nmappe = "ut\\u0000"\n', "linje 2 (mappe): teksten har et linjeskift"),
        (
            '[epost]\ntekst = "Hei\\u0007"\n',
            "linje 2 (tekst): teksten har et usynlig kontrolltegn som ikke kan stå her.",
        ),
        ('[utdata]\nmappe = "~finnes-ikke-bruker/ut"\n', "linje 2 (mappe): fant ikke hjemmemapp"),
        ('[utdata]\nmappe = "skjemaverk.toml"\n', "linje 2 (mappe): «skjemaverk.toml» er en fil;"),
        ('[maler]\nplan = "."\n', "linje 2 (plan): «.» er en mappe; oppgi en fil."),
        ('[maler]\nplan = "' + "a" * 5000 + '"\n', "linje 2 (plan): kunne ikke åpne «aaa"),
    ],
    ids=_id,
)
def test_every_fault_in_the_file_exits_2_with_its_line(
    tmp_path: Path, tekst: str, forventet: str
) -> None:
    r = _sjekk_med(tmp_path, tekst)
    assert r.exit_code == 2
    assert f"skjemaverk.toml, {forventet}" in r.output


def test_a_multi_line_email_text_is_accepted(tmp_path: Path) -> None:
    lest = last_innstillinger(_fil(tmp_path, '[epost]\ntekst = "Hei,\\r\\n\\tfra {skole}"\n'))
    assert lest.epost.tekst == "Hei,\r\n\tfra {skole}"


def test_a_huge_settings_file_is_refused_unread(tmp_path: Path) -> None:
    sti = _fil(tmp_path, "# " + "x" * 1024 * 1024 + "\n")
    r = CliRunner().invoke(main, ["sjekk", str(AMIN), "--innstillinger", str(sti)])
    assert r.exit_code == 2
    assert "skjemaverk.toml: filen er over 1 MB, altfor stor til å være en innstillingsfil" in (
        r.output
    )


def test_a_settings_file_that_is_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "skjemaverk.toml").mkdir()
    with pytest.raises(InnstillingError, match="er en mappe, ikke en innstillingsfil") as feil:
        finn_innstillinger(mappe=tmp_path)
    assert feil.value.exit_code == 2
    with pytest.raises(InnstillingError, match="er en mappe, ikke en innstillingsfil"):
        finn_innstillinger(tmp_path / "skjemaverk.toml")
    r = CliRunner().invoke(
        main, ["sjekk", str(AMIN), "--innstillinger", str(tmp_path / "skjemaverk.toml")]
    )
    assert r.exit_code == 2
    assert "Ugyldig verdi for '--innstillinger'" in r.output and "er en mappe" in r.output


# -- the logo ----------------------------------------------------------------------------


def _png_hode(bredde: int, hoyde: int) -> bytes:
    """Return a PNG that holds only a header claiming `bredde` × `hoyde` pixels."""

    def bit(art: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(art + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + art + data + crc

    ihdr = bredde.to_bytes(4, "big") + hoyde.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + bit(b"IHDR", ihdr) + bit(b"IEND", b"")


def _bilde(sti: Path, format: str = "PNG", storrelse: tuple[int, int] = (240, 80)) -> bytes:
    ut = io.BytesIO()
    Image.new("RGB", storrelse, "#2E7D32").save(ut, format)
    sti.write_bytes(ut.getvalue())
    return ut.getvalue()


def _uten_jfif(jpeg: bytes) -> bytes:
    """Return `jpeg` without its JFIF segment (APP0), as some programs write it."""
    assert jpeg[2:4] == b"\xff\xe0"
    return jpeg[:2] + jpeg[4 + int.from_bytes(jpeg[4:6], "big") :]


IKKE_PNG_JPEG = "logoen skal være et bilde i PNG- eller JPEG-format (.png, .jpg)."
ODELAGT = "logoen er ødelagt eller ufullstendig og kan ikke vises."
FOR_STOR = "logoen er altfor stor i piksler; den kan være høyst 4000 piksler bred og høy."


@pytest.mark.parametrize(
    ("lag", "forventet"),
    [
        (lambda s: _bilde(s, "BMP"), IKKE_PNG_JPEG),
        (lambda s: _bilde(s, "GIF"), IKKE_PNG_JPEG),
        (lambda s: s.write_bytes(b"BM" + bytes(200)), IKKE_PNG_JPEG),
        (lambda s: s.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)), IKKE_PNG_JPEG),
        (lambda s: s.write_bytes(b"\xff\xd8\xff\xe0" + bytes(200)), IKKE_PNG_JPEG),
        (lambda s: s.write_bytes(b""), IKKE_PNG_JPEG),
        (lambda s: s.write_bytes(_bilde(s)[:-40]), ODELAGT),
        (lambda s: s.write_bytes(_bilde(s, "JPEG")[:-200]), ODELAGT),
        (lambda s: s.write_bytes(_png_hode(240, 80)), ODELAGT),
        (lambda s: s.write_bytes(_png_hode(100_000, 100_000)), FOR_STOR),  # a bomb (Error)
        (lambda s: s.write_bytes(_png_hode(10_000, 10_000)), FOR_STOR),  # a bomb (Warning)
        (lambda s: _bilde(s, storrelse=(4001, 10)), FOR_STOR),
        (lambda s: _bilde(s, storrelse=(10, 4001)), FOR_STOR),
        (
            lambda s: Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(s, "PNG"),
            "logoen er 2,9 MB; den kan være høyst 2 MB.",
        ),
        (
            lambda s: s.write_bytes(_uten_jfif(_bilde(s, "JPEG"))),
            "denne JPEG-filen er lagret på en måte Word-dokumentene ikke kan bruke.",
        ),
        (lambda s: s.mkdir(), "«logo.png» er en mappe; oppgi en fil."),
    ],
    ids=_logo_id,
)
def test_the_logo_must_be_a_sound_png_or_jpeg_of_sensible_size(
    tmp_path: Path, lag: Callable[[Path], object], forventet: str
) -> None:
    lag(tmp_path / "logo.png")
    r = _sjekk_med(tmp_path, '[skole]\nnavn = "Bakken skole"\nlogo = "logo.png"\n')
    assert r.exit_code == 2
    assert f"skjemaverk.toml, linje 3 (logo): {forventet}" in r.output


@pytest.mark.parametrize("format", ["PNG", "JPEG"])
def test_a_png_or_jpeg_logo_is_accepted_and_placed(tmp_path: Path, format: str) -> None:
    bilde = _bilde(tmp_path / "logo.bilde", format, storrelse=(4000, 400))
    sti = _fil(tmp_path, '[skole]\nlogo = "logo.bilde"\n')
    assert last_innstillinger(sti).logo == tmp_path / "logo.bilde"
    ut = tmp_path / "ut"
    r = CliRunner().invoke(main, ["lag", str(AMIN), "--ut", str(ut), "--innstillinger", str(sti)])
    assert r.exit_code == 0, r.output
    with zipfile.ZipFile(ut / "Amin - plan.docx") as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert bilde in [z.read(n) for n in media]

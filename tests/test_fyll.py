"""Filling a blank form (toolkit.fyll), and the bundled examples in eksempler/."""

from __future__ import annotations

import importlib.util
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.cell import range_boundaries

from toolkit.blank import skriv_blankt
from toolkit.fyll import fyll_fra_toml, fyll_skjema
from toolkit.register import standard_definisjon

ROT = Path(__file__).resolve().parent.parent
EKSEMPLER = ROT / "eksempler"
NAVN = ("amin", "celine")
LAG = "python eksempler/lag_eksempler.py"


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sti = tmp_path_factory.mktemp("blank") / "kartleggingsskjema.xlsx"
    skriv_blankt(standard_definisjon(), sti)
    return sti


def _celle(wb, key: str):
    ark, ref = next(iter(wb.defined_names[key].destinations))
    return wb[ark][ref.replace("$", "")]


def _tabell(wb, key: str):
    for ws in wb.worksheets:
        if key in ws.tables:
            return ws, ws.tables[key]
    raise AssertionError(f"no table {key!r}")


def _rader(wb, key: str) -> list[dict[str, object]]:
    """Return the table's non-empty rows as dicts of column key to cell value."""
    ws, tabell = _tabell(wb, key)
    forste, topp, siste, bunn = range_boundaries(tabell.ref)
    etiketter = {k.etikett: k.key for k in standard_definisjon().tabell(key).kolonner}
    kolonner = {c: etiketter[ws.cell(topp, c).value] for c in range(forste, siste + 1)}
    rader = []
    for r in range(topp + 1, bunn + 1):
        rad = {k: ws.cell(r, c).value for c, k in kolonner.items()}
        if any(v is not None for v in rad.values()):
            rader.append(rad)
    return rader


def _tiltak(n: int) -> list[dict[str, object]]:
    return [
        {
            "omrade": "Skolen",
            "tiltak": f"Tiltak nummer {i}",
            "ansvarlig": "Kontaktlærer",
            "oppstart": date(2026, 11, 13),
            "evaluering": date(2026, 11, 19),
            "status": "Planlagt",
        }
        for i in range(1, n + 1)
    ]


# --- fyll_skjema ----------------------------------------------------------------


def test_values_of_every_type_land_in_the_named_cells(blank: Path, tmp_path: Path) -> None:
    ut = tmp_path / "ut.xlsx"
    verdier = {
        "elev_navn": "Amin",  # tekst
        "deltakere": "Amin\nMamma & pappa <3",  # langtekst, line break kept
        "trinn": "5. trinn",  # valg
        "kartlegging_dato": date(2026, 11, 12),  # dato
        "push_presset_ut": True,  # janei
        "rel_redd_laerer": False,
        "klasse": None,  # empty
    }
    fyll_skjema(blank, ut, verdier)
    wb = load_workbook(ut)
    assert _celle(wb, "elev_navn").value == "Amin"
    assert _celle(wb, "deltakere").value == "Amin\nMamma & pappa <3"
    assert _celle(wb, "trinn").value == "5. trinn"
    dato = _celle(wb, "kartlegging_dato")
    assert dato.value == datetime(2026, 11, 12)
    assert dato.is_date and is_date_format(dato.number_format)
    assert _celle(wb, "push_presset_ut").value == "Ja"
    assert _celle(wb, "rel_redd_laerer").value == "Nei"
    assert _celle(wb, "klasse").value is None
    # Nothing else moved: the form is still the form.
    assert wb.defined_names["skjema_id"].attr_text == '"kartlegging-skolefravaer"'
    assert not ut.with_suffix(".xlsx.tmp").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["ut.xlsx"]


def test_table_rows_go_under_the_header_by_column_label(blank: Path, tmp_path: Path) -> None:
    ut = tmp_path / "ut.xlsx"
    fravaer = [
        {"dato": date(2026, 9, 7), "omfang": "For sent", "fag": "Norsk", "dokumentert": False},
        {"kommentar": "Bare kommentar", "timer": 2, "omfang": "Enkelttimer"},
    ]
    fyll_skjema(blank, ut, {}, {"tiltak": _tiltak(2), "fravaer": fravaer})
    wb = load_workbook(ut)
    ws, tabell = _tabell(wb, "fravaer")
    assert tabell.ref == load_workbook(blank)[ws.title].tables["fravaer"].ref
    rader = _rader(wb, "fravaer")
    assert len(rader) == 2
    assert rader[0]["dato"] == datetime(2026, 9, 7)
    assert rader[0]["omfang"] == "For sent"
    assert rader[0]["fag"] == "Norsk"
    assert rader[0]["dokumentert"] == "Nei"
    assert rader[1] == {
        "dato": None,
        "omfang": "Enkelttimer",
        "timer": 2,
        "fag": None,
        "laerer": None,
        "arsak": None,
        "dokumentert": None,
        "kommentar": "Bare kommentar",
    }
    _, topp, _, _ = range_boundaries(tabell.ref)
    assert ws.cell(topp + 1, 1).is_date
    tiltak = _rader(wb, "tiltak")
    assert [r["tiltak"] for r in tiltak] == ["Tiltak nummer 1", "Tiltak nummer 2"]
    assert tiltak[0]["evaluering"] == datetime(2026, 11, 19)


def test_more_rows_than_the_table_holds_make_it_longer(blank: Path, tmp_path: Path) -> None:
    definisjon = standard_definisjon()
    plass = definisjon.tabell("tiltak").rader
    ut = tmp_path / "ut.xlsx"
    fyll_skjema(blank, ut, {}, {"tiltak": _tiltak(plass + 5)})
    wb = load_workbook(ut)
    ws, tabell = _tabell(wb, "tiltak")
    forste, topp, siste, bunn = range_boundaries(tabell.ref)
    assert (forste, siste) == (1, len(definisjon.tabell("tiltak").kolonner))
    assert bunn == topp + plass + 5
    if tabell.autoFilter is not None:
        assert tabell.autoFilter.ref == tabell.ref
    rader = _rader(wb, "tiltak")
    assert len(rader) == plass + 5
    assert rader[-1]["tiltak"] == f"Tiltak nummer {plass + 5}"
    siste_dato = ws.cell(bunn, 4)
    assert siste_dato.is_date and is_date_format(siste_dato.number_format)
    # The new rows have the dropdown of the column (here: Hvem gjør det).
    assert any(f"A{bunn}" in dv.sqref for dv in ws.data_validations.dataValidation)
    # The longer table saves and opens again.
    fyll_skjema(ut, tmp_path / "igjen.xlsx", {"elev_navn": "Celine"})
    assert _tabell(load_workbook(tmp_path / "igjen.xlsx"), "tiltak")[1].ref == tabell.ref


def test_a_table_that_fits_keeps_its_size(blank: Path, tmp_path: Path) -> None:
    plass = standard_definisjon().tabell("tiltak").rader
    ut = tmp_path / "ut.xlsx"
    fyll_skjema(blank, ut, {}, {"tiltak": _tiltak(plass)})
    _, topp, _, bunn = range_boundaries(_tabell(load_workbook(ut), "tiltak")[1].ref)
    assert bunn - topp == plass


@pytest.mark.parametrize(
    ("verdier", "tabeller"),
    [
        ({"finnes_ikke": "x"}, None),
        ({}, {"finnes_ikke": [{}]}),
        ({}, {"tiltak": [{"finnes_ikke": "x"}]}),
    ],
)
def test_unknown_keys_are_a_programmers_error(
    blank: Path, tmp_path: Path, verdier: dict, tabeller: dict | None
) -> None:
    ut = tmp_path / "ut.xlsx"
    with pytest.raises(KeyError, match="finnes_ikke"):
        fyll_skjema(blank, ut, verdier, tabeller)
    assert not ut.exists()


def test_fyll_fra_toml(blank: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.toml"
    data.write_text(
        '[verdier]\nelev_navn = "Celine"\nkartlegging_dato = 2026-11-10\npush_presset_ut = true\n\n'
        '[[samtykker]]\ntjeneste = "PPT"\ndato = 2026-10-20\n\n'
        '[[fravaer]]\ndato = 2026-11-09\nomfang = "Hel dag"\ndokumentert = true\n',
        encoding="utf-8",
    )
    ut = tmp_path / "ut.xlsx"
    fyll_fra_toml(blank, data, ut)
    wb = load_workbook(ut)
    assert _celle(wb, "elev_navn").value == "Celine"
    assert _celle(wb, "kartlegging_dato").value == datetime(2026, 11, 10)
    assert _celle(wb, "push_presset_ut").value == "Ja"
    assert _rader(wb, "fravaer")[0]["dato"] == datetime(2026, 11, 9)
    [samtykke] = _rader(wb, "samtykker")
    assert (samtykke["tjeneste"], samtykke["dato"]) == ("PPT", datetime(2026, 10, 20))
    assert _rader(wb, "tiltak") == []


# --- the bundled examples ---------------------------------------------------------


def _data(navn: str) -> dict:
    with open(EKSEMPLER / f"{navn}.toml", "rb") as fil:
        return tomllib.load(fil)


def _lag_eksempler():
    spec = importlib.util.spec_from_file_location("lag_eksempler", EKSEMPLER / "lag_eksempler.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul.lag_eksempler


@pytest.mark.parametrize("navn", NAVN)
def test_the_example_workbook_is_in_step_with_its_data(navn: str, tmp_path: Path) -> None:
    # The same blank form as the script uses: skjema/kartleggingsskjema.xlsx, or a fresh one.
    fersk = {p.stem: p for p in _lag_eksempler()(tmp_path)}[navn]
    lagret = EKSEMPLER / f"{navn}.xlsx"
    hint = f"eksempler/{navn}.xlsx is out of step with {navn}.toml; run `{LAG}`"
    assert lagret.exists(), hint
    a, b = load_workbook(lagret), load_workbook(fersk)
    assert a.sheetnames == b.sheetnames, hint
    assert sorted(a.defined_names) == sorted(b.defined_names), hint
    for ws_a, ws_b in zip(a.worksheets, b.worksheets, strict=True):
        assert {k: ws_a.tables[k].ref for k in ws_a.tables} == {
            k: ws_b.tables[k].ref for k in ws_b.tables
        }, hint
        rader = max(ws_a.max_row, ws_b.max_row)
        kolonner = max(ws_a.max_column, ws_b.max_column)
        for r in range(1, rader + 1):
            for c in range(1, kolonner + 1):
                va, vb = ws_a.cell(r, c).value, ws_b.cell(r, c).value
                assert va == vb, f"{hint} ('{ws_a.title}'!{ws_a.cell(r, c).coordinate})"


@pytest.mark.parametrize("navn", NAVN)
def test_every_field_of_the_definition_has_a_valid_value(navn: str) -> None:
    definisjon = standard_definisjon()
    data = _data(navn)
    verdier = data["verdier"]
    assert set(verdier) <= {f.key for f in definisjon.felter}
    # Every table of the form has rows in the example; Celine's parents see things
    # alike, so she has no row for each parent's view (foreldresyn).
    tabeller = {t.key for t in definisjon.tabeller} - (
        {"foreldresyn"} if navn == "celine" else set()
    )
    assert set(data) == {"verdier", *tabeller}
    kartlagt = verdier["kartlegging_dato"]
    assert timedelta(days=1) <= verdier["plan_neste_mote"] - kartlagt <= timedelta(days=7)
    assert verdier["fravaer_start"] < kartlagt
    tomme = [f.key for f in definisjon.felter if verdier.get(f.key) in (None, "")]
    assert not tomme, f"{navn}.toml: {tomme} have no value"
    for f in definisjon.felter:
        verdi = verdier[f.key]
        if f.type == "janei":
            assert isinstance(verdi, bool), f.key
        elif f.type == "dato":
            assert isinstance(verdi, date), f.key
        else:
            assert isinstance(verdi, str), f.key
            if f.valg:
                assert verdi in f.valg, f"{navn}.toml: {f.key} = {verdi!r}"
            if f.maks_lengde:
                assert len(verdi) <= f.maks_lengde, f.key


@pytest.mark.parametrize("navn", NAVN)
def test_the_plan_rows_are_complete(navn: str) -> None:
    tiltak = standard_definisjon().tabell("tiltak")
    rader = _data(navn)["tiltak"]
    for rad in rader:
        assert set(rad) == {k.key for k in tiltak.kolonner}, rad
        assert rad["omrade"] in tiltak.kolonne("omrade").valg
        assert rad["status"] in ("Planlagt", "I gang")
        assert rad["oppstart"] <= rad["evaluering"], rad["tiltak"]
    assert len(rader) <= tiltak.rader


# One key phrase per measure of "<Navn>s plan for å komme tilbake til skolen" in the deck.
PLANER = {
    "amin": [
        "sender Amin melding daglig",
        "gleder seg til å se ham i morgen",
        "si hei",
        "positive tilbakemeldinger",
        "ber PPT om ytterligere hjelp",
        "digitale hjelpemidler",
        "oppgaver tilpasset sine forutsetninger",
        "faste samarbeidsmøter",
        "tolk",
        "overvekt av positive tilbakemeldinger",
        "hva Amin får til hjemme",
        "snakke med hverandre før de konkluderer",
        "andre aktiviteter i friminuttene enn fotball",
        "prioritere denne klassen",
        "grenser for spilling",
        "døgnrytme",
        "ikke tilgang til spill og TV i skoletiden",
        "vekker ham",
    ],
    "celine": [
        "overtar dialogen med mamma",
        "tar selv kontakt på morgenen",
        "«tilfeldig» møter Celine",
        "inn i klasserommet",
        "ukeplanen",
        "gir ros for det Celine klarer",
        "tones dette noe ned",
        "moren til Ingrid",
        "Ingrid går sammen med Celine til skolen",
        "trekker seg unna og takker nei",
        "de gamle venninnene",
        "tendens til engstelse",
        "mindre kos hjemme i skoletiden",
        "hvordan gikk det i dag",
    ],
}


@pytest.mark.parametrize("navn", NAVN)
def test_every_measure_of_the_deck_is_in_the_plan(navn: str) -> None:
    tekst = "\n".join(r["tiltak"] for r in _data(navn)["tiltak"]).casefold()
    mangler = [frase for frase in PLANER[navn] if frase.casefold() not in tekst]
    assert not mangler, f"{navn}.toml: the plan lacks {mangler}"


def test_celine_is_watched_from_school_and_home_alike() -> None:
    blikk = {r["ansvarlig"] for r in _data("celine")["tiltak"] if "ekstra blikk" in r["tiltak"]}
    assert blikk == {"Kontaktlærer", "Mamma"}


HOSTFERIE = (date(2026, 9, 28), date(2026, 10, 2))


@pytest.mark.parametrize("navn", NAVN)
def test_the_absence_log_fits_the_school_year(navn: str) -> None:
    fravaer = standard_definisjon().tabell("fravaer")
    rader = _data(navn)["fravaer"]
    assert 10 <= len(rader) <= 25
    # Absence is logged up to the latest evaluation meeting (before it, as before
    # the mapping when there was none).
    kartlagt = _data(navn)["verdier"]["kartlegging_dato"]
    siste_mote = max([kartlagt, *(m["mote_dato"] for m in _data(navn)["evalueringsmoter"])])
    assert siste_mote > kartlagt
    datoer = [r["dato"] for r in rader]
    assert datoer == sorted(datoer)
    for rad in rader:
        dag = rad["dato"]
        assert set(rad) <= {k.key for k in fravaer.kolonner}
        assert date(2026, 8, 17) <= dag < siste_mote, dag
        assert dag.weekday() < 5, dag  # no public holidays fall in this autumn's weeks
        assert not HOSTFERIE[0] <= dag <= HOSTFERIE[1], dag
        assert rad["omfang"] in fravaer.kolonne("omfang").valg
        assert rad["arsak"] in fravaer.kolonne("arsak").valg
        assert isinstance(rad["dokumentert"], bool)
        assert ("timer" in rad) == (rad["omfang"] == "Enkelttimer"), dag
        if rad["omfang"] == "Hel dag":
            assert "fag" not in rad and "laerer" not in rad, dag


def test_the_stories_show_in_the_absence_log() -> None:
    amin = _data("amin")["fravaer"]
    mandager = [r for r in amin if r["dato"].weekday() == 0]
    assert len(mandager) >= len(amin) / 3
    assert {r["omfang"] for r in amin} == {"Hel dag", "Enkelttimer", "For sent"}

    # Attendance rises after the first evaluation meeting (19.11): between the mapping
    # (12.11) and that meeting Amin missed Monday 16.11 and was late on 17.11; between
    # it and the second meeting (26.11) he was only late once, on 24.11.
    def mellom(fra: date, til: date) -> list[tuple[date, str]]:
        return [(r["dato"], r["omfang"]) for r in amin if fra <= r["dato"] < til]

    assert mellom(date(2026, 11, 12), date(2026, 11, 19)) == [
        (date(2026, 11, 16), "Hel dag"),
        (date(2026, 11, 17), "For sent"),
    ]
    assert mellom(date(2026, 11, 19), date(2026, 11, 26)) == [(date(2026, 11, 24), "For sent")]
    celine = _data("celine")["fravaer"]
    hele = [r for r in celine if r["omfang"] == "Hel dag"]
    assert len(hele) >= 0.8 * len(celine)

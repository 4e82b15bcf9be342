"""The blank Excel form: the workbook contract, read back with openpyxl."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lo import pdf_tekst, til_pdf
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from toolkit.blank import (
    DATOFORMAT,
    EKSTRA_RADER,
    LISTER,
    MAKS_FEILMELDING,
    MAKS_HJELP,
    MAKS_TITTEL,
    VEILEDNING,
    _kort,
    skriv_blankt,
)
from toolkit.definisjon import Felt, Skjemadefinisjon
from toolkit.errors import DefinisjonError, SkriveError
from toolkit.register import standard_definisjon
from toolkit.ressurser import skjema_mappe

LAGRET = skjema_mappe() / "kartleggingsskjema.xlsx"
OPPDATER = "Kjør: skjemaverk nytt skjema/kartleggingsskjema.xlsx --overskriv"


@pytest.fixture(scope="module")
def definisjon() -> Skjemadefinisjon:
    return standard_definisjon()


@pytest.fixture(scope="module")
def fil(definisjon, tmp_path_factory) -> Path:
    sti = tmp_path_factory.mktemp("blank") / "kartleggingsskjema.xlsx"
    skriv_blankt(definisjon, sti)
    return sti


@pytest.fixture(scope="module")
def wb(fil):
    return load_workbook(fil)


def _validering(ws, koordinat: str):
    treff = [dv for dv in ws.data_validations.dataValidation if koordinat in dv.sqref]
    assert len(treff) == 1, f"{ws.title}!{koordinat} har {len(treff)} valideringer"
    return treff[0]


def _liste(wb, formel: str) -> list[str]:
    ark, omrade = formel.rsplit("!", 1)
    assert ark.strip("'") == LISTER
    return [c.value for rad in wb[LISTER][omrade.replace("$", "")] for c in rad]


def _bunn(ws, tabell_key: str) -> int:
    """Return the last row that table `tabell_key` reaches for input below its range.

    That is EKSTRA_RADER rows below the table, or, when another table follows on the
    same sheet, the row above that table's heading (the row above its header row):
    the reader stops there too (`toolkit.les`), and the rows from there down are the
    other table's.
    """
    _, _, _, maks_rad = range_boundaries(ws.tables[tabell_key].ref)
    neste = [
        range_boundaries(ws.tables[annen].ref)[1]
        for annen in ws.tables
        if annen != tabell_key and range_boundaries(ws.tables[annen].ref)[1] > maks_rad
    ]
    return min([maks_rad + EKSTRA_RADER, *(hode - 2 for hode in neste)])


def _inputceller(wb, definisjon):
    """Yield (field, sheet, coordinate) for every field and the first and last rows of columns.

    For a column: the table's first and last row and the last row below it that it
    reaches (see `_bunn`).
    """
    for f in definisjon.felter:
        ((ark, ref),) = wb.defined_names[f.key].destinations
        yield f, wb[ark], ref.replace("$", "")
    for t in definisjon.tabeller:
        ws = wb[definisjon.del_for(t.key).ark]
        tabell = ws.tables[t.key]
        min_kol, min_rad, _, maks_rad = range_boundaries(tabell.ref)
        for i, k in enumerate(t.kolonner):
            kol = ws.cell(1, min_kol + i).column_letter
            for rad in (min_rad + 1, maks_rad, _bunn(ws, t.key)):
                yield k, ws, f"{kol}{rad}"


# --- the workbook contract -------------------------------------------------------


def test_hvert_felt_har_et_navn_paa_riktig_ark_med_etiketten_ved_siden(wb, definisjon):
    for f in definisjon.felter:
        assert f.key in wb.defined_names, f.key
        ((ark, ref),) = wb.defined_names[f.key].destinations
        assert ark == definisjon.del_for(f.key).ark
        ws = wb[ark]
        celle = ws[ref.replace("$", "")]
        assert celle.column_letter == "B"
        assert ws.cell(celle.row, 1).value == f.etikett
        assert celle.value is None


def test_navnene_er_paa_arbeidsboknivaa_og_ingen_andre(wb, definisjon):
    ventet = {f.key for f in definisjon.felter} | {"skjema_id", "skjema_versjon"}
    assert set(wb.defined_names) == ventet
    for ws in wb.worksheets:
        assert not ws.defined_names, ws.title


def test_skjema_id_og_versjon(wb, definisjon):
    assert wb.defined_names["skjema_id"].value == f'"{definisjon.id}"'
    assert wb.defined_names["skjema_versjon"].value == str(definisjon.versjon)
    assert definisjon.id == "kartlegging-skolefravaer"


def test_ark_i_rekkefolge_med_veiledning_forst_og_skjulte_lister_sist(wb, definisjon):
    assert wb.sheetnames == [VEILEDNING, *(d.ark for d in definisjon.deler), LISTER]
    assert wb[LISTER].sheet_state == "hidden"
    assert wb.active.title == VEILEDNING
    for d in definisjon.deler:
        ws = wb[d.ark]
        assert ws["A1"].value == d.tittel
        assert ws["A1"].font.b
        assert ws["A1"].font.sz >= 14
        assert ws["A2"].value == d.innledning
        assert ws["A2"].alignment.wrap_text


def test_tabeller_med_navn_overskrifter_og_tomme_rader(wb, definisjon):
    assert {t.key for t in definisjon.tabeller} == {
        "samtykker",
        "foreldresyn",
        "tiltak",
        "evalueringsmoter",
        "evaluering",
        "fravaer",
    }
    # "Evaluering" holds two tables, one below the other.
    assert set(wb["Evaluering"].tables) == {"evalueringsmoter", "evaluering"}
    for t in definisjon.tabeller:
        ws = wb[definisjon.del_for(t.key).ark]
        assert t.key in ws.tables
        tabell = ws.tables[t.key]
        assert tabell.displayName == t.key
        assert tabell.tableStyleInfo is not None
        min_kol, min_rad, maks_kol, maks_rad = range_boundaries(tabell.ref)
        assert maks_kol - min_kol + 1 == len(t.kolonner)
        assert maks_rad - min_rad == t.rader
        hode = [ws.cell(min_rad, min_kol + i).value for i in range(len(t.kolonner))]
        assert hode == [k.etikett for k in t.kolonner]
        assert [c.name for c in tabell.tableColumns] == hode
        # Printed pages repeat the header of the sheet's first table.
        forste_hode = min(range_boundaries(ws.tables[n].ref)[1] for n in ws.tables)
        assert ws.print_title_rows == f"${forste_hode}:${forste_hode}"
        # A column shared by two tables is as wide as the wider of them needs.
        naboer = [n for n in definisjon.tabeller if definisjon.del_for(n.key).ark == ws.title]
        for i in range(len(t.kolonner)):
            bokstav = ws.cell(1, min_kol + i).column_letter
            bredest = max(n.kolonner[i].bredde for n in naboer if i < len(n.kolonner))
            assert ws.column_dimensions[bokstav].width == bredest
            assert ws.cell(min_rad, min_kol + i).protection.locked, (t.key, bokstav)
        for rad in range(min_rad + 1, _bunn(ws, t.key) + 1):
            for i in range(len(t.kolonner)):
                assert ws.cell(rad, min_kol + i).value is None
                assert not ws.cell(rad, min_kol + i).protection.locked


# --- validation -----------------------------------------------------------------------


def test_valgfelt_har_nedtrekksliste_fra_listearket_med_feilvarsel(wb, definisjon):
    antall = 0
    for f, ws, ref in _inputceller(wb, definisjon):
        if not f.valg:
            continue
        antall += 1
        dv = _validering(ws, ref)
        assert dv.type == "list", (f.key, ref)
        assert dv.showErrorMessage
        assert dv.errorStyle in (None, "stop")
        assert dv.errorTitle and dv.error
        assert _liste(wb, dv.formula1) == list(f.valg)
    assert antall >= 30


def test_janei_gir_ja_og_nei(wb, definisjon):
    dv = _validering(wb["Push og pull"], "B4")
    assert wb["Push og pull"]["A4"].value == definisjon.felt("push_presset_ut").etikett
    assert _liste(wb, dv.formula1) == ["Ja", "Nei"]


def test_forslag_godtar_annen_tekst(wb, definisjon):
    ansvarlig = definisjon.tabell("tiltak").kolonne("ansvarlig")
    funnet = False
    for f, ws, ref in _inputceller(wb, definisjon):
        if f is ansvarlig:
            dv = _validering(ws, ref)
            assert dv.type == "list"
            assert not dv.showErrorMessage or dv.errorStyle == "information"
            assert _liste(wb, dv.formula1) == list(ansvarlig.forslag)
            funnet = True
    assert funnet


def test_forslag_fra_en_annen_kolonne_godtar_annen_tekst(wb, definisjon):
    # An evaluation row picks its measure from the plan's measures, or says it in other words.
    kolonne = definisjon.tabell("evaluering").kolonne("tiltak")
    assert kolonne.forslag_fra == "tiltak.tiltak"
    plan = wb["Plan"]
    forste, hode, _, bunn = range_boundaries(plan.tables["tiltak"].ref)
    tiltak = plan.cell(1, forste + 1).column_letter  # «Tiltak», the table's second column
    assert plan[f"{tiltak}{hode}"].value == definisjon.tabell("tiltak").kolonne("tiltak").etikett
    kilde = f"'Plan'!${tiltak}${hode + 1}:${tiltak}${bunn + EKSTRA_RADER}"
    antall = 0
    for f, ws, ref in _inputceller(wb, definisjon):
        if f is kolonne:
            dv = _validering(ws, ref)
            assert (dv.type, dv.formula1) == ("list", kilde)
            assert not dv.showErrorMessage or dv.errorStyle == "information"
            antall += 1
    assert antall == 3


def test_dato_har_format_og_datovalidering(wb, definisjon):
    antall = 0
    for f, ws, ref in _inputceller(wb, definisjon):
        if f.type != "dato":
            continue
        antall += 1
        assert ws[ref].number_format == DATOFORMAT, (f.key, ref)
        dv = _validering(ws, ref)
        assert (dv.type, dv.operator) == ("date", "between")
        assert (dv.formula1, dv.formula2) == ("1", "73415")  # 01.01.1900–31.12.2100
        assert dv.showErrorMessage
        assert "dd.mm.åååå" in dv.error
    assert antall >= 10


def test_heltall_og_tekstlengde(wb, definisjon):
    for f, ws, ref in _inputceller(wb, definisjon):
        dv = _validering(ws, ref)
        if f.type == "heltall":
            assert (dv.type, dv.operator) == ("whole", "between")
            assert (dv.formula1, dv.formula2) == (str(f.min), str(f.maks))
            assert dv.showErrorMessage
        elif f.tekstlig and f.maks_lengde and not (f.forslag or f.forslag_fra):
            assert (dv.type, dv.operator) == ("textLength", "lessThanOrEqual")
            assert dv.formula1 == str(f.maks_lengde)
            assert dv.showErrorMessage


def test_hjelpetekst_vises_mens_man_skriver_innen_excels_grenser(wb, definisjon):
    for f, ws, ref in _inputceller(wb, definisjon):
        dv = _validering(ws, ref)
        assert dv.showInputMessage
        assert dv.promptTitle == _kort(f.etikett, MAKS_TITTEL)
        assert dv.prompt
        assert len(dv.promptTitle) <= MAKS_TITTEL
        assert len(dv.prompt) <= MAKS_HJELP
        assert len(dv.errorTitle or "") <= MAKS_TITTEL
        assert len(dv.error or "") <= MAKS_FEILMELDING
    lang = definisjon.felt("fravaerstype")
    dv = _validering(wb["Om eleven"], "B13")
    assert dv.prompt.startswith(lang.hjelp[:50])


def test_kort_kutter_ved_ordgrense():
    assert _kort("kort", 10) == "kort"
    assert _kort("en  to\ntre", 20) == "en to tre"
    kortet = _kort("Dette er en ganske lang setning om fravær.", 20)
    assert len(kortet) <= 20
    assert kortet == "Dette er en ganske…"
    assert len(_kort("x" * 300, 255)) == 255


def test_langtekst_brytes_og_har_hoye_rader(wb, definisjon):
    for f in definisjon.felter:
        ((ark, ref),) = wb.defined_names[f.key].destinations
        ws = wb[ark]
        celle = ws[ref.replace("$", "")]
        if f.tekstlig:
            assert celle.alignment.wrap_text, f.key
        if f.type == "langtekst":
            assert ws.row_dimensions[celle.row].height >= 75, f.key


# --- protection, print, properties -------------------------------------------------------


def test_inputceller_ulaast_etiketter_laast_og_lys_farge(wb, definisjon):
    for f in definisjon.felter:
        ((ark, ref),) = wb.defined_names[f.key].destinations
        ws = wb[ark]
        celle = ws[ref.replace("$", "")]
        assert not celle.protection.locked, f.key
        assert celle.fill.fill_type == "solid"
        assert ws.cell(celle.row, 1).protection.locked
        assert ws.cell(1, 1).protection.locked


def test_ark_beskyttet_uten_passord_men_rader_kan_settes_inn(wb):
    for ws in wb.worksheets:
        p = ws.protection
        assert p.sheet, ws.title
        assert not p.password, ws.title
        # In the file format False means "allowed".
        assert p.insertRows is False
        assert p.deleteRows is False
        assert p.formatRows is False
        assert p.formatColumns is False
        assert p.sort is False
        assert p.autoFilter is False


def test_utskrift_a4_en_side_bred(wb, definisjon):
    liggende = {d.ark for d in definisjon.deler if d.tabeller}
    for ws in wb.worksheets:
        if ws.title == LISTER:
            continue
        oppsett = ws.page_setup
        assert int(oppsett.paperSize) == 9, ws.title
        assert int(oppsett.fitToWidth) == 1
        # As many pages tall as the sheet needs, so no last page is near empty.
        assert int(oppsett.fitToHeight) >= 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        ventet = "landscape" if ws.title in liggende else "portrait"
        assert oppsett.orientation == ventet, ws.title
        assert "Side &P av &N" in ws.oddFooter.right.text
        assert "Unntatt offentlighet" in ws.oddHeader.right.text
        assert ws.oddHeader.left.text == definisjon.tittel


def test_veiledningen(wb, definisjon):
    tekst = "\n".join(
        str(c.value) for rad in wb[VEILEDNING].iter_rows() for c in rad if c.value is not None
    )
    for ord_ in (
        "Alt+Enter",
        "dd.mm.åååå",
        "Opphev arkbeskyttelse",
        "fødselsnummer",
        "minnepenn",
        "ukryptert",
        "Slett kopier",
        "skjemaverk sjekk",
        "skjemaverk lag",
        *definisjon.valglister["fravaerstype"],
        *(d.ark for d in definisjon.deler),
    ):
        assert ord_ in tekst, ord_
    assert wb[VEILEDNING].protection.sheet


def test_egenskaper_uten_personopplysninger(wb, definisjon):
    p = wb.properties
    assert p.title == definisjon.tittel
    assert p.creator == "Skjemaverk"
    assert p.lastModifiedBy == "Skjemaverk"


# --- writing ----------------------------------------------------------------------------


def test_samme_definisjon_gir_samme_bytes(definisjon, fil, tmp_path):
    ny = tmp_path / "igjen.xlsx"
    skriv_blankt(definisjon, ny)
    assert ny.read_bytes() == fil.read_bytes()


def test_skriver_atomisk_og_erstatter(definisjon, tmp_path):
    sti = tmp_path / "skjema.xlsx"
    sti.write_text("gammelt")
    skriv_blankt(definisjon, sti)
    assert load_workbook(sti).sheetnames[0] == VEILEDNING
    assert [p.name for p in tmp_path.iterdir()] == ["skjema.xlsx"]


def test_mappe_som_mangler_gir_norsk_feil(definisjon, tmp_path):
    with pytest.raises(SkriveError, match="finnes ikke"):
        skriv_blankt(definisjon, tmp_path / "finnes_ikke" / "skjema.xlsx")


def test_nokkel_som_ligner_cellereferanse_avvises(definisjon, tmp_path):
    del_ = definisjon.deler[0]
    felt = Felt(key="abc1", etikett="Test", type="tekst")
    ny = dataclasses.replace(
        definisjon, deler=(dataclasses.replace(del_, felter=(felt,)), *definisjon.deler[1:])
    )
    with pytest.raises(DefinisjonError, match="cellereferanse"):
        skriv_blankt(ny, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


# --- the bundled blank form is in step with the definition -----------------------------------


def _struktur(sti: Path) -> dict:
    wb = load_workbook(sti)
    celler = {}
    tabeller = {}
    valideringer = {}
    for ws in wb.worksheets:
        celler[ws.title] = {
            c.coordinate: c.value for rad in ws.iter_rows() for c in rad if c.value is not None
        }
        tabeller[ws.title] = {
            t.displayName: (t.ref, [c.name for c in t.tableColumns]) for t in ws.tables.values()
        }
        valideringer[ws.title] = sorted(
            (str(dv.sqref), dv.type or "", dv.formula1 or "", dv.formula2 or "")
            for dv in ws.data_validations.dataValidation
        )
    return {
        "ark": wb.sheetnames,
        "navn": {n: d.attr_text for n, d in wb.defined_names.items()},
        "tabeller": tabeller,
        "valideringer": valideringer,
        "celler": celler,
    }


def test_lagret_blankt_skjema_er_i_takt_med_definisjonen(fil):
    assert LAGRET.is_file(), f"{LAGRET} mangler. {OPPDATER}"
    lagret, ny = _struktur(LAGRET), _struktur(fil)
    for del_ in ny:
        if lagret[del_] != ny[del_]:
            pytest.fail(
                f"{LAGRET.name} er ikke i takt med skjemadefinisjonen ({del_} er ulike). {OPPDATER}"
            )


# --- the real program ----------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_aapner_og_skriver_ut_skjemaet(fil, definisjon, tmp_path):
    (pdf,) = til_pdf([fil], tmp_path)
    tekst = pdf_tekst(pdf)
    for etikett in ("Elevens navn", "Type fravær", "Mål for planen", "Hvem gjør det", "Årsak"):
        assert etikett in tekst, etikett
    assert "Unntatt offentlighet" in tekst
    assert "Side 1 av" in tekst
    assert "Skolevegring" in tekst

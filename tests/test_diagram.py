"""Charts and the Fraværsbilde section in the generated report."""

from __future__ import annotations

import io
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from hjelpere_docx import all_tekst, avsnitt, full_data, sparsom_data, tabeller, topptekst
from PIL import Image

from toolkit.avledning.fravaer.beregning import beregn as fravaersbilde
from toolkit.avledning.fravaer.diagram import (
    fagdiagram,
    fravaersdiagrammer,
    ukedagsdiagram,
    ukediagram,
)
from toolkit.bilde import Bilde
from toolkit.innstillinger import STANDARD, STANDARD_SKOLEAR, Innstillinger, Terskler
from toolkit.inntak import les_skjema
from toolkit.kjoring import lag_dokumenter
from toolkit.modell import Skjemadata
from toolkit.register import standard_definisjon
from toolkit.render import Mal

DEF = standard_definisjon()
ROT = Path(__file__).resolve().parent.parent
P = "\u00a0%"

# Four Mondays away, 5 hours of mathematics with KB and 1 of English, late twice.
LOGG = [
    {"dato": date(2026, 9, 7), "omfang": "Hel dag", "arsak": "Nektet å gå", "dokumentert": False},
    {"dato": date(2026, 9, 14), "omfang": "Hel dag", "arsak": "Nektet å gå", "dokumentert": False},
    {"dato": date(2026, 9, 21), "omfang": "Hel dag", "arsak": "Syk", "dokumentert": True},
    {"dato": date(2026, 10, 5), "omfang": "Hel dag", "arsak": "Nektet å gå"},
    {"dato": date(2026, 9, 8), "omfang": "Enkelttimer", "timer": 3, "fag": "Matematikk"},
    {"dato": date(2026, 9, 22), "omfang": "Enkelttimer", "timer": 2, "fag": "Matematikk"},
    {"dato": date(2026, 10, 6), "omfang": "Enkelttimer", "timer": 1, "fag": "Engelsk"},
    {"dato": date(2026, 10, 7), "omfang": "For sent", "fag": "Norsk"},
    {"dato": date(2026, 10, 8), "omfang": "For sent", "fag": "Norsk"},
]
for _rad in LOGG[4:6]:
    _rad["laerer"] = "KB"


def _data(fravaer: list[dict]) -> Skjemadata:
    """The full form mapped on 12.10.2026 with `fravaer`, before any evaluation meeting."""
    data = full_data()
    data.verdier["kartlegging_dato"] = date(2026, 10, 12)
    data.tabeller["fravaer"] = [dict(r) for r in fravaer]
    data.tabeller["evalueringsmoter"] = []
    data.tabeller["evaluering"] = []
    return data


def _bilder(sti: Path) -> list[tuple[str, str, str]]:
    """(descr, title, content type) of every inline picture in the body."""
    doc = Document(str(sti))
    ut = []
    for form in doc.inline_shapes:
        docpr = form._inline.docPr
        rid = form._inline.graphic.graphicData.pic.blipFill.blip.embed
        ut.append(
            (docpr.get("descr"), docpr.get("title"), doc.part.related_parts[rid].content_type)
        )
    return ut


def test_the_report_holds_three_charts_with_alt_text(tmp_path: Path) -> None:
    rapport, plan = lag_dokumenter(_data(LOGG), tmp_path)
    bilder = _bilder(rapport)
    assert [b[1] for b in bilder] == [
        "Fravær per ukedag",
        "Enkelttimer og for sent per fag",
        "Fravær uke for uke",
    ]
    assert all(b[2] == "image/png" for b in bilder)
    ukedag, fag, uker = (b[0] for b in bilder)
    assert ukedag.startswith("Stolpediagram over fravær per ukedag")
    assert "Mandag: 4 hele dager." in ukedag
    assert "Tirsdag: 6 enkelttimer." in ukedag  # 08.09 (3), 22.09 (2), 06.10 (1): Tuesdays
    assert "Fredag: ikke noe fravær." in ukedag
    assert "Matematikk: 5 enkelttimer." in fag
    assert "Norsk: 2 ganger for sent." in fag
    assert uker.startswith("Stolpediagram over fravær uke for uke, fra uke 34 til uke 42 i 2026")
    assert "Ferie uten skoledager: uke 40." in uker
    assert _bilder(plan) == []  # the plan has no charts


def test_the_figures_in_the_report_match_the_log(tmp_path: Path) -> None:
    rapport, _ = lag_dokumenter(_data(LOGG), tmp_path)
    tekst = "\n".join(avsnitt(rapport))
    tall = dict(next(t for t in tabeller(rapport) if t[0][0] == "Registreringer"))
    assert tall["Registreringer"] == "9"
    assert tall["Hele dager"] == "4"
    assert tall["Enkelttimer"] == "6"  # 3 + 2 + 1
    assert tall["For sent"] == "2 ganger"
    # 17.08–12.10.2026: 8 weeks (40) − høstferie 5 + Monday 12.10 = 36 school days; 4 / 36.
    assert tall["Fravær i prosent av skoledagene"] == (
        f"11,1{P} (4 av 36 skoledager til og med 12.10.2026)"
    )
    assert tall["Dokumentert"] == "1 dag"
    assert tall["Lengste fravær på rad"] == "1 skoledag (07.09.2026)"
    for setning in (
        "4 av 4 hele fraværsdager var mandager.",
        "Flest enkelttimer på tirsdager: 6 av 6.",
        "Flest enkelttimer i matematikk: 5 av 6.",
    ):
        assert setning in tekst
    # Teachers are not named unless the settings say so.
    assert "KB" not in tekst
    assert "Disse tersklene for tidlig varsel er passert:" in tekst
    assert (
        f"Fraværet er 11,1{P} (4 av 36 skoledager) til og med 12.10.2026. "
        f"Terskelen er 10{P} av skoledagene." in tekst
    )
    # The summary carries the percentage and the warning too.
    sammendrag = tekst.split("Sammendrag", 1)[1].split("Om eleven og saken", 1)[0]
    assert f"Fravær i prosent av skoledagene: 11,1{P} til og med 12.10.2026." in sammendrag
    assert "Tidlig varsel: fravær i prosent av skoledagene:" in sammendrag
    assert "Fraværsbilde" in tekst and "Alle registreringer" in tekst
    # The reasons as reasons, with their counts; never sorted into types of absence.
    arsaker = next(t for t in tabeller(rapport) if t[0][0] == "Årsak")
    assert ["Nektet å gå", "3", "3 dager"] in arsaker
    assert not any("Skolevegring" in celle for rad in arsaker for celle in rad)


def test_no_threshold_passed_says_so(tmp_path: Path) -> None:
    rapport, _ = lag_dokumenter(_data(LOGG[4:]), tmp_path)
    tekst = all_tekst(rapport)
    assert "Ingen av tersklene for tidlig varsel er passert (10" in tekst
    assert "Tidlig varsel:" not in tekst


def test_a_form_without_absence_says_none_is_registered(tmp_path: Path) -> None:
    rapport, _ = lag_dokumenter(sparsom_data(), tmp_path)
    tekst = all_tekst(rapport)
    assert "Ingen fravær er registrert i skjemaet." in tekst
    assert "Fraværsbilde" not in tekst
    assert _bilder(rapport) == []


def test_the_thresholds_of_the_settings_are_used(tmp_path: Path) -> None:
    innstillinger = Innstillinger(terskler=Terskler(prosent_dager=20, for_sent_maaned=2))
    rapport, _ = lag_dokumenter(_data(LOGG), tmp_path, innstillinger=innstillinger)
    tekst = all_tekst(rapport)
    assert "Terskelen er 20" not in tekst  # 11,1 % is under 20 %
    assert "Eleven har kommet for sent 2 ganger i oktober 2026." in tekst


def test_amins_report(tmp_path: Path) -> None:
    data = les_skjema(ROT / "eksempler" / "amin.xlsx")
    # Amin has had evaluation meetings: the report, the plan and the evaluation note.
    rapport, plan, notat = lag_dokumenter(data, tmp_path)
    assert (plan.name, notat.name) == (
        "Amin - plan.docx",
        "Amin - evalueringsnotat 26.11.2026.docx",
    )
    assert len(_bilder(rapport)) == 3
    tekst = all_tekst(rapport)
    # The mapping report's picture is the absence up to the mapping (12.11.2026): the
    # 18 rows before it, counted by hand in test_fravaer.test_amins_figures. The three
    # rows after it (16.11 whole day, 17.11 and 24.11 late) are not in it.
    assert "Fraværet til og med 12.11.2026." in tekst
    assert f"13,6{P} (8 av 59 skoledager til og med 12.11.2026)" in tekst
    tall = dict(next(t for t in tabeller(rapport) if t[0][0] == "Registreringer"))
    assert (tall["Hele dager"], tall["Enkelttimer"], tall["For sent"]) == ("8", "9", "6 ganger")
    assert "8 av 8 hele fraværsdager var mandager." in tekst


# -- the logo ---------------------------------------------------------------------


def _png(sti: Path, storrelse: tuple[int, int] = (240, 80)) -> Path:
    Image.new("RGB", storrelse, "#2E7D32").save(sti)
    return sti


def test_the_logo_is_in_the_header_with_alt_text(tmp_path: Path) -> None:
    logo = _png(tmp_path / "logo.png")
    innstillinger = replace(STANDARD, logo=logo)
    rapport, plan = lag_dokumenter(sparsom_data(), tmp_path / "ut", innstillinger=innstillinger)
    for sti in (rapport, plan):
        doc = Document(str(sti))
        topp = doc.sections[0].header._element
        docpr = topp.findall(".//" + qn("wp:docPr"))
        assert [d.get("descr") for d in docpr] == ["Logoen til Bakkeby ungdomsskole"]
        assert topptekst(sti)[0] == "Bakkeby ungdomsskole\t"


def test_without_a_logo_the_header_is_text_only(tmp_path: Path) -> None:
    rapport, _ = lag_dokumenter(sparsom_data(), tmp_path)
    assert topptekst(rapport)[0] == "Bakkeby ungdomsskole"
    assert Document(str(rapport)).sections[0].header._element.findall(".//" + qn("wp:docPr")) == []


# -- the charts themselves -----------------------------------------------------------


def _bilde():
    return fravaersbilde(LOGG, STANDARD_SKOLEAR, Terskler(), date(2026, 10, 12))


def test_charts_are_png_of_a_fixed_size_and_the_same_every_time() -> None:
    bilde = _bilde()
    for lag in (ukedagsdiagram, fagdiagram, ukediagram):
        en, to = lag(bilde), lag(bilde)
        assert en.data[:8] == b"\x89PNG\r\n\x1a\n"
        assert en.data == to.data
        assert en.bredde_mm == 160
        with Image.open(io.BytesIO(en.data)) as im:
            assert abs(im.size[0] - 1260) <= 1  # 160 mm at 200 DPI
    assert "matplotlib.pyplot" not in sys.modules


def test_no_charts_without_absence_and_no_subject_chart_without_subjects() -> None:
    tom = fravaersbilde([], STANDARD_SKOLEAR, Terskler(), date(2026, 10, 12))
    assert fravaersdiagrammer(tom) == []
    bare_dager = fravaersbilde(LOGG[:4], STANDARD_SKOLEAR, Terskler(), date(2026, 10, 12))
    assert fagdiagram(bare_dager) is None
    assert [d.tittel for d in fravaersdiagrammer(bare_dager)] == [
        "Fravær per ukedag",
        "Fravær uke for uke",
    ]


def test_alt_text_is_escaped_in_the_document(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ bilde }}")
    sti = tmp_path / "mal.docx"
    doc.save(sti)
    png = ukedagsdiagram(_bilde()).data
    alt = 'Fravær & «mønster» <mandag> "x"'
    ut = Mal(sti).render({"bilde": Bilde(png, alt, "Tittel", bredde_mm=80)}, tittel="Test")
    ferdig = tmp_path / "ut.docx"
    ferdig.write_bytes(ut)
    assert _bilder(ferdig) == [(alt, "Tittel", "image/png")]

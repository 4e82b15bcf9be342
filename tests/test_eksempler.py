"""The bundled examples, Amin and Celine, made into documents and read back as a person would."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hjelpere_docx import all_tekst, bunntekst, overskrifter, tabeller, topptekst
from test_fyll import PLANER

from tests.conftest import ROT
from toolkit.inntak import les_skjema
from toolkit.kjoring import lag_dokumenter
from toolkit.register import standard_definisjon

NAVN = ("amin", "celine")
DEFINISJON = standard_definisjon()


def _data(navn: str) -> dict:
    with open(ROT / "eksempler" / f"{navn}.toml", "rb") as fil:
        return tomllib.load(fil)


@pytest.fixture(scope="module")
def dokumenter(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    """Each example's report, plan and evaluation note (both have held a meeting)."""
    ut = tmp_path_factory.mktemp("eksempler")
    resultat = {}
    for navn in NAVN:
        data = les_skjema(ROT / "eksempler" / f"{navn}.xlsx")
        if navn == "celine":
            # Celine was away 2 of the 5 school days from the mapping (10.11) up to the
            # meeting (11., 12., 13., 16. and 17.11; away 11.11 and 13.11): 40 %, over
            # the 20 % at which the team should go further. She is shut out by her old
            # friends, so the warning reminds of the aktivitetsplan.
            [funn] = data.funn
            assert (funn.alvor, funn.sted, funn.etikett) == (
                "advarsel",
                "Evaluering!A6",
                "Gå videre",
            )
            assert funn.melding.startswith(
                "Fraværet siden forrige møte er 40,0\u00a0% av skoledagene, "
                "over grensen på 20\u00a0%"
            )
            assert "aktivitetsplan" in funn.melding
        else:
            assert data.funn == [], [f.tekst() for f in data.funn]
        rapport, plan, notat = lag_dokumenter(data, ut / navn)
        # Dated with the latest meeting, so the next note does not replace it.
        siste = {"amin": "26.11.2026", "celine": "17.11.2026"}[navn]
        assert notat.name == f"{navn.capitalize()} - evalueringsnotat {siste}.docx"
        resultat[navn] = (rapport, plan, notat)
    return resultat


@pytest.mark.parametrize("navn", NAVN)
def test_the_plan_has_its_title_in_the_genitive(dokumenter: dict, navn: str) -> None:
    _, plan, _ = dokumenter[navn]
    tittel = f"{navn.capitalize()}s plan for å komme tilbake til skolen"
    assert tittel in [tekst for _, tekst in overskrifter(plan)]


@pytest.mark.parametrize("navn", NAVN)
def test_every_measure_is_in_the_plan_with_its_responsible(dokumenter: dict, navn: str) -> None:
    _, plan, _ = dokumenter[navn]
    celler = [celle for tabell in tabeller(plan) for rad in tabell for celle in rad]
    # A measure the team decided to stop or to change at its latest evaluation is listed
    # apart, with the day; every other one is in the table with who does it. (A changed
    # measure goes on as a new row of its own.)
    siste: dict[str, tuple] = {}
    for e in sorted(_data(navn)["evaluering"], key=lambda e: e["mote_dato"]):
        siste[e["tiltak"]] = (e["mote_dato"], e["beslutning"])
    hvordan = {"Avslutte": "avsluttet", "Endre": "endret"}
    avsluttet = {
        t: (dato, hvordan[beslutning])
        for t, (dato, beslutning) in siste.items()
        if beslutning in hvordan
    }
    assert len(avsluttet) == (2 if navn == "amin" else 0)
    tekst = all_tekst(plan)
    historikk = {"avsluttet": "Avsluttet", "endret": "Endres"}
    for tiltak, (dato, ord_) in avsluttet.items():
        assert f"{tiltak} ({ord_} {dato.strftime('%d.%m.%Y')})" in tekst
        side = next(
            t for t in tabeller(plan) if t[0] == ["Skolen", "Hjemmet", "Eleven", "Hjelpetjenestene"]
        )
        assert not any(tiltak in c for rad in side for c in rad), tiltak
        # In the plan's history.
        assert any(f"{historikk[ord_]}: {tiltak}" in c for c in celler), tiltak
    for rad in _data(navn)["tiltak"]:
        if rad["tiltak"] in avsluttet:
            continue
        treff = [c for c in celler if rad["tiltak"] in c]
        assert treff, f"{rad['tiltak']!r} is not in the plan"
        assert any(rad["ansvarlig"] in c for c in treff), (rad["tiltak"], rad["ansvarlig"])


@pytest.mark.parametrize("navn", NAVN)
def test_everything_the_deck_says_of_the_plan_is_there(dokumenter: dict, navn: str) -> None:
    _, plan, _ = dokumenter[navn]
    tekst = all_tekst(plan).casefold()
    mangler = [frase for frase in PLANER[navn] if frase.casefold() not in tekst]
    assert not mangler


@pytest.mark.parametrize("navn", NAVN)
def test_the_plan_carries_the_principles_contact_and_signatures(
    dokumenter: dict, navn: str
) -> None:
    _, plan, _ = dokumenter[navn]
    tekst = all_tekst(plan)
    verdier = _data(navn)["verdier"]
    for ord in ("Relasjon", "Ikke vente og se", "Trekk i samme retning"):
        assert ord in tekst
    assert verdier["plan_kontaktperson"] in tekst
    assert verdier["plan_mal"].split("\n")[0] in tekst
    assert verdier["plan_neste_mote"].strftime("%d.%m.%Y") in tekst
    for rolle in ("Foresatte", "Kontaktlærer", "Rektor"):
        assert rolle in tekst


@pytest.mark.parametrize("navn", NAVN)
def test_the_report_has_every_factor_with_its_assessment(dokumenter: dict, navn: str) -> None:
    rapport, _, _ = dokumenter[navn]
    verdier = _data(navn)["verdier"]
    rader = [rad for tabell in tabeller(rapport) for rad in tabell]
    for felt in DEFINISJON.del_for("faktor_mestring").felter:
        if felt.key.endswith("_vurdering") or not verdier.get(felt.key):
            continue
        vurdering = verdier[f"{felt.key}_vurdering"]
        assert any(
            felt.etikett in rad[0] and verdier[felt.key] in " ".join(rad) and vurdering in rad
            for rad in rader
        ), felt.key


@pytest.mark.parametrize("navn", NAVN)
def test_the_report_starts_with_the_summary_and_follows_the_form(
    dokumenter: dict, navn: str
) -> None:
    rapport, _, _ = dokumenter[navn]
    titler = [tekst for stil, tekst in overskrifter(rapport) if stil == "Heading 1"]
    assert titler[0] == "Sammendrag"
    deler = [d.tittel for d in DEFINISJON.deler if d.tittel in titler]
    assert deler == [t for t in titler if t in deler], "the parts are in the form's order"
    tekst = all_tekst(rapport)
    verdier = _data(navn)["verdier"]
    for key in ("forsokt", "rel_laerer_elev", "sirkel_beskrivelse"):
        assert verdier[key].split("\n")[0] in tekst, key


@pytest.mark.parametrize("navn", NAVN)
def test_headers_and_footers_are_the_schools_format(dokumenter: dict, navn: str) -> None:
    for dokument in dokumenter[navn]:
        topp = "\n".join(topptekst(dokument))
        assert _data(navn)["verdier"]["skole"] in topp
        assert "Unntatt offentlighet, jf. offentleglova § 13, jf. forvaltningsloven § 13" in topp
        assert "Side" in "\n".join(bunntekst(dokument))


@pytest.mark.libreoffice
def test_libreoffice_shows_the_values_of_both_pupils(dokumenter: dict, tmp_path: Path) -> None:
    from lo import pdf_tekst, til_pdf

    filer = [sti for navn in NAVN for sti in dokumenter[navn]]
    pdfer = til_pdf(filer, tmp_path)
    tre = [tuple(pdfer[i : i + 3]) for i in range(0, len(pdfer), 3)]
    for navn, (rapport_pdf, plan_pdf, notat_pdf) in zip(NAVN, tre, strict=True):
        verdier = _data(navn)["verdier"]
        rapport = " ".join(pdf_tekst(rapport_pdf).split())
        plan = " ".join(pdf_tekst(plan_pdf).split())
        notat = " ".join(pdf_tekst(notat_pdf).split())
        assert "Kartleggingsrapport" in rapport and verdier["skole"] in rapport
        assert f"{navn.capitalize()}s plan for å komme tilbake til skolen" in plan
        assert verdier["kontaktlaerer"] in plan
        assert "Side 1 av" in plan
        siste_mote = max(m["mote_dato"] for m in _data(navn)["evalueringsmoter"])
        assert "Evalueringsnotat" in notat and verdier["skole"] in notat
        assert siste_mote.strftime("%d.%m.%Y") in notat
        assert "Side 1 av" in notat


def test_tables_fit_their_words_and_rows_never_split(dokumenter: dict, tmp_path: Path) -> None:
    """In the PDF no word of a table cell is broken over two lines ("Hjelpetjene stene")."""
    import re

    from docx import Document
    from docx.oxml.ns import qn
    from lo import pdf_tekst, til_pdf

    filer = [sti for navn in NAVN for sti in dokumenter[navn]]
    for sti, pdf in zip(filer, til_pdf(filer, tmp_path), strict=True):
        tekst = pdf_tekst(pdf)
        doc = Document(str(sti))
        ord_ = {
            o
            for t in doc.tables
            for rad in t.rows
            for celle in rad.cells
            for o in re.findall(r"[\wæøåÆØÅ.]{6,}", celle.text)
        }
        brutt = sorted(o for o in ord_ if o not in tekst)
        assert not brutt, f"{sti.name}: {brutt}"
        # Every row keeps together on one page; header rows repeat.
        for t in doc.tables:
            for rad in t.rows:
                assert rad._tr.trPr is not None and rad._tr.trPr.find(qn("w:cantSplit")) is not None

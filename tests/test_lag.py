"""Making and writing the two documents."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from hjelpere_docx import (
    all_tekst,
    avsnitt,
    bunntekst,
    full_data,
    overskrifter,
    sparsom_data,
    tabeller,
    topptekst,
)

from toolkit.errors import MalError, SkriveError
from toolkit.kjoring import lag_dokumenter
from toolkit.register import standard_definisjon
from toolkit.skriv import filnavn, trygt_filnavn

DEF = standard_definisjon()
UNNTATT = "Unntatt offentlighet, jf. offentleglova § 13, jf. forvaltningsloven § 13"


@pytest.fixture
def fullt(tmp_path: Path) -> tuple[Path, Path, Path]:
    rapport, plan, notat = lag_dokumenter(full_data(), tmp_path / "ut")
    return rapport, plan, notat


def test_filnavn(tmp_path: Path) -> None:
    assert filnavn("Amin Hassan", "kartleggingsrapport") == "Amin Hassan - kartleggingsrapport.docx"
    assert filnavn("Åse Øvre-Ærø", "plan") == "Åse Øvre-Ærø - plan.docx"
    assert trygt_filnavn('a<b>c:d"e/f\\g|h?i*j\x01k') == "a b c d e f g h i j k"
    assert trygt_filnavn("Jonas.. ") == "Jonas"
    assert trygt_filnavn("CON") == "CON_"
    assert trygt_filnavn("lpt1.txt") == "lpt1_.txt"
    assert trygt_filnavn("Ola\n  Nordmann") == "Ola Nordmann"
    assert filnavn("", "plan") == "Elev - plan.docx"
    assert filnavn("///", "plan") == "Elev - plan.docx"
    assert len(trygt_filnavn("x" * 500)) <= 80


def test_lager_alle_dokumentene(fullt: tuple[Path, Path, Path]) -> None:
    # The full form has held an evaluation meeting, so the note is made too.
    rapport, plan, notat = fullt
    assert rapport.name == "Amin Hassan - kartleggingsrapport.docx"
    assert plan.name == "Amin Hassan - plan.docx"
    assert notat.name == "Amin Hassan - evalueringsnotat 19.03.2026.docx"
    assert sorted(p.name for p in rapport.parent.iterdir()) == sorted(
        [rapport.name, plan.name, notat.name]
    )


def test_uten_evalueringsmote_lages_to_dokumenter(tmp_path: Path) -> None:
    data = full_data()
    data.tabeller["evalueringsmoter"] = []
    data.tabeller["evaluering"] = []
    filer = lag_dokumenter(data, tmp_path)
    assert [p.name for p in filer] == [
        "Amin Hassan - kartleggingsrapport.docx",
        "Amin Hassan - plan.docx",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in filer)


def test_rapport_innhold(fullt: tuple[Path, Path, Path]) -> None:
    rapport, _, _ = fullt
    tekst = all_tekst(rapport)
    assert topptekst(rapport) == ["Solbakken skole", UNNTATT]
    assert any(t.startswith("Kartleggingsrapport – Amin Hassan\tSide ") for t in bunntekst(rapport))
    titler = overskrifter(rapport)
    assert titler[0] == ("Title", "Kartleggingsrapport")
    h1 = [t for s, t in titler if s == "Heading 1"]
    assert h1 == ["Sammendrag"] + [d.tittel for d in DEF.deler]
    # The summary.
    sammendrag = tekst.split("Sammendrag", 1)[1].split(DEF.deler[0].tittel, 1)[0]
    assert "Type fravær (teamets vurdering): Skolevegring" in sammendrag
    assert "2 hele dager, 5 enkelttimer og 1 gang for sent" in sammendrag
    assert "Mestring på skolen" in sammendrag
    assert "Forhold til voksne på skolen" in sammendrag
    assert "Prøver eleven å unngå skremmende situasjoner på skolen?" in sammendrag
    assert "Opplever eleven å bli presset ut av skolen?" not in sammendrag
    # The eight factors with their assessment, in a table.
    faktortabell = next(
        t for t in tabeller(rapport) if t[0] == ["Faktor", "Beskrivelse", "Vurdering"]
    )
    assert len(faktortabell) == 9
    assert ["Mestring på skolen", "Amin har lese- og skrivevansker.", "Risiko"] in faktortabell
    for etikett in ("Faglig fungering", "Relasjonen mellom lærer og foreldre", "Den onde sirkelen"):
        assert etikett in tekst
    assert "Svar på Hva har blitt forsøkt så langt" in tekst
    assert "Fatima Hassan\nYusuf Hassan" in tekst


def test_plan_innhold(fullt: tuple[Path, Path, Path]) -> None:
    _, plan, _ = fullt
    tekst = all_tekst(plan)
    assert overskrifter(plan)[0] == ("Title", "Amins plan for å komme tilbake til skolen")
    assert topptekst(plan) == ["Solbakken skole", UNNTATT]
    assert "Amin er på skolen hele dagen fire dager i uka innen påske." in tekst
    side = next(
        t for t in tabeller(plan) if t[0] == ["Skolen", "Hjemmet", "Eleven", "Hjelpetjenestene"]
    )
    assert len(side) == 3  # header + two rows: the school has two measures
    forste = side[1]
    assert forste[0].startswith("Miljøarbeideren sender Amin melding daglig.")
    assert "Ansvarlig: Miljøarbeider" in forste[0]
    assert "Oppstart: 13.03.2026" in forste[0] and "Evaluering: 19.03.2026" in forste[0]
    assert forste[1].startswith("Foreldrene vekker Amin")
    assert "Evaluering" not in forste[2]  # the pupil's measure has no evaluation date
    assert forste[3].startswith("PPT hjelper")
    assert side[2][1] == ""  # the home has one measure only
    # The meeting held, the next set in it, then four weeks (after one, two, four weeks).
    for dato in ("19.03.2026", "26.03.2026", "23.04.2026"):
        assert dato in tekst
    for prinsipp in ("Relasjon:", "Ikke vente og se:", "Trekk i samme retning – samtidig:"):
        assert prinsipp in tekst
    assert "Kari Nordmann, jobbtelefon 900 00 000" in tekst
    assert "Per Rektor, rektor" in tekst
    signatur = next(t for t in tabeller(plan) if t[0] == ["Hvem", "Sted og dato", "Underskrift"])
    # One line per parent listed, one for the pupil, and the school's roles.
    assert [rad[0] for rad in signatur[1:]][-3:] == [
        "Amin Hassan (eleven)",
        "Kontaktlærer",
        "Rektor",
    ]
    assert "Trygg voksen på skolen" in tekst


def test_sparsom_uten_tomme_deler(tmp_path: Path) -> None:
    rapport, plan = lag_dokumenter(sparsom_data(), tmp_path)
    titler = [t for s, t in overskrifter(rapport) if s.startswith("Heading")]
    # «Om eleven og saken» holds only what the opening table and the summary show: no heading.
    assert titler == ["Sammendrag", "Plan for å komme tilbake til skolen"]
    tekst = all_tekst(rapport)
    assert "De åtte faktorene er ikke kartlagt ennå." in tekst
    assert "Registrert fravær" not in tekst
    assert "Fraværsregistrering" not in tekst
    # No empty labels: a label is only there with its answer.
    for etikett in ("Faglig fungering", "Hvem er elevens venner", "Trinn og klasse\n\n"):
        assert etikett not in tekst
    plantekst = all_tekst(plan)
    assert overskrifter(plan)[0] == ("Title", "Celines plan for å komme tilbake til skolen")
    assert "Ingen tiltak er registrert ennå." in plantekst
    assert "Kontakt" not in [t for _, t in overskrifter(plan)]
    # No heading is directly followed by another heading of the same or a higher level.
    for sti in (rapport, plan):
        linjer = [t for t in avsnitt(sti) if t.strip()]
        assert "" not in linjer


def test_nekter_a_overskrive(tmp_path: Path) -> None:
    plan = tmp_path / "Amin Hassan - plan.docx"
    plan.write_bytes(b"gammel")
    with pytest.raises(SkriveError) as feil:
        lag_dokumenter(full_data(), tmp_path)
    assert "Amin Hassan - plan.docx" in str(feil.value)
    assert "--overskriv" in str(feil.value)
    # None was written.
    assert plan.read_bytes() == b"gammel"
    assert not (tmp_path / "Amin Hassan - kartleggingsrapport.docx").exists()
    assert not (tmp_path / "Amin Hassan - evalueringsnotat 19.03.2026.docx").exists()
    lag_dokumenter(full_data(), tmp_path, overskriv=True)
    assert plan.read_bytes() != b"gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Amin Hassan - evalueringsnotat 19.03.2026.docx",
        "Amin Hassan - kartleggingsrapport.docx",
        "Amin Hassan - plan.docx",
    ]


def test_mappe_under_en_fil(tmp_path: Path) -> None:
    fil = tmp_path / "fil.txt"
    fil.write_text("x")
    with pytest.raises(SkriveError, match="mappen"):
        lag_dokumenter(full_data(), fil / "ut")
    with pytest.raises(SkriveError, match="mappen"):
        lag_dokumenter(full_data(), fil)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write anywhere")
def test_skrivebeskyttet_mappe(tmp_path: Path) -> None:
    mappe = tmp_path / "laast"
    mappe.mkdir()
    mappe.chmod(0o500)
    try:
        with pytest.raises(SkriveError, match="Kan ikke skrive"):
            lag_dokumenter(full_data(), mappe)
    finally:
        mappe.chmod(0o700)


def test_ingen_halve_filer_ved_malfeil(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("{{ finnes_ikke }}")
    mal = tmp_path / "plan.docx"
    doc.save(mal)
    ut = tmp_path / "ut"
    with pytest.raises(MalError, match="finnes_ikke"):
        lag_dokumenter(full_data(), ut, maler={"plan": mal})
    assert not ut.exists() or not list(ut.iterdir())


@pytest.mark.libreoffice
def test_libreoffice_apner_og_viser_verdiene(tmp_path: Path) -> None:
    from lo import pdf_tekst, soffice_eller_hopp, til_pdf

    soffice_eller_hopp()
    data = full_data()
    data.verdier["plan_mal"] = "Mål med & < > \" ' æøå"
    rapport, plan, _ = lag_dokumenter(data, tmp_path / "ut")
    pdf_rapport, pdf_plan = til_pdf([rapport, plan], tmp_path / "pdf")
    tekst = pdf_tekst(pdf_rapport)
    assert "Kartleggingsrapport" in tekst and "Amin Hassan" in tekst
    assert "Solbakken skole" in tekst and "Unntatt offentlighet" in tekst
    assert "Mestring på skolen" in tekst and "Side 1 av" in tekst
    tekst = pdf_tekst(pdf_plan)
    assert "Amins plan for å komme tilbake til skolen" in tekst
    assert "Mål med & < > \" ' æøå" in tekst
    assert "Miljøarbeideren" in tekst and "Foreldrene vekker" in tekst
    assert "23.04.2026" in tekst and "Side 1 av" in tekst


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_folder_made_for_the_documents_is_the_owners_only(tmp_path: Path) -> None:
    ut = tmp_path / "ny" / "mappe"
    lag_dokumenter(sparsom_data(), ut)
    for mappe in (ut, ut.parent):  # the folder in between too
        assert stat.S_IMODE(mappe.stat().st_mode) == 0o700, mappe

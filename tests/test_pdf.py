"""PDFs made by the real LibreOffice, one start for all documents."""

from __future__ import annotations

import os
from pathlib import Path

import psutil
import pytest
from lo import pdf_tekst, soffice_eller_hopp

from toolkit.arbeidsmappe import PREFIKS
from toolkit.beskytt import krypter_docx
from toolkit.inntak import les_skjema
from toolkit.kjoring import lag_dokumenter
from toolkit.pdf import MILJO, LibreOfficeManglerError, PdfError, finn_soffice, til_pdf

ROT = Path(__file__).resolve().parent.parent


def lag_amin(ut: Path) -> list[Path]:
    """Amin's report, plan and evaluation note (he has had two evaluation meetings)."""
    return lag_dokumenter(les_skjema(ROT / "eksempler/amin.xlsx"), ut)


def uten_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Make LibreOffice really absent for this test: nothing on PATH, nothing where it points."""
    monkeypatch.setenv(MILJO, str(tmp_path / "finnes-ikke" / "soffice"))
    monkeypatch.setenv("PATH", "")


@pytest.mark.libreoffice
def test_pdf_beside_each_document_holds_the_values(tmp_path):
    soffice_eller_hopp()
    rapport, plan, notat = lag_amin(tmp_path)

    pdfer = til_pdf([rapport, plan, notat], tmp_path)

    assert pdfer == [
        tmp_path / "Amin - kartleggingsrapport.pdf",
        tmp_path / "Amin - plan.pdf",
        tmp_path / "Amin - evalueringsnotat 26.11.2026.pdf",
    ]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in pdfer)
    rapport_tekst = pdf_tekst(pdfer[0])
    assert "Amin" in rapport_tekst
    assert "Solbakken skole" in rapport_tekst
    assert "Hanne Berg" in rapport_tekst
    plan_tekst = " ".join(pdf_tekst(pdfer[1]).split())
    assert "Amins plan for å komme tilbake til skolen" in plan_tekst
    assert "Foreldrene vekker" in plan_tekst
    assert "19.11.2026" in plan_tekst  # the first evaluation meeting
    assert "10.12.2026" in plan_tekst  # the next one, agreed on 26.11.2026
    notat_tekst = " ".join(pdf_tekst(pdfer[2]).split())
    assert "Evalueringsnotat" in notat_tekst and "Solbakken skole" in notat_tekst
    assert "26.11.2026" in notat_tekst  # the latest meeting


@pytest.mark.libreoffice
def test_no_work_files_are_left_behind(tmp_path):
    soffice_eller_hopp()
    filer = lag_amin(tmp_path)

    til_pdf(filer, tmp_path)

    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx"] * 3 + [".pdf"] * 3


@pytest.mark.libreoffice
def test_pdf_into_another_folder_that_does_not_exist_yet(tmp_path):
    soffice_eller_hopp()
    filer = lag_amin(tmp_path / "word")

    pdfer = til_pdf(filer, tmp_path / "pdf" / "ny")

    assert [p.parent for p in pdfer] == [tmp_path / "pdf" / "ny"] * 3
    assert all(p.is_file() for p in pdfer)


@pytest.mark.libreoffice
def test_a_document_libreoffice_cannot_load_gives_an_error_naming_it(tmp_path):
    soffice_eller_hopp()
    rapport, plan, notat = lag_amin(tmp_path)
    # A password-protected document cannot be opened headless without the password.
    plan.write_bytes(krypter_docx(plan.read_bytes(), "et-passord-som-er-langt"))

    with pytest.raises(PdfError) as feil:
        til_pdf([rapport, plan, notat], tmp_path)

    assert "«Amin - plan.pdf»" in str(feil.value)
    assert not (tmp_path / "Amin - plan.pdf").exists()
    # All or nothing: the PDFs that were made are not moved into place either.
    assert not (tmp_path / "Amin - kartleggingsrapport.pdf").exists()
    assert not (tmp_path / "Amin - evalueringsnotat 26.11.2026.pdf").exists()


@pytest.mark.libreoffice
def test_soffice_is_found_on_path_or_in_its_usual_place(monkeypatch):
    soffice_eller_hopp()
    monkeypatch.delenv(MILJO, raising=False)

    sti = finn_soffice()

    assert sti is not None
    assert Path(sti).is_file()


@pytest.mark.libreoffice
def test_the_environment_variable_chooses_soffice(monkeypatch, tmp_path):
    sti = soffice_eller_hopp()
    monkeypatch.setenv(MILJO, sti)

    assert finn_soffice() == sti
    assert len(til_pdf(lag_amin(tmp_path), tmp_path)) == 3


def test_missing_libreoffice_gives_the_message_and_the_word_files_remain(monkeypatch, tmp_path):
    uten_libreoffice(monkeypatch, tmp_path)
    filer = lag_amin(tmp_path / "ut")

    assert finn_soffice() is None
    with pytest.raises(LibreOfficeManglerError) as feil:
        til_pdf(filer, tmp_path / "ut")

    melding = str(feil.value)
    assert "Fant ikke LibreOffice" in melding
    assert "https://www.libreoffice.org/download/" in melding
    assert "apt install libreoffice-writer" in melding
    assert MILJO in melding
    assert isinstance(feil.value, PdfError)
    assert all(f.is_file() for f in filer)
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == [
        "Amin - evalueringsnotat 26.11.2026.docx",
        "Amin - kartleggingsrapport.docx",
        "Amin - plan.docx",
    ]


def test_missing_libreoffice_without_the_variable_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.delenv(MILJO, raising=False)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr("toolkit.pdf._kandidater", lambda: [tmp_path / "soffice"])

    with pytest.raises(LibreOfficeManglerError, match=r"libreoffice\.org"):
        til_pdf(lag_amin(tmp_path), tmp_path)


def test_no_documents_no_pdfs(tmp_path):
    assert til_pdf([], tmp_path) == []


def test_a_missing_document_is_named(tmp_path):
    with pytest.raises(PdfError, match=r"«.*borte\.docx»"):
        til_pdf([tmp_path / "borte.docx"], tmp_path)


def _innpakning(tmp_path: Path, kropp: str) -> Path:
    """Return a script that stands in for soffice: `kropp` in sh, with $SOFFICE the real one."""
    sti = tmp_path / "soffice"
    sti.write_text(f'#!/bin/sh\nSOFFICE="{soffice_eller_hopp()}"\n{kropp}\n')
    sti.chmod(0o755)
    return sti


@pytest.mark.libreoffice
@pytest.mark.skipif(os.name != "posix", reason="the stand-in for soffice is a shell script")
def test_libreoffice_gets_no_password_in_its_environment(monkeypatch, tmp_path):
    miljo = tmp_path / "miljo.txt"
    # The real LibreOffice, behind a script that writes down the environment it was given.
    monkeypatch.setenv(MILJO, str(_innpakning(tmp_path, f'env > "{miljo}"\nexec "$SOFFICE" "$@"')))
    monkeypatch.setenv("SKJEMAVERK_PASSORD", "blå-fjord-trompet-47")
    monkeypatch.setenv("SKJEMAVERK_SKJEMAPASSORD", "et-skjemapassord-som-er-langt")

    pdfer = til_pdf(lag_amin(tmp_path / "ut"), tmp_path / "ut")

    assert len(pdfer) == 3
    variabler = dict(
        linje.split("=", 1) for linje in miljo.read_text().splitlines() if "=" in linje
    )
    assert not [navn for navn in variabler if navn.startswith("SKJEMAVERK_")]
    assert "blå-fjord-trompet-47" not in miljo.read_text()
    assert variabler["PATH"] == os.environ["PATH"]  # the rest is passed on
    arbeid = Path(variabler["TMPDIR"])  # LibreOffice's temporary files: in the work folder
    assert arbeid.parent.parent == tmp_path / "ut" and arbeid.parent.name.startswith(PREFIKS)
    assert not arbeid.parent.exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(os.name != "posix", reason="the stand-in for soffice is a shell script")
def test_a_libreoffice_that_hangs_is_stopped_with_all_it_started(monkeypatch, tmp_path):
    pider = tmp_path / "pider.txt"
    # Starts the real LibreOffice in the background and a waiting child of its own,
    # notes all three, and never ends by itself.
    kropp = (
        f'"$SOFFICE" "$@" &\necho $! >> "{pider}"\nsleep 600 &\necho $! >> "{pider}"\n'
        f'echo $$ >> "{pider}"\nwait'
    )
    monkeypatch.setenv(MILJO, str(_innpakning(tmp_path, kropp)))
    ut = tmp_path / "ut"

    with pytest.raises(PdfError, match="mer enn 2 sekunder"):
        til_pdf(lag_amin(ut), ut, tidsgrense=2)

    for pid in map(int, pider.read_text().split()):
        assert not _lever(pid), pid
    assert not [p for p in ut.iterdir() if p.name.startswith(".")]
    assert not [p for p in ut.iterdir() if p.suffix == ".pdf"]


def _lever(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False

"""`skjemaverk lag` with --pdf, --passord, --epost and --anonym, read back as a recipient would."""

from __future__ import annotations

import email
import io
import os
import re
import shutil
import stat
import zipfile
from datetime import date
from email import policy
from pathlib import Path

import msoffcrypto
import pytest
from click.testing import CliRunner, Result
from docx import Document
from pypdf import PdfReader

from tests.conftest import ROT
from toolkit.cli import main

PASSORD = "blå-fjord-trompet-47"


def kjor(*args: str | Path, input: str | None = None, env: dict | None = None) -> Result:
    miljo = {"SKJEMAVERK_PASSORD": "", **(env or {})}
    r = CliRunner().invoke(main, [str(a) for a in args], input=input, env=miljo)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert "Traceback" not in r.output
    return r


@pytest.fixture
def amin(tmp_path: Path) -> Path:
    sti = tmp_path / "amin.xlsx"
    shutil.copy(ROT / "eksempler" / "amin.xlsx", sti)
    return sti


def _dekrypter(data: bytes, passord: str) -> bytes:
    ut = io.BytesIO()
    fil = msoffcrypto.OfficeFile(io.BytesIO(data))
    fil.load_key(password=passord)
    fil.decrypt(ut)
    return ut.getvalue()


def _docx_tekst(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    deler = [p.text for p in doc.paragraphs]
    deler += [c.text for t in doc.tables for rad in t.rows for c in rad.cells]
    return "\n".join(deler)


def test_passord_from_the_environment_protects_every_document(amin: Path, tmp_path: Path) -> None:
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--passord", env={"SKJEMAVERK_PASSORD": PASSORD})
    assert r.exit_code == 0, r.output
    assert PASSORD not in r.output
    for sti in ut.glob("*.docx"):
        data = sti.read_bytes()
        with pytest.raises(zipfile.BadZipFile):
            Document(io.BytesIO(data))
        with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
            _dekrypter(data, "feil-passord-her")
        tekst = _docx_tekst(_dekrypter(data, PASSORD))
        assert "Amin" in tekst
    [plan] = ut.glob("* - plan.docx")
    assert "Amins plan for å komme tilbake til skolen" in _docx_tekst(
        _dekrypter(plan.read_bytes(), PASSORD)
    )


def test_enter_at_the_prompt_makes_a_passphrase_shown_once(amin: Path, tmp_path: Path) -> None:
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--passord", input="\n")
    assert r.exit_code == 0, r.output
    [linje] = [rad for rad in r.output.splitlines() if rad.startswith("Passord for dokumentene:")]
    passfrase = linje.split(": ", 1)[1]
    assert re.fullmatch(r"[a-z]+(-[a-z]+){5}-\d\d", passfrase)
    assert "SMS" in r.output and "aldri i den samme e-posten" in r.output
    [plan] = ut.glob("* - plan.docx")
    assert "Amins plan" in _docx_tekst(_dekrypter(plan.read_bytes(), passfrase))


def test_a_typed_password_must_be_typed_twice_alike(amin: Path, tmp_path: Path) -> None:
    r = kjor("lag", amin, "--ut", tmp_path / "ut", "--passord", input=f"{PASSORD}\nannet\n")
    assert r.exit_code == 2
    assert "ikke like" in r.output
    assert not (tmp_path / "ut").exists()
    r = kjor("lag", amin, "--ut", tmp_path / "ut", "--passord", input="kort\n")
    assert r.exit_code == 2 and "for kort" in r.output


def test_epost_without_a_password_is_refused_before_anything_is_made(
    amin: Path, tmp_path: Path
) -> None:
    r = kjor("lag", amin, "--ut", tmp_path / "ut", "--epost", "ppt@example.no")
    assert r.exit_code == 2
    assert "--passord" in r.output and "--ukryptert" in r.output
    assert not (tmp_path / "ut").exists()


def test_an_invalid_address_is_refused(amin: Path, tmp_path: Path) -> None:
    r = kjor("lag", amin, "--ut", tmp_path / "ut", "--epost", "ppt(at)kommune", "--ukryptert")
    assert r.exit_code == 2
    assert "ikke en gyldig e-postadresse" in r.output
    assert not (tmp_path / "ut").exists()


def test_the_email_draft_opens_as_a_new_message_with_the_protected_documents(
    amin: Path, tmp_path: Path
) -> None:
    ut = tmp_path / "ut"
    r = kjor(
        "lag",
        amin,
        "--ut",
        ut,
        "--passord",
        "--epost",
        "ppt@example.no",
        "--epost",
        "Foresatt <foresatt@example.no>",
        env={"SKJEMAVERK_PASSORD": PASSORD},
    )
    assert r.exit_code == 0, r.output
    [eml] = ut.glob("*.eml")
    melding = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert melding["X-Unsent"] == "1"
    assert [a.addr_spec for a in melding["To"].addresses] == [
        "ppt@example.no",
        "foresatt@example.no",
    ]
    assert "Amin" not in melding["Subject"] and "fravær" not in melding["Subject"].lower()
    vedlegg = {del_.get_filename(): del_.get_content() for del_ in melding.iter_attachments()}
    # The names say what the attachment is, not whom it is about.
    assert set(vedlegg) == {"Rapport.docx", "Plan.docx", "Evalueringsnotat.docx"}
    [rapport] = ut.glob("* - kartleggingsrapport.docx")
    [plan] = ut.glob("* - plan.docx")
    [notat] = ut.glob("* - evalueringsnotat *.docx")
    assert vedlegg["Rapport.docx"] == rapport.read_bytes()
    assert vedlegg["Plan.docx"] == plan.read_bytes()
    assert vedlegg["Evalueringsnotat.docx"] == notat.read_bytes()
    tekst = melding.get_body(("plain",)).get_content()
    assert "Solbakken skole" in tekst and PASSORD not in tekst


def test_ukryptert_attaches_in_the_clear_and_warns_why(amin: Path, tmp_path: Path) -> None:
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--epost", "ppt@example.no", "--ukryptert")
    assert r.exit_code == 0, r.output
    assert "ikke beskyttet med passord" in r.output and "Bruk --passord" in r.output
    [eml] = ut.glob("*.eml")
    melding = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    [plan] = [d for d in melding.iter_attachments() if d.get_filename().startswith("Plan")]
    assert "Amins plan" in _docx_tekst(plan.get_content())
    # The body does not tell the recipient of a password there is none of.
    assert "passord" not in melding.get_body(("plain",)).get_content().lower()


def test_anonymous_copies_of_several_forms_are_numbered(tmp_path: Path) -> None:
    skjemaer = []
    for navn in ("amin", "celine"):
        sti = tmp_path / f"{navn}.xlsx"
        shutil.copy(ROT / "eksempler" / f"{navn}.xlsx", sti)
        skjemaer.append(sti)
    ut = tmp_path / "ut"
    r = kjor("lag", *skjemaer, "--ut", ut, "--anonym")
    assert r.exit_code == 0, r.output
    # Both forms have held evaluation meetings: three documents each.
    assert sorted(p.name for p in ut.iterdir()) == [
        f"Anonym {n} - {dok}.docx"
        for n in (1, 2)
        for dok in ("evalueringsnotat", "kartleggingsrapport", "plan")
    ]


def test_two_forms_that_would_make_the_same_files_are_not_mixed_up(
    amin: Path, tmp_path: Path
) -> None:
    kopi = tmp_path / "amin-kopi.xlsx"
    shutil.copy(amin, kopi)
    ut = tmp_path / "ut"
    r = kjor("lag", amin, kopi, "--ut", ut, "--overskriv")
    assert r.exit_code == 1
    assert "amin-kopi.xlsx: «Amin - kartleggingsrapport.docx» lages allerede fra «amin.xlsx»" in (
        r.output
    )
    # Only the first form's three documents (Amin has had evaluation meetings).
    assert len(list(ut.iterdir())) == 3


def test_anonym_leaves_no_name_and_no_date_in_any_part_or_file_name(
    amin: Path, tmp_path: Path
) -> None:
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--anonym")
    assert r.exit_code == 0, r.output
    navn = sorted(p.name for p in ut.iterdir())
    assert navn == [
        "Anonym - evalueringsnotat.docx",
        "Anonym - kartleggingsrapport.docx",
        "Anonym - plan.docx",
    ]
    forbudte = ["Amin", "Solbakken", "Hanne", "Berg", "Yasmin", "Khalid", "Jonas", "Lise", "5B"]
    for sti in ut.iterdir():
        with zipfile.ZipFile(sti) as z:
            for info in z.infolist():
                # One fixed time in every entry: not when the copy was made.
                assert info.date_time == (2000, 1, 1, 0, 0, 0), info.filename
                tekst = z.read(info).decode("utf-8", errors="replace")
                synlig = re.sub(r"<[^>]+>", "", tekst)
                for verdi in forbudte:
                    monster = rf"(?<!\w){re.escape(verdi)}(?!\w)"
                    assert not re.search(monster, tekst), (sti.name, info.filename, verdi)
                    assert not re.search(monster, synlig), (sti.name, info.filename, verdi)
                assert not re.search(r"\d{2}\.\d{2}\.\d{4}", synlig), (sti.name, info.filename)
                assert "2026" not in synlig, (sti.name, info.filename)
    plan = _docx_tekst((ut / "Anonym - plan.docx").read_bytes())
    assert "Elevens plan for å komme tilbake til skolen" in plan
    assert "1 uke etter kartleggingen" in plan
    egenskaper = Document(str(ut / "Anonym - plan.docx")).core_properties
    assert egenskaper.created.year == egenskaper.modified.year == 2000


def test_anonym_stops_with_exit_1_and_the_place_when_a_template_names_someone(
    amin: Path, tmp_path: Path
) -> None:
    from toolkit.ressurser import maler_mappe

    mal = tmp_path / "plan.docx"
    doc = Document(str(maler_mappe() / "plan.docx"))
    doc.sections[0].header.add_paragraph("Rektor Lise Strand, tlf. 22 33 44 55")
    doc.save(str(mal))
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--anonym", "--mal", f"plan={mal}")
    assert r.exit_code == 1, r.output
    assert "Den anonyme kopien er ikke laget: «Anonym - plan.docx» inneholder fortsatt" in (
        " ".join(r.output.split())
    )
    assert "«Lise Strand») i toppteksten, avsnitt" in r.output
    assert "et telefonnummer («22 33 44 55»)" in " ".join(r.output.split())
    assert not ut.exists() or not any(ut.iterdir())


def test_a_missing_libreoffice_still_gives_the_word_files_and_says_how_to_install(
    amin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKJEMAVERK_SOFFICE", str(tmp_path / "finnes-ikke" / "soffice"))
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--pdf")
    assert r.exit_code == 0, r.output
    assert "LibreOffice" in r.output and "libreoffice.org" in r.output
    assert "Word-dokumentene er laget likevel" in r.output
    assert sorted(p.suffix for p in ut.iterdir()) == [".docx"] * 3


@pytest.mark.libreoffice
def test_pdf_and_passord_give_protected_pdfs_that_hold_the_values(
    amin: Path, tmp_path: Path
) -> None:
    from lo import soffice_eller_hopp

    soffice_eller_hopp()
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--pdf", "--passord", env={"SKJEMAVERK_PASSORD": PASSORD})
    assert r.exit_code == 0, r.output
    pdfer = sorted(ut.glob("*.pdf"))
    assert [p.name for p in pdfer] == [
        "Amin - evalueringsnotat 26.11.2026.pdf",
        "Amin - kartleggingsrapport.pdf",
        "Amin - plan.pdf",
    ]
    assert not [p for p in ut.iterdir() if p.name.startswith(".")], "no work files left"
    for pdf in pdfer:
        leser = PdfReader(pdf)
        assert leser.is_encrypted
        assert leser.decrypt("feil-passord") == 0
        assert leser.decrypt(PASSORD) != 0
        tekst = " ".join("".join(s.extract_text() for s in leser.pages).split())
        assert "Solbakken skole" in tekst
    plan = " ".join(
        "".join(s.extract_text() for s in PdfReader(pdfer[2], password=PASSORD).pages).split()
    )
    assert "Amins plan for å komme tilbake til skolen" in plan
    assert "sender Amin melding daglig" in plan


@pytest.mark.libreoffice
def test_anonym_pdf_works_with_a_participant_called_per(fyll, tmp_path: Path) -> None:
    from lo import soffice_eller_hopp

    soffice_eller_hopp()
    skjema = fyll(
        foresatte="Per Olsen (far)",
        deltakere="Per Olsen, far\nKari Lærer, kontaktlærer",
        plan_mal="Per og Amin går sammen til skolen. Amin er på skolen fire dager per uke.",
        fravaer=[
            {"dato": date(2026, 11, 2), "omfang": "Hel dag", "arsak": "Syk"},
            {"dato": date(2026, 11, 3), "omfang": "Enkelttimer", "timer": 2, "fag": "Norsk"},
        ],
    )
    ut = tmp_path / "ut"
    r = kjor("lag", skjema, "--ut", ut, "--anonym", "--pdf")
    assert r.exit_code == 0, r.output
    [rapport] = ut.glob("Anonym - kartleggingsrapport.pdf")
    [plan] = ut.glob("Anonym - plan.pdf")
    tekst = " ".join("".join(s.extract_text() for s in PdfReader(plan).pages).split())
    assert "Far og eleven går sammen til skolen." in tekst
    assert "fire dager per uke" in tekst
    tekst = " ".join("".join(s.extract_text() for s in PdfReader(rapport).pages).split())
    assert "Fravær per ukedag" in tekst
    assert not re.search(r"\bPer\b|\bAmin\b|Olsen|Solbakken", tekst)
    for pdf in (rapport, plan):
        metadata = PdfReader(pdf).metadata
        assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20000101000000"


@pytest.mark.libreoffice
def test_all_documents_of_a_run_are_converted_in_one_libreoffice_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lo import soffice_eller_hopp

    soffice = soffice_eller_hopp()
    logg = tmp_path / "starter.txt"
    # The real LibreOffice, behind a script that notes each start.
    innpakning = tmp_path / "soffice"
    innpakning.write_text(f'#!/bin/sh\necho start >> "{logg}"\nexec "{soffice}" "$@"\n')
    innpakning.chmod(0o755)
    monkeypatch.setenv("SKJEMAVERK_SOFFICE", str(innpakning))
    skjemaer = []
    for navn in ("amin", "celine"):
        sti = tmp_path / f"{navn}.xlsx"
        shutil.copy(ROT / "eksempler" / f"{navn}.xlsx", sti)
        skjemaer.append(sti)
    ut = tmp_path / "ut"
    r = kjor("lag", *skjemaer, "--ut", ut, "--pdf")
    assert r.exit_code == 0, r.output
    assert len(list(ut.glob("*.pdf"))) == 6  # three documents each
    assert logg.read_text().splitlines() == ["start"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")
def test_the_documents_are_readable_by_their_owner_only(amin: Path, tmp_path: Path) -> None:
    ut = tmp_path / "ut"
    assert kjor("lag", amin, "--ut", ut).exit_code == 0
    for sti in ut.iterdir():
        assert stat.S_IMODE(sti.stat().st_mode) == 0o600, sti.name


def test_a_failing_libreoffice_still_gives_the_word_files(amin: Path, tmp_path: Path) -> None:
    feiler = tmp_path / "soffice"
    feiler.write_text("#!/bin/sh\necho krasj >&2\nexit 0\n")
    feiler.chmod(0o755)
    ut = tmp_path / "ut"
    r = kjor("lag", amin, "--ut", ut, "--pdf", env={"SKJEMAVERK_SOFFICE": str(feiler)})
    assert r.exit_code == 0, r.output
    assert "klarte ikke å lage PDF-ene" in r.output and "laget likevel" in r.output
    assert sorted(p.suffix for p in ut.iterdir()) == [".docx"] * 3


@pytest.mark.libreoffice
def test_pdf_works_with_a_relative_output_folder(
    amin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lo import soffice_eller_hopp

    soffice_eller_hopp()
    monkeypatch.chdir(tmp_path)
    r = kjor("lag", "amin.xlsx", "--ut", "ut", "--pdf")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "ut").glob("*.pdf")) == [
        "Amin - evalueringsnotat 26.11.2026.pdf",
        "Amin - kartleggingsrapport.pdf",
        "Amin - plan.pdf",
    ]


def test_no_password_is_asked_for_or_shown_when_the_form_has_errors(fyll, tmp_path: Path) -> None:
    # A password made and shown for a form that gives no documents could be sent by SMS for
    # nothing; it is made only once every form has been read and checked.
    feil = fyll(kartlegging_dato="31.02.2026")
    r = kjor("lag", feil, "--ut", tmp_path / "ut", "--passord", input="\n")
    assert r.exit_code == 1, r.output
    assert "31.02.2026" in r.output
    assert "Passord for dokumentene" not in r.output and not (tmp_path / "ut").exists()
    # With a valid form, Enter gives a strong password, shown once.
    r = kjor("lag", fyll(), "--ut", tmp_path / "ut", "--passord", input="\n")
    assert r.exit_code == 0, r.output
    assert r.output.count("Passord for dokumentene: ") == 1

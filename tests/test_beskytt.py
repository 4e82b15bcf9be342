"""Password protection: Word documents (msoffcrypto-tool), PDFs (AES-256), passphrases."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import msoffcrypto
import pytest
from lo import TIDSGRENSE, pdf_tekst, soffice_eller_hopp, til_pdf
from msoffcrypto.exceptions import InvalidKeyError
from pypdf import PasswordType, PdfReader

from toolkit._ordliste import ORD
from toolkit.beskytt import (
    BeskyttError,
    entropi_bits,
    er_beskyttet,
    er_kryptert_docx,
    er_kryptert_pdf,
    krypter_docx,
    krypter_pdf,
    lag_passfrase,
    passord_fra_miljo,
    sjekk_passord,
)
from toolkit.inntak import les_skjema
from toolkit.kjoring import lag_dokumenter

ROT = Path(__file__).resolve().parent.parent
PASSORD = "kanel-fjord-trompet-vaffel-ugle-bjelke-47"


@pytest.fixture(scope="module")
def amin(tmp_path_factory) -> list[Path]:
    ut = tmp_path_factory.mktemp("amin")
    return lag_dokumenter(les_skjema(ROT / "eksempler/amin.xlsx"), ut)


def dekrypter(data: bytes, passord: str) -> bytes:
    fil = msoffcrypto.OfficeFile(io.BytesIO(data))
    fil.load_key(password=passord)
    ut = io.BytesIO()
    fil.decrypt(ut)
    return ut.getvalue()


# -- passphrases ------------------------------------------------------------------


def test_passphrase_is_six_words_and_a_number():
    frase = lag_passfrase()

    *ord_, tall = frase.split("-")
    assert len(ord_) == 6
    assert all(o in ORD for o in ord_)
    assert 10 <= int(tall) <= 99
    assert re.fullmatch(r"[a-z0-9-]+", frase)


def test_passphrase_has_at_least_60_bits():
    assert len(set(ORD)) == len(ORD) >= 1024
    assert entropi_bits() >= 60


def test_word_list_is_plain_lowercase_without_aeoa():
    assert all(re.fullmatch(r"[a-z]{3,12}", o) for o in ORD)


def test_passphrases_differ():
    assert len({lag_passfrase() for _ in range(50)}) == 50


def test_a_short_or_empty_password_is_refused():
    with pytest.raises(BeskyttError, match="tomt"):
        sjekk_passord("  ")
    with pytest.raises(BeskyttError, match="for kort"):
        sjekk_passord("hemmelig")
    with pytest.raises(BeskyttError, match="mellomrom"):
        sjekk_passord(" et langt passord ")
    assert sjekk_passord(PASSORD) == PASSORD


def test_password_from_the_environment(monkeypatch):
    monkeypatch.delenv("SKJEMAVERK_PASSORD", raising=False)
    assert passord_fra_miljo() is None
    monkeypatch.setenv("SKJEMAVERK_PASSORD", PASSORD)
    assert passord_fra_miljo() == PASSORD


# -- Word ---------------------------------------------------------------------------


def test_encrypted_docx_decrypts_with_the_password_to_the_same_document(amin):
    original = amin[1].read_bytes()

    kryptert = krypter_docx(original, PASSORD)

    assert dekrypter(kryptert, PASSORD) == original


def test_encrypted_docx_does_not_open_without_the_password(amin):
    kryptert = krypter_docx(amin[0].read_bytes(), PASSORD)

    assert not zipfile.is_zipfile(io.BytesIO(kryptert))
    assert b"Amin" not in kryptert
    assert er_kryptert_docx(kryptert)
    assert er_beskyttet(kryptert, "x.docx")
    assert not er_kryptert_docx(amin[0].read_bytes())
    with pytest.raises(InvalidKeyError):
        dekrypter(kryptert, "feil-passord-her")


def test_an_encrypted_docx_is_not_encrypted_twice(amin):
    kryptert = krypter_docx(amin[0].read_bytes(), PASSORD)
    with pytest.raises(BeskyttError, match="allerede"):
        krypter_docx(kryptert, PASSORD)


def _makro(profil: Path) -> None:
    """Put a Basic macro in LibreOffice's profile that opens a file with a password."""
    modul = profil / "user" / "basic" / "Standard" / "Module1.xba"
    modul.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub TilPdf(inn As String, ut As String, passord As String)
  Dim lese(1) As New com.sun.star.beans.PropertyValue
  lese(0).Name = &quot;Hidden&quot;
  lese(0).Value = True
  lese(1).Name = &quot;Password&quot;
  lese(1).Value = passord
  On Error Goto Slutt
  dok = StarDesktop.loadComponentFromURL(ConvertToURL(inn), &quot;_blank&quot;, 0, lese())
  Dim lagre(0) As New com.sun.star.beans.PropertyValue
  lagre(0).Name = &quot;FilterName&quot;
  lagre(0).Value = &quot;writer_pdf_Export&quot;
  dok.storeToURL(ConvertToURL(ut), lagre())
  dok.close(True)
Slutt:
  StarDesktop.terminate()
End Sub
</script:module>""",
        encoding="utf-8",
    )


def lo_med_passord(soffice: str, docx: Path, pdf: Path, passord: str, profil: Path) -> None:
    """Open `docx` in the real LibreOffice with `passord` and save it as `pdf`."""
    kjor = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profil.as_uri()}"]
    if not (profil / "user" / "basic" / "Standard").is_dir():
        subprocess.run([*kjor, "--terminate_after_init"], capture_output=True, timeout=TIDSGRENSE)
    _makro(profil)
    url = f'macro:///Standard.Module1.TilPdf("{docx}","{pdf}","{passord}")'
    subprocess.run([*kjor, url], capture_output=True, timeout=TIDSGRENSE)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_encrypted_docx_with_the_password(amin, tmp_path):
    soffice = soffice_eller_hopp()
    kryptert = tmp_path / "plan.docx"
    kryptert.write_bytes(krypter_docx(amin[1].read_bytes(), PASSORD))
    profil = tmp_path / "profil"

    lo_med_passord(soffice, kryptert, tmp_path / "riktig.pdf", PASSORD, profil)
    lo_med_passord(soffice, kryptert, tmp_path / "feil.pdf", "feil-passord-her", profil)

    tekst = " ".join(pdf_tekst(tmp_path / "riktig.pdf").split())
    assert "Amins plan for å komme tilbake til skolen" in tekst
    assert not (tmp_path / "feil.pdf").exists()


@pytest.mark.libreoffice
def test_libreoffice_cannot_convert_the_encrypted_docx_without_the_password(amin, tmp_path):
    soffice_eller_hopp()
    kryptert = tmp_path / "plan.docx"
    kryptert.write_bytes(krypter_docx(amin[1].read_bytes(), PASSORD))

    with pytest.raises(pytest.fail.Exception, match=r"laget ikke plan\.pdf"):
        til_pdf([kryptert], tmp_path / "ut")


# -- PDF ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def amin_pdf(amin, tmp_path_factory) -> Path:
    soffice_eller_hopp()
    return til_pdf([amin[1]], tmp_path_factory.mktemp("pdf"))[0]


@pytest.mark.libreoffice
def test_encrypted_pdf_asks_for_the_password(amin_pdf, tmp_path):
    kryptert = krypter_pdf(amin_pdf.read_bytes(), PASSORD)

    leser = PdfReader(io.BytesIO(kryptert))
    assert leser.is_encrypted
    assert er_kryptert_pdf(kryptert)
    assert er_beskyttet(kryptert, "plan.pdf")
    assert leser.decrypt("feil-passord-her") == PasswordType.NOT_DECRYPTED
    assert leser.decrypt(PASSORD) != PasswordType.NOT_DECRYPTED
    assert "Amins plan" in leser.pages[0].extract_text()


@pytest.mark.libreoffice
def test_encrypted_pdf_uses_aes_256(amin_pdf):
    leser = PdfReader(io.BytesIO(krypter_pdf(amin_pdf.read_bytes(), PASSORD)))

    kryptering = leser.trailer["/Encrypt"]
    assert kryptering["/V"] == 5  # AES-256
    assert kryptering["/R"] == 6
    assert kryptering["/CF"]["/StdCF"]["/CFM"] == "/AESV3"


@pytest.mark.libreoffice
def test_poppler_opens_the_encrypted_pdf_only_with_the_password(amin_pdf, tmp_path):
    # pdftotext's command line keeps only 32 characters of a password (its own
    # limit, not the PDF's: pypdf above opens it with the full passphrase).
    passord = "fjord-trompet-ugle-47"
    kryptert = tmp_path / "plan.pdf"
    kryptert.write_bytes(krypter_pdf(amin_pdf.read_bytes(), passord))

    uten = subprocess.run(["pdftotext", str(kryptert), "-"], capture_output=True, check=False)
    med = subprocess.run(
        ["pdftotext", "-upw", passord, str(kryptert), "-"], capture_output=True, check=True
    )

    assert uten.returncode != 0
    assert b"Incorrect password" in uten.stderr
    assert "Amins plan" in med.stdout.decode("utf-8")
    assert not er_kryptert_pdf(amin_pdf.read_bytes())

"""Helpers for tests that use the real LibreOffice (soffice) and poppler's pdftotext.

    from lo import pdf_tekst, soffice_eller_hopp, til_pdf  # tests/ is on sys.path

    @pytest.mark.libreoffice
    def test_noe(tmp_path):
        soffice_eller_hopp()
        (pdf,) = til_pdf([fil], tmp_path)
        assert "Elevens navn" in pdf_tekst(pdf)

The tests are skipped when LibreOffice is missing, unless the environment
variable SKJEMAVERK_KREV_LIBREOFFICE=1 is set: then they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest

TIDSGRENSE = 180


def _krevd() -> bool:
    return os.environ.get("SKJEMAVERK_KREV_LIBREOFFICE") == "1"


def _mangler(melding: str):
    if _krevd():
        pytest.fail(f"{melding} (SKJEMAVERK_KREV_LIBREOFFICE=1)")
    pytest.skip(melding)


def soffice_eller_hopp() -> str:
    """Return the path of soffice; skip the test (or fail, if required) when missing."""
    sti = shutil.which("soffice") or shutil.which("libreoffice")
    if sti is None:
        _mangler("LibreOffice (soffice) er ikke installert")
    return sti


def til_pdf(filer: Iterable[Path], ut_mappe: Path) -> list[Path]:
    """Convert `filer` to PDF in `ut_mappe` in one start of LibreOffice."""
    return konverter(filer, ut_mappe, "pdf")


def konverter(filer: Iterable[Path], ut_mappe: Path, format: str) -> list[Path]:
    """Convert `filer` to `format` (pdf, xls, ods …) in `ut_mappe` in one start of LibreOffice.

    LibreOffice gets a profile of its own, so parallel runs do not collide.
    soffice exits 0 even when it could not load a file, so each PDF is checked.
    """
    soffice = soffice_eller_hopp()
    filer = [Path(f) for f in filer]
    ut_mappe = Path(ut_mappe)
    ut_mappe.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profil-") as profil:
        kommando = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={Path(profil).as_uri()}",
            "--convert-to",
            format,
            "--outdir",
            str(ut_mappe),
            *(str(f) for f in filer),
        ]
        try:
            kjoring = subprocess.run(
                kommando, capture_output=True, text=True, timeout=TIDSGRENSE, check=False
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"LibreOffice brukte mer enn {TIDSGRENSE} s på å lage PDF")
    pdfer = [ut_mappe / f"{f.stem}.{format}" for f in filer]
    mangler = [p.name for p in pdfer if not p.is_file() or p.stat().st_size == 0]
    if mangler:
        pytest.fail(
            f"LibreOffice laget ikke {', '.join(mangler)} (kode {kjoring.returncode}).\n"
            f"stdout: {kjoring.stdout}\nstderr: {kjoring.stderr}"
        )
    return pdfer


def pdf_tekst(pdf: Path) -> str:
    """Return the text of `pdf` (pdftotext -layout); skip or fail when pdftotext is missing."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        _mangler("pdftotext (poppler-utils) er ikke installert")
    kjoring = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return kjoring.stdout.decode("utf-8")

"""Make PDFs of Word documents with LibreOffice, headless, in one start.

`finn_soffice` looks for LibreOffice where it is usually installed.
`konverter` converts a batch of documents inside a run's private work folder
(toolkit.arbeidsmappe), with LibreOffice's own profile and temporary folder
there too (so parallel runs do not collide and nothing lands elsewhere), and
checks that each PDF was made (soffice exits 0 even when it fails). `til_pdf`
does that in a work folder of its own and moves the PDFs into place atomically.
LibreOffice gets an environment without Skjemaverk's password variables, and is
stopped with everything it started when the run ends early.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from toolkit._avbrudd import utsatt
from toolkit._vakt import PROFIL, stopp
from toolkit.arbeidsmappe import arbeidsmappe, barnemiljo
from toolkit.errors import SkjemaverkError, SkriveError
from toolkit.skriv import grunn

MILJO = "SKJEMAVERK_SOFFICE"
TIDSGRENSE = 180  # seconds for one start of LibreOffice, all documents included
_STEG = 0.5  # seconds between looks at the clock and at signals while LibreOffice works

INSTALLER = (
    "Installer LibreOffice (gratis): på Windows og macOS fra "
    "https://www.libreoffice.org/download/, "
    "på Linux med «sudo apt install libreoffice-writer» (Debian/Ubuntu) eller "
    "«sudo dnf install libreoffice-writer» (Fedora). "
    f"Ligger LibreOffice et annet sted, oppgi stien til soffice i miljøvariabelen {MILJO}."
)


class PdfError(SkjemaverkError):
    """A PDF could not be made."""


class LibreOfficeManglerError(PdfError):
    """LibreOffice is not installed (or not where SKJEMAVERK_SOFFICE points)."""


def _kandidater() -> list[Path]:
    """Return the usual install places of soffice on this system, most likely first."""
    steder: list[Path] = []
    if sys.platform == "win32":
        for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
            rot = os.environ.get(var)
            if rot:
                steder.append(Path(rot) / "LibreOffice" / "program" / "soffice.exe")
        steder.append(Path(r"C:\Program Files\LibreOffice\program\soffice.exe"))
        steder.append(Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"))
    elif sys.platform == "darwin":
        steder.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
        steder.append(Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice")
    else:
        steder += [
            Path("/usr/bin/soffice"),
            Path("/usr/bin/libreoffice"),
            Path("/usr/local/bin/soffice"),
            Path("/usr/lib/libreoffice/program/soffice"),
            Path("/usr/lib64/libreoffice/program/soffice"),
        ]
        # The packages from libreoffice.org install into /opt/libreoffice<version>.
        steder += [Path(p) for p in sorted(glob.glob("/opt/libreoffice*/program/soffice"))[::-1]]
        steder += [
            Path("/snap/bin/libreoffice"),
            Path("/var/lib/flatpak/exports/bin/org.libreoffice.LibreOffice"),
            Path.home() / ".local/share/flatpak/exports/bin/org.libreoffice.LibreOffice",
        ]
    return steder


def finn_soffice() -> str | None:
    """Return the path of LibreOffice's soffice, or None when it is not installed.

    The environment variable SKJEMAVERK_SOFFICE, when set, is the only place
    looked at. Otherwise PATH (soffice, libreoffice), then the usual install
    places on Windows, macOS and Linux (including /opt, snap and flatpak).
    """
    oppgitt = os.environ.get(MILJO)
    if oppgitt:
        sti = Path(oppgitt).expanduser()
        return str(sti) if sti.is_file() else None
    for navn in ("soffice", "libreoffice"):
        funnet = shutil.which(navn)
        if funnet:
            return funnet
    for sti in _kandidater():
        if sti.is_file() and os.access(sti, os.X_OK):
            return str(sti)
    return None


def _mangler_melding() -> str:
    oppgitt = os.environ.get(MILJO)
    if oppgitt:
        return (
            f"Fant ikke LibreOffice der miljøvariabelen {MILJO} peker («{oppgitt}»), "
            "og kan derfor ikke lage PDF. Rett stien, eller fjern variabelen. " + INSTALLER
        )
    return "Fant ikke LibreOffice, som trengs for å lage PDF. " + INSTALLER


def _kjor(kommando: list[str], tidsgrense: float, tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run `kommando`; on timeout or interruption stop it and everything it started.

    LibreOffice keeps working copies of the documents in its temporary folder:
    they go to `tmp`, in the run's private work folder. The child's environment
    holds none of Skjemaverk's variables (no password).
    """
    miljo = barnemiljo(TMPDIR=str(tmp), TMP=str(tmp), TEMP=str(tmp))
    # A session of its own, so that Ctrl+C in the terminal reaches Skjemaverk
    # only, which then stops LibreOffice and its children together.
    if sys.platform == "win32":
        flagg, ny_sesjon = subprocess.CREATE_NEW_PROCESS_GROUP, False
    else:
        flagg, ny_sesjon = 0, True
    prosess: subprocess.Popen[str] | None = None
    try:
        with utsatt():  # a stop signal waits until we hold the handle
            prosess = subprocess.Popen(
                kommando,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                env=miljo,
                creationflags=flagg,
                start_new_session=ny_sesjon,
            )
        frist = time.monotonic() + tidsgrense
        while True:
            # In short steps: on Windows a signal (Ctrl+C, the console closing) is
            # acted on only between them.
            try:
                ut, feil = prosess.communicate(timeout=min(_STEG, max(frist - time.monotonic(), 0)))
                break
            except subprocess.TimeoutExpired:
                if time.monotonic() >= frist:
                    raise
    except BaseException:  # a timeout, Ctrl+C or a stop signal: leave no LibreOffice behind
        if prosess is not None:
            with utsatt():
                _stopp(prosess)
                prosess.communicate()
        raise
    return subprocess.CompletedProcess(kommando, prosess.returncode, ut, feil)


def _stopp(prosess: subprocess.Popen[str]) -> None:
    """Kill `prosess` and everything it started."""
    # soffice is a launcher: the real work is done by its child, soffice.bin.
    try:
        barn = psutil.Process(prosess.pid).children(recursive=True)
    except psutil.Error:
        barn = []
    if sys.platform != "win32":
        with contextlib.suppress(OSError):
            os.killpg(prosess.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        prosess.kill()
    stopp(barn)


def _er_pdf(sti: Path) -> bool:
    try:
        with open(sti, "rb") as fil:
            return fil.read(5) == b"%PDF-"
    except OSError:
        return False


def krev_soffice() -> str:
    """Return the path of soffice; raise LibreOfficeManglerError when it is not installed."""
    soffice = finn_soffice()
    if soffice is None:
        raise LibreOfficeManglerError(_mangler_melding())
    return soffice


def konverter(
    filer: list[Path], arbeid: Path, soffice: str, *, tidsgrense: float = TIDSGRENSE
) -> list[Path]:
    """Convert `filer` to PDF in ONE start of LibreOffice, inside the work folder `arbeid`.

    `arbeid` is the run's private work folder (toolkit.arbeidsmappe, absolute):
    LibreOffice's profile, its temporary files and the PDFs all go there.
    Returns the PDFs (in `arbeid`, in the order of `filer`); raises PdfError
    when one was not made.
    """
    profil, tmp, ut = arbeid / PROFIL, arbeid / "tmp", arbeid / "pdf"
    try:
        tmp.mkdir(mode=0o700, exist_ok=True)
        ut.mkdir(mode=0o700, exist_ok=True)
    except OSError as e:
        raise PdfError(f"Kan ikke skrive PDF i mappen «{arbeid.parent}»: {grunn(e)}.") from e
    kommando = [
        soffice,
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        # Absolute: LibreOffice aborts when its profile or temporary folder is relative.
        f"-env:UserInstallation={profil.as_uri()}",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(ut),
        *(str(f.resolve()) for f in filer),
    ]
    try:
        kjoring = _kjor(kommando, tidsgrense, tmp)
    except subprocess.TimeoutExpired as e:
        raise PdfError(
            f"LibreOffice brukte mer enn {tidsgrense:g} sekunder på å lage PDF og ble stoppet. "
            "Prøv igjen; hjelper ikke det, lukk alle LibreOffice-vinduer først."
        ) from e
    except OSError as e:
        raise LibreOfficeManglerError(
            f"Kunne ikke starte LibreOffice («{soffice}»): {grunn(e)}. " + INSTALLER
        ) from e
    laget = [ut / f"{f.stem}.pdf" for f in filer]
    mangler = [p.name for p in laget if not _er_pdf(p)]
    if mangler:
        hvilke = " og ".join(f"«{navn}»" for navn in mangler)
        detalj = (kjoring.stderr or kjoring.stdout or "").strip().splitlines()
        sa = f" (LibreOffice sa: «{detalj[-1].strip().rstrip('.')}»)" if detalj else ""
        raise PdfError(f"LibreOffice laget ikke PDF av {hvilke}{sa}.")
    return laget


def til_pdf(
    docx_filer: list[Path], ut_mappe: Path, *, tidsgrense: float = TIDSGRENSE
) -> list[Path]:
    """Convert `docx_filer` to PDF in `ut_mappe` in one start of LibreOffice.

    Each PDF gets the name of its document with .pdf and replaces a PDF of that
    name. Returns the PDFs in the order of `docx_filer`. Raises
    LibreOfficeManglerError when LibreOffice is not installed, and PdfError when
    a PDF was not made; then no PDF of the batch is moved into place.
    """
    filer = [Path(f) for f in docx_filer]
    if not filer:
        return []
    stammer = [f.stem for f in filer]
    if len(set(stammer)) != len(stammer):
        raise PdfError("To av dokumentene har samme navn, så PDF-ene ville overskrevet hverandre.")
    for fil in filer:
        if not fil.is_file():
            raise PdfError(f"Fant ikke «{fil}», så det ble ikke laget PDF av den.")
    soffice = krev_soffice()

    ut_mappe = Path(ut_mappe)
    try:
        ut_mappe.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PdfError(f"Kan ikke skrive PDF i mappen «{ut_mappe}»: {grunn(e)}.") from e
    try:
        # In the target folder: os.replace is then atomic (same file system).
        with arbeidsmappe(ut_mappe) as arbeid:
            laget = konverter(filer, arbeid, soffice, tidsgrense=tidsgrense)
            mål = [ut_mappe / p.name for p in laget]
            for fra, til in zip(laget, mål, strict=True):
                with contextlib.suppress(OSError):
                    os.chmod(fra, 0o600)  # like the Word documents: for the user only
                os.replace(fra, til)
    except SkriveError as e:
        raise PdfError(e.melding) from e
    except PermissionError as e:
        raise PdfError(
            f"Kan ikke skrive «{e.filename or ut_mappe}»: PDF-en er kanskje åpen i et annet "
            "program. Lukk den og prøv igjen."
        ) from e
    except OSError as e:
        raise PdfError(f"Kan ikke skrive PDF i «{ut_mappe}»: {grunn(e)}.") from e
    return mål

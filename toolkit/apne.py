"""Open a workbook safely: recognise what the file is before openpyxl sees it."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from toolkit.errors import UlesbarFilError
from toolkit.skriv import grunn

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ZIP_TOM = b"PK\x05\x06"

# A mapping form is a few hundred kilobytes. These limits are far above any
# real form and far below what would exhaust the machine.
MAKS_FILSTORRELSE = 50 * 1024 * 1024
MAKS_UTPAKKET = 200 * 1024 * 1024
MAKS_FORHOLD = 200  # uncompressed size / compressed size of one part
MAKS_DELER = 5000

PASSORD_HJELP = (
    "Oppgi passordet med --skjemapassord (da blir du spurt om det uten at det vises), "
    "eller sett miljøvariabelen SKJEMAVERK_SKJEMAPASSORD."
)


def apne_arbeidsbok(sti: Path, passord: str | None = None) -> Workbook:
    """Open the workbook at `sti`, or raise UlesbarFilError saying why not."""
    data = _les_bytes(sti)
    navn = sti.name
    if data.startswith(_OLE):
        data = _dekrypter(data, navn, passord)
    _sjekk_zip(data, navn)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel extensions it drops; the user can't act on that.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many kinds on damaged content
        raise UlesbarFilError(
            f"Filen «{navn}» er ødelagt inni og kunne ikke leses som en Excel-arbeidsbok. "
            "Åpne den i Excel, lagre den på nytt som .xlsx, og prøv igjen."
        ) from e


def _les_bytes(sti: Path) -> bytes:
    navn = sti.name
    try:
        storrelse = sti.stat().st_size
        if sti.is_dir():
            raise UlesbarFilError(f"«{sti}» er en mappe, ikke en fil. Oppgi selve Excel-filen.")
        if storrelse > MAKS_FILSTORRELSE:
            raise UlesbarFilError(
                f"Filen «{navn}» er {storrelse // (1024 * 1024)} MB, altfor stor til å være "
                "et kartleggingsskjema. Kontroller at du har valgt riktig fil."
            )
        data = sti.read_bytes()
    except FileNotFoundError as e:
        raise UlesbarFilError(f"Fant ikke filen «{sti}». Kontroller navnet og mappen.") from e
    except PermissionError as e:
        raise UlesbarFilError(
            f"Har ikke tilgang til å lese «{sti}». Er filen åpen i et annet program, "
            "eller mangler du rettigheter til mappen?"
        ) from e
    except OSError as e:
        raise UlesbarFilError(f"Kunne ikke lese «{sti}»: {grunn(e)}.") from e
    if not data:
        raise UlesbarFilError(
            f"Filen «{navn}» er tom (0 byte). Den ble kanskje ikke lagret ferdig. "
            "Åpne originalen i Excel og lagre den på nytt."
        )
    return data


def _dekrypter(data: bytes, navn: str, passord: str | None) -> bytes:
    import msoffcrypto
    import olefile
    from msoffcrypto.exceptions import InvalidKeyError

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        kryptert = ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage")
        ole.close()
    except Exception as e:
        raise UlesbarFilError(
            f"Filen «{navn}» er ødelagt eller ufullstendig og kan ikke leses. "
            "Bruk en kopi som er lagret ferdig i Excel."
        ) from e
    if not kryptert:
        raise UlesbarFilError(
            f"Filen «{navn}» er i det gamle Excel-formatet (.xls). Åpne den i Excel og velg "
            "Fil > Lagre som > Excel-arbeidsbok (.xlsx), og bruk den nye filen."
        )
    if not passord:
        raise UlesbarFilError(f"Filen «{navn}» er beskyttet med passord. {PASSORD_HJELP}")
    ut = io.BytesIO()
    try:
        fil = msoffcrypto.OfficeFile(io.BytesIO(data))
        fil.load_key(password=passord)
        fil.decrypt(ut)
    except InvalidKeyError as e:
        raise UlesbarFilError(
            f"Feil passord for «{navn}». Kontroller passordet og prøv igjen."
        ) from e
    except Exception as e:
        raise UlesbarFilError(
            f"Filen «{navn}» er beskyttet med passord, men kunne ikke låses opp (den bruker "
            "en beskyttelse Skjemaverk ikke kan åpne, eller den er ødelagt). Lagre den uten "
            "passord i Excel og prøv igjen."
        ) from e
    return ut.getvalue()


def pakkens_deler(data: bytes, navn: str, hva: str = "Excel-arbeidsbok") -> set[str]:
    """Return the part names of the zip package `data`, refusing a damaged one or a bomb.

    Only the zip's directory is read: nothing is unpacked before the sizes are checked.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            deler = z.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise UlesbarFilError(
            f"Filen «{navn}» er ødelagt eller ufullstendig (kanskje ble kopieringen eller "
            "lagringen avbrutt). Åpne originalen og lagre den på nytt."
        ) from e
    utpakket = sum(d.file_size for d in deler)
    for_stor = len(deler) > MAKS_DELER or utpakket > MAKS_UTPAKKET
    if for_stor or any(
        d.file_size > 1024 * 1024 and d.file_size > MAKS_FORHOLD * max(d.compress_size, 1)
        for d in deler
    ):
        raise UlesbarFilError(
            f"Filen «{navn}» ville pakke seg ut til noe altfor stort "
            f"({utpakket // (1024 * 1024)} MB i {len(deler)} deler) og blir ikke åpnet. "
            f"En {hva} fra skolen er noen hundre kilobyte."
        )
    return {d.filename for d in deler}


def _sjekk_zip(data: bytes, navn: str) -> None:
    if navn.startswith("~$"):
        raise UlesbarFilError(
            f"«{navn}» er en midlertidig fil som Excel lager mens skjemaet er åpent. Bruk "
            f"selve skjemaet, «{navn[2:]}», og lukk det i Excel først."
        )
    if not data.startswith((_ZIP, _ZIP_TOM)):
        raise UlesbarFilError(
            f"Filen «{navn}» er ikke en Excel-arbeidsbok (.xlsx). Kontroller at du har valgt "
            "kartleggingsskjemaet, og at det er lagret i Excel-format."
        )
    navnene = pakkens_deler(data, navn)
    mimetype = b""
    if "mimetype" in navnene:
        with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("mimetype") as fil:
            mimetype = fil.read(100)
    if b"opendocument" in mimetype:
        raise UlesbarFilError(
            f"Filen «{navn}» er et OpenDocument-regneark (.ods). Åpne den i LibreOffice og "
            "velg Fil > Lagre som > Excel 2007–365 (.xlsx), og bruk den nye filen."
        )
    if "xl/workbook.xml" not in navnene:
        if "word/document.xml" in navnene:
            hva = "et Word-dokument, ikke et skjema i Excel-format (.xlsx)"
        elif "xl/workbook.bin" in navnene:
            hva = "en binær Excel-arbeidsbok (.xlsb). Lagre den i Excel som .xlsx"
        else:
            hva = "en ZIP-fil, ikke et skjema i Excel-format (.xlsx)"
        raise UlesbarFilError(f"Filen «{navn}» er {hva}.")

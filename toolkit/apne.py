"""Open a workbook safely: recognise what the file is before openpyxl sees it.

The workbook is read once, with the values Excel saved (a formula gives the
result it had when the file was saved). What openpyxl then no longer tells is
found in the same bytes: which cells hold a formula (`=TODAY()` changes every
day; one without a saved result reads as empty), which hold an error value
Excel stored (`#REF!`), and the number typed in a date cell that is too large
to be a date (openpyxl turns it into `#VALUE!`).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from openpyxl.reader.excel import ExcelReader
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


# (sheet title, cell reference): a cell of the workbook.
Sted = tuple[str, str]


@dataclass
class Arbeidsbok:
    """An opened workbook, and what its cells hold that the saved values do not tell."""

    bok: Workbook
    # The formula of each cell that has one ("=TODAY()"; "=" for a cell that shares the
    # formula of another without repeating it).
    formler: dict[Sted, str] = field(default_factory=dict)
    # The cells the file stores as an error value (t="e"), with or without a formula.
    feilverdier: set[Sted] = field(default_factory=set)
    _data: bytes = b""
    _deler: dict[str, str] = field(default_factory=dict)  # sheet title -> part name

    def raaverdi(self, ark: str, celle: str) -> str | None:
        """Return the value of a cell as the file writes it (`<v>`), or None."""
        del_ = self._deler.get(ark)
        if del_ is None:
            return None
        with zipfile.ZipFile(io.BytesIO(self._data)) as z:
            xml = z.read(del_)
        treff = re.search(
            rb'<(?:\w+:)?c r="' + celle.encode() + rb'"[^>]*>(.*?)</(?:\w+:)?c>', xml, re.S
        )
        verdi = treff and re.search(rb"<(?:\w+:)?v>([^<]*)</", treff.group(1))
        return verdi.group(1).decode() if verdi else None


def apne_arbeidsbok(sti: Path, passord: str | None = None) -> Workbook:
    """Open the workbook at `sti`, or raise UlesbarFilError saying why not."""
    return apne_skjema(sti, passord).bok


def apne_skjema(sti: Path, passord: str | None = None) -> Arbeidsbok:
    """Open the workbook at `sti` with its formulas and error values, or raise
    UlesbarFilError saying why not."""
    data = _les_bytes(sti)
    navn = sti.name
    if data.startswith(_OLE):
        data = _dekrypter(data, navn, passord)
    _sjekk_zip(data, navn)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel extensions it drops; the user can't act on that.
            warnings.simplefilter("ignore")
            leser = _Leser(io.BytesIO(data), data_only=True)
            leser.read()
            return Arbeidsbok(leser.wb, leser.formler, leser.feilverdier, data, leser.deler)
    except Exception as e:  # openpyxl raises many kinds on damaged content
        raise UlesbarFilError(
            f"Filen «{navn}» er ødelagt inni og kunne ikke leses som en Excel-arbeidsbok. "
            "Åpne den i Excel, lagre den på nytt som .xlsx, og prøv igjen."
        ) from e


class _Leser(ExcelReader):
    """openpyxl's reader (as `load_workbook` uses it), keeping where each sheet's part is."""

    deler: dict[str, str]
    formler: dict[Sted, str]
    feilverdier: set[Sted]

    def read_worksheets(self) -> None:
        self.deler = {
            ark.name: rel.target
            for ark, rel in self.parser.find_sheets()
            if rel.target in self.valid_files and "chartsheet" not in rel.Type
        }
        super().read_worksheets()
        self.formler, self.feilverdier = {}, set()
        for ark, del_ in self.deler.items():
            _finn_formler(ark, self.archive.read(del_), self.formler, self.feilverdier)


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# A formula (<f>, with or without a namespace prefix) or an error value (t="e") somewhere
# in a sheet's XML. Plain substring tests: a regular expression over every sheet costs more
# than the rest of this reading.
_FORMEL_ELLER_FEIL = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b":f/>", b't="e"')


def _finn_formler(ark: str, xml: bytes, formler: dict[Sted, str], feil: set[Sted]) -> None:
    """Add the formulas and error values of one sheet; a sheet with none is not parsed."""
    if not any(tegn in xml for tegn in _FORMEL_ELLER_FEIL):
        return
    parser = etree.iterparse(
        io.BytesIO(xml),
        events=("end",),
        tag=f"{_NS}c",
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )
    for _, c in parser:
        ref = c.get("r")
        if ref:
            formel = c.find(f"{_NS}f")
            if formel is not None:
                formler[(ark, ref)] = "=" + (formel.text or "")
            if c.get("t") == "e":
                feil.add((ark, ref))
        c.clear()


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

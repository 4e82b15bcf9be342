"""Protect documents with a password: Word (.docx) and PDF, and make good passphrases.

Word documents are encrypted the way Word itself does it (ECMA-376 agile
encryption, AES-256), with msoffcrypto-tool; Word, LibreOffice and Pages ask
for the password when they open the file. PDFs are encrypted with AES-256
(pypdf, which needs the `cryptography` package for AES).
"""

from __future__ import annotations

import io
import math
import os
import secrets

from toolkit._ordliste import ORD
from toolkit.errors import SkjemaverkError

MILJO = "SKJEMAVERK_PASSORD"  # the password for scripts, instead of the prompt
MIN_LENGDE = 10  # for a password a person chooses

# A passphrase is ANTALL_ORD words drawn with `secrets` from ORD (1115 words,
# log2(1115) ≈ 10.1 bits each) and a number from 10 to 99 (log2(90) ≈ 6.5 bits):
# 6 × 10.1 + 6.5 ≈ 67 bits. Each part is drawn independently and uniformly, so
# this is the real entropy even for an attacker who knows the list.
ANTALL_ORD = 6
TALL = range(10, 100)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file is an OLE file

RAD = (
    "Send passordet til mottakerne på SMS, aldri i den samme e-posten som dokumentene. "
    "Skriv det ikke ned i saken, og ta ikke vare på SMS-en lenger enn nødvendig."
)


class BeskyttError(SkjemaverkError):
    """The password cannot be used (a usage error: exit 2), or protecting failed."""

    exit_code = 2


def entropi_bits() -> float:
    """Return the entropy of a passphrase from `lag_passfrase`, in bits."""
    return ANTALL_ORD * math.log2(len(set(ORD))) + math.log2(len(TALL))


def lag_passfrase() -> str:
    """Return a new random passphrase that is easy to read aloud and type on a phone.

    E.g. "kanel-fjord-trompet-vaffel-ugle-bjelke-47": six common Norwegian
    words without æøå and a two-digit number, about 67 bits of entropy.
    """
    ord_ = [secrets.choice(ORD) for _ in range(ANTALL_ORD)]
    return "-".join([*ord_, str(secrets.choice(TALL))])


def passord_fra_miljo() -> str | None:
    """Return the password in the environment variable SKJEMAVERK_PASSORD, if set."""
    verdi = os.environ.get(MILJO)
    return verdi if verdi else None


def sjekk_passord(passord: str) -> str:
    """Return `passord` if it is fit to protect the documents; raise BeskyttError if not."""
    if not isinstance(passord, str) or not passord.strip():
        raise BeskyttError("Passordet er tomt. Skriv et passord, eller la Skjemaverk lage et.")
    if passord != passord.strip():
        raise BeskyttError(
            "Passordet begynner eller slutter med mellomrom. Det er lett å miste når det "
            "skrives av fra en SMS; ta mellomrommene bort."
        )
    if len(passord) < MIN_LENGDE:
        raise BeskyttError(
            f"Passordet er for kort ({len(passord)} tegn). Bruk minst {MIN_LENGDE} tegn, "
            "gjerne flere ord etter hverandre, eller la Skjemaverk lage et passord."
        )
    return passord


def krypter_docx(data: bytes, passord: str) -> bytes:
    """Return the Word document `data` encrypted with `passord` (opens in Word with it)."""
    import msoffcrypto
    from msoffcrypto.exceptions import EncryptionError, FileFormatError

    sjekk_passord(passord)
    if er_kryptert_docx(data):
        raise BeskyttError("Word-dokumentet er allerede beskyttet med passord.")
    ut = io.BytesIO()
    try:
        msoffcrypto.OfficeFile(io.BytesIO(data)).encrypt(passord, ut)
    except (EncryptionError, FileFormatError, ValueError) as e:
        raise BeskyttError(f"Kunne ikke beskytte Word-dokumentet med passord: {e}.") from e
    return ut.getvalue()


def krypter_pdf(data: bytes, passord: str) -> bytes:
    """Return the PDF `data` encrypted with AES-256; it opens only with `passord`."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import DependencyError, PdfReadError

    sjekk_passord(passord)
    try:
        leser = PdfReader(io.BytesIO(data))
        if leser.is_encrypted:
            raise BeskyttError("PDF-en er allerede beskyttet med passord.")
        skriver = PdfWriter(clone_from=leser)
        # The owner password is the same: whoever has the password may also print.
        skriver.encrypt(user_password=passord, owner_password=None, algorithm="AES-256")
        ut = io.BytesIO()
        skriver.write(ut)
    except DependencyError as e:
        raise BeskyttError(
            "Kan ikke beskytte PDF med passord: Python-pakken «cryptography» mangler. "
            "Installer den med: pip install cryptography"
        ) from e
    except PdfReadError as e:
        raise BeskyttError(f"Kunne ikke lese PDF-en for å beskytte den: {e}.") from e
    return ut.getvalue()


def er_kryptert_docx(data: bytes) -> bool:
    """True when `data` is a password-protected Office document (an OLE file, not a zip)."""
    import msoffcrypto

    if not data.startswith(_OLE):
        return False
    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:
        return False


def er_kryptert_pdf(data: bytes) -> bool:
    """True when `data` is a PDF that needs a password to open."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return bool(PdfReader(io.BytesIO(data)).is_encrypted)
    except PdfReadError:
        return False


def er_beskyttet(data: bytes, filnavn: str) -> bool:
    """True when the document `data` (a .docx or .pdf, by `filnavn`) is password-protected."""
    navn = filnavn.lower()
    if navn.endswith(".pdf"):
        return er_kryptert_pdf(data)
    if navn.endswith((".docx", ".docm", ".xlsx", ".pptx")):
        return er_kryptert_docx(data)
    return False

"""An e-mail draft (.eml) with the documents attached, for Outlook to open and send.

The draft carries `X-Unsent: 1`, so Outlook (and Thunderbird) open it as a new
message to check, change and send, with the user's own address as sender (so
the draft has no From). The subject is neutral; the body comes from the
school's settings. Unprotected documents are refused unless the caller says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from toolkit.beskytt import er_beskyttet
from toolkit.errors import SkjemaverkError
from toolkit.skriv import grunn

MIME = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".pdf": ("application", "pdf"),
}

# Words a subject must not hold: they tell anyone who sees the inbox what the mail is about.
SENSITIVE_ORD = (
    "fravær",
    "fravaer",
    "skolevegring",
    "vegring",
    "skulk",
    "bekymring",
    "kartlegging",
    "barnevern",
    "bup",
    "ppt",
    "psykisk",
    "diagnose",
    "angst",
    "ptsd",
)

ADVARSEL_UKRYPTERT = (
    "Advarsel: dokumentene i e-postutkastet er ikke beskyttet med passord. De inneholder "
    "opplysninger om helse og familie til et barn, og e-post kan havne hos feil mottaker, "
    "videresendes eller lagres ukryptert. Bruk --passord, og send passordet på SMS."
)

_ADRESSE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


class EpostError(SkjemaverkError):
    """The e-mail draft cannot be made as asked (a usage error: exit 2)."""

    exit_code = 2


def _del_adresser(tekst: str) -> list[str]:
    """Split at commas and semicolons, but not inside "quotes" or <angle brackets>.

    Outlook writes names as "Berg, Hanne" <hanne.berg@skole.no>.
    """
    deler: list[str] = []
    gjeldende: list[str] = []
    sitat = vinkel = False
    for tegn in tekst:
        if tegn == '"' and not vinkel:
            sitat = not sitat
        elif tegn == "<" and not sitat:
            vinkel = True
        elif tegn == ">" and not sitat:
            vinkel = False
        elif tegn in ",;" and not sitat and not vinkel:
            deler.append("".join(gjeldende))
            gjeldende = []
            continue
        gjeldende.append(tegn)
    deler.append("".join(gjeldende))
    return deler


def sjekk_adresser(til: Iterable[str]) -> list[Address]:
    """Return the recipients as addresses; raise EpostError naming an invalid one.

    Each item may be one address (`ola@skole.no`), a name and address
    (`Ola Nordmann <ola@skole.no>`), or several separated by commas or semicolons.
    """
    adresser: list[Address] = []
    for tekst in til:
        for del_ in _del_adresser(str(tekst)):
            del_ = del_.strip()
            if not del_:
                continue
            tolket = getaddresses([del_])
            navn, adresse = tolket[0] if len(tolket) == 1 else ("", "")
            if not _ADRESSE.match(adresse or "") or adresse.count("..") or adresse.startswith("."):
                raise EpostError(
                    f"«{del_}» er ikke en gyldig e-postadresse. Skriv den slik: navn@eksempel.no"
                )
            lokal, _, domene = adresse.rpartition("@")
            adresser.append(Address(display_name=navn, username=lokal, domain=domene.lower()))
    if not adresser:
        raise EpostError("Oppgi minst én mottaker: --epost navn@eksempel.no")
    return adresser


def noytralt_emne(emne: str, forbudte: Iterable[str] = ()) -> str:
    """Return `emne` if it is neutral; raise EpostError if it names the pupil or the matter.

    `forbudte` are the names that must not appear (the pupil's name, first
    name alone included). Sensitive words such as «fravær» are refused too.
    """
    emne = " ".join(str(emne).split())
    if not emne:
        raise EpostError("Emnet for e-posten er tomt. Sett [epost] emne i innstillingene.")
    liten = emne.casefold()
    for navn in forbudte:
        navn = " ".join(str(navn).split())
        if len(navn) >= 2 and re.search(rf"(?<!\w){re.escape(navn.casefold())}", liten):
            raise EpostError(
                f"Emnet «{emne}» inneholder navnet «{navn}». Emnet vises for alle som ser "
                "innboksen; bruk et nøytralt emne i [epost] emne i innstillingene, "
                "for eksempel «Dokumenter fra skolen»."
            )
    for ord_ in SENSITIVE_ORD:
        if re.search(rf"(?<!\w){re.escape(ord_)}", liten):
            raise EpostError(
                f"Emnet «{emne}» sier hva saken gjelder («{ord_}»). Emnet vises for alle som "
                "ser innboksen; bruk et nøytralt emne i [epost] emne i innstillingene, "
                "for eksempel «Dokumenter fra skolen»."
            )
    return emne


def brodtekst(mal: str, skole: str) -> str:
    """Return the body from the school's template, with {skole} replaced by `skole`.

    Only {skole} is replaced (str.replace), so other braces in the text stay as written.
    """
    return mal.replace("{skole}", skole.strip() or "skolen")


def _les_vedlegg(vedlegg: Sequence[Path] | Mapping[str, bytes]) -> list[tuple[str, bytes]]:
    """Return (name, content) of each attachment: files on disk, or names with content."""
    if isinstance(vedlegg, Mapping):
        return list(vedlegg.items())
    lest = []
    for sti in map(Path, vedlegg):
        try:
            lest.append((sti.name, sti.read_bytes()))
        except OSError as e:
            raise EpostError(f"Kunne ikke lese vedlegget «{sti}»: {grunn(e)}.") from e
    return lest


def lag_utkast(
    til: Sequence[str],
    vedlegg: Sequence[Path] | Mapping[str, bytes],
    emne: str,
    tekst: str,
    *,
    ukryptert: bool = False,
    forbudte: Iterable[str] = (),
) -> bytes:
    """Return an .eml draft to `til` with `vedlegg` attached, for Outlook to open and send.

    Raises EpostError for an invalid address, a subject that is not neutral
    (see `noytralt_emne`; `forbudte` are names it must not hold), an
    attachment that is neither .docx nor .pdf, or one that is not protected by
    a password, unless `ukryptert` (then the caller shows ADVARSEL_UKRYPTERT).
    """
    adresser = sjekk_adresser(til)
    emne = noytralt_emne(emne, forbudte)
    if not vedlegg:
        raise EpostError("Det er ingen dokumenter å legge ved e-posten.")
    deler: list[tuple[str, bytes, tuple[str, str]]] = []
    for navn, data in _les_vedlegg(vedlegg):
        mime = MIME.get(Path(navn).suffix.lower())
        if mime is None:
            raise EpostError(f"«{navn}» kan ikke legges ved: bare .docx og .pdf.")
        if not ukryptert and not er_beskyttet(data, navn):
            raise EpostError(
                f"«{navn}» er ikke beskyttet med passord, og legges ikke ved e-posten. "
                "Bruk --passord. Vil du likevel sende dokumentene uten passord, bruk --ukryptert."
            )
        # Names from macOS may be decomposed (a + ring); mail programs expect NFC.
        deler.append((unicodedata.normalize("NFC", navn), data, mime))

    melding = EmailMessage(policy=policy.default)
    melding["To"] = adresser
    melding["Subject"] = emne
    melding["X-Unsent"] = "1"
    melding.set_content(tekst.replace("\r\n", "\n"), subtype="plain", charset="utf-8")
    for navn, data, (hoved, under) in deler:
        melding.add_attachment(data, maintype=hoved, subtype=under, filename=navn)
    # CRLF line ends, as in mail files from Outlook itself.
    # No folding of long headers: some versions of Outlook do not join a file name
    # split into RFC 2231 continuations (filename*0*, filename*1*).
    return melding.as_bytes(policy=policy.default.clone(linesep="\r\n", max_line_length=998))

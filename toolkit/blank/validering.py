"""Data validation: the hidden list sheet the dropdowns refer to, and each input cell's rule.

Every field and column gets its help text as the input message, within
Excel's limits for validation texts, and a Norwegian error message.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.blank.oppsett import ETIKETT_FONT, LISTER, _alle_felter, _arknavn
from toolkit.definisjon import Felt, Skjemadefinisjon

# Excel's limits for data validation texts (longer ones make Excel "repair" the file).
MAKS_TITTEL = 32
MAKS_HJELP = 255
MAKS_FEILMELDING = 225
# Date validation bounds, as Excel serial numbers: 01.01.1900 and 31.12.2100.
DATO_FRA = 1
DATO_TIL = 73415


class _Hjelp(TypedDict):
    """The input message every validation carries."""

    allow_blank: bool
    showInputMessage: bool
    promptTitle: str
    prompt: str


class _Stopp(TypedDict):
    """A validation that refuses a wrong value with an error message."""

    showErrorMessage: bool
    errorStyle: Literal["stop"]


class _Grenser(TypedDict):
    """The bounds of a whole number."""

    operator: Literal["between", "greaterThanOrEqual", "lessThanOrEqual"]
    formula1: str
    formula2: NotRequired[str]


def _skriv_lister(ws: Worksheet, definisjon: Skjemadefinisjon) -> dict[str, str]:
    """Write each choice list in a column; return list name -> absolute range."""
    lister: dict[str, tuple[str, ...]] = dict(definisjon.valglister)
    for f in _alle_felter(definisjon):
        if f.valg:
            lister.setdefault(_listenavn(f, forslag=False), f.valg)
        if f.forslag:
            lister.setdefault(_listenavn(f, forslag=True), f.forslag)
    referanser = {}
    for kol, (navn, verdier) in enumerate(lister.items(), start=1):
        bokstav = get_column_letter(kol)
        ws.cell(1, kol, navn).font = ETIKETT_FONT
        for rad, verdi in enumerate(verdier, start=2):
            ws.cell(rad, kol, verdi)
        ws.column_dimensions[bokstav].width = max(12, *(len(v) + 2 for v in verdier))
        slutt = len(verdier) + 1
        referanser[navn] = f"{_arknavn(LISTER)}!${bokstav}$2:${bokstav}${slutt}"
    return referanser


def _listenavn(f: Felt, *, forslag: bool) -> str:
    if forslag:
        return f.forslag_navn or f"{f.key}_forslag"
    return f.valg_navn or f.key


def _validering(f: Felt, lister: dict[str, str]) -> DataValidation:
    """Return the validation for one field or column, with its help as input message."""
    hjelp = f.hjelp
    if f.pakrevd:
        hjelp = f"{_kort(hjelp, MAKS_HJELP - 15)} Må fylles ut.".strip()
    felles: _Hjelp = {
        "allow_blank": True,
        "showInputMessage": True,
        "promptTitle": _kort(f.etikett, MAKS_TITTEL),
        "prompt": _kort(hjelp, MAKS_HJELP),
    }
    feil: _Stopp = {"showErrorMessage": True, "errorStyle": "stop"}

    if f.valg:
        verdier = ", ".join(f.valg)
        melding = f"Velg en av verdiene i listen: {verdier}."
        if len(melding) > MAKS_FEILMELDING:
            melding = "Velg en av verdiene i listen (trykk på pilen ved cellen)."
        return DataValidation(
            type="list",
            formula1=lister[_listenavn(f, forslag=False)],
            errorTitle="Ugyldig valg",
            error=melding,
            **feil,
            **felles,
        )
    if f.forslag or f.forslag_fra:
        # A dropdown of suggestions that still accepts any other text.
        kilde = lister[f.forslag_fra] if f.forslag_fra else lister[_listenavn(f, forslag=True)]
        return DataValidation(
            type="list",
            formula1=kilde,
            showErrorMessage=False,
            errorStyle="information",
            **felles,
        )
    if f.type == "dato":
        return DataValidation(
            type="date",
            operator="between",
            formula1=str(DATO_FRA),
            formula2=str(DATO_TIL),
            errorTitle="Ugyldig dato",
            error="Skriv datoen som dd.mm.åååå, for eksempel 14.01.2026.",
            **feil,
            **felles,
        )
    if f.type == "heltall":
        return _heltall(f, feil, felles)
    if f.tekstlig and f.maks_lengde:
        return DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(f.maks_lengde),
            errorTitle="For lang tekst",
            error=f"Teksten kan ha høyst {f.maks_lengde} tegn.",
            **feil,
            **felles,
        )
    # Any value: the validation only carries the help text.
    return DataValidation(**felles)


def _heltall(f: Felt, feil: _Stopp, felles: _Hjelp) -> DataValidation:
    grenser: _Grenser
    if f.min is not None and f.maks is not None:
        grenser = {"operator": "between", "formula1": str(f.min), "formula2": str(f.maks)}
        melding = f"Skriv et helt tall fra {f.min} til {f.maks}."
    elif f.min is not None:
        grenser = {"operator": "greaterThanOrEqual", "formula1": str(f.min)}
        melding = f"Skriv et helt tall, minst {f.min}."
    elif f.maks is not None:
        grenser = {"operator": "lessThanOrEqual", "formula1": str(f.maks)}
        melding = f"Skriv et helt tall, høyst {f.maks}."
    else:
        grenser = {"operator": "between", "formula1": "-2147483648", "formula2": "2147483647"}
        melding = "Skriv et helt tall."
    return DataValidation(
        type="whole", errorTitle="Ugyldig tall", error=melding, **grenser, **feil, **felles
    )


def _kort(tekst: str, maks: int) -> str:
    """Shorten `tekst` to at most `maks` characters, at a word boundary, with an ellipsis."""
    tekst = " ".join(tekst.split())
    if len(tekst) <= maks:
        return tekst
    kutt = tekst[: maks - 1]
    if " " in kutt:
        kutt = kutt[: kutt.rfind(" ")]
    return kutt.rstrip(" ,.;:–-") + "…"

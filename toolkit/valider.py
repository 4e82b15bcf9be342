"""Convert raw cells to typed values and check each one; every problem is a finding.

Rules across fields are `toolkit.regler`'s job; this module looks at one cell
at a time. Text is cleaned the way Excel stores what people paste: the
`_xHHHH_` escapes of the file format are decoded (an emoji's two halves become
the emoji; half an emoji, left by LEFT() or MID(), is dropped), a vertical tab
(Word's manual line break, Shift+Enter) becomes a line break, and control
characters, non-characters (U+FFFE) and zero-width spaces are removed.

A cell showing an error value (`#REF!`, `#DIV/0!` …) is an error wherever it
is, text cells too, so it never reaches a document. A cell with a formula and
no saved value is an error (it only looks empty); a formula with a value is a
warning, since the value is not what someone typed and may change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from toolkit.definisjon import Felt, Skjemadefinisjon
from toolkit.les import Celle, RaattSkjema
from toolkit.modell import Alvor, Funn, Skjemadata, Verdi
from toolkit.regler import vis
from toolkit.tekst import dato

_DATO = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")
_JA = {"ja", "j", "yes", "y", "true", "sant", "x"}
_NEI = {"nei", "n", "no", "false", "usant"}
_FORSTE_DATO = date(1990, 1, 1)
_SISTE_DATO = date(2100, 12, 31)
_EXCEL_NULL = date(1899, 12, 30)
# C0 controls but tab and line feed, DEL and the C1 controls, the non-characters
# (U+FFFE, U+FDD0 …) and zero-width spaces (U+200B, U+2060, U+FEFF): never meant as text.
_KONTROLL = re.compile(
    "[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_SURROGATPAR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SURROGAT = re.compile("[\ud800-\udfff]")
# Characters that show nothing; matching a choice ignores them.
_USYNLIG = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# The error values a cell can show (Excel, and LibreOffice's own «Err:502»).
FEILVERDIER = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#EXTERNAL!",
        "#PYTHON!",
    }
)
_LO_FEIL = re.compile(r"Err:\d{3}")
# Functions that give a new value without anything in the form changing.
_FLYKTIGE = re.compile(
    r"\b(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY|OFFSET|INDIRECT|CELL|INFO)\s*\(", re.I
)


class _Ugyldig(Exception):
    """A value that cannot be converted; the message says what to do.

    `vist` is what the finding shows as found, when that is not the cell's value as it is
    (the number typed, not the far-off date Excel made of it)."""

    def __init__(self, melding: str, vist: str | None = None) -> None:
        super().__init__(melding)
        self.vist = vist


def valider(raatt: RaattSkjema, definisjon: Skjemadefinisjon) -> Skjemadata:
    """Convert and check everything in `raatt` against `definisjon`."""
    data = Skjemadata(
        funn=list(raatt.funn),
        skjema_id=raatt.skjema_id,
        skjema_versjon=raatt.skjema_versjon,
    )
    for felt in definisjon.felter:
        celle = raatt.felter.get(felt.key)
        data.verdier[felt.key] = _felt(felt, celle, data.funn) if celle else None
        if celle:
            data.celler[felt.key] = (celle.ark, celle.celle)
    for tabell in definisjon.tabeller:
        rader: list[dict[str, Verdi]] = []
        for rad in raatt.tabeller.get(tabell.key, []):
            verdier: dict[str, Verdi] = {}
            for kolonne in tabell.kolonner:
                celle = rad.celler.get(kolonne.key)
                verdier[kolonne.key] = _felt(kolonne, celle, data.funn) if celle else None
                if celle:
                    data.celler[(tabell.key, len(rader), kolonne.key)] = (celle.ark, celle.celle)
            rader.append(verdier)
        data.tabeller[tabell.key] = rader
    return data


def rens(tekst: str) -> str:
    """Return cell text as it was typed: escapes decoded, Word's line breaks kept.

    The text never holds a surrogate: an emoji written as its two escaped halves
    (`_xD83D__xDE00_`) becomes the emoji, and a half alone is dropped.
    """
    if "_x" in tekst:
        tekst = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), tekst)
    if _SURROGAT.search(tekst):
        tekst = _SURROGATPAR.sub(
            lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), tekst
        )
        tekst = _SURROGAT.sub("", tekst)
    tekst = tekst.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _KONTROLL.sub("", tekst)


def er_feilverdi(verdi: object) -> bool:
    """Whether `verdi` is an error value a cell shows (`#REF!`, `#N/A`, `Err:502`)."""
    if not isinstance(verdi, str):
        return False
    tekst = verdi.strip().upper()
    return tekst in FEILVERDIER or bool(_LO_FEIL.fullmatch(verdi.strip()))


def synlig(tekst: str) -> str:
    """Return `tekst` with the characters that show nothing written out: «Hel[usynlig tegn]dag»."""
    return _USYNLIG.sub("[usynlig tegn]", _KONTROLL.sub("[usynlig tegn]", tekst))


def _vis(verdi: object) -> str:
    if isinstance(verdi, datetime) and verdi.time() != time():
        return vis(str(verdi))
    if isinstance(verdi, time):
        # 0 typed in a date cell is midnight: show what was typed.
        return "0" if verdi == time() else vis(verdi.strftime("%H:%M"))
    if isinstance(verdi, float):
        return vis(f"{verdi:g}".replace(".", ","))
    if isinstance(verdi, str):
        return vis(synlig(_SURROGAT.sub("", verdi)))
    return vis(verdi)


def _felt(felt: Felt, celle: Celle, funn: list[Funn]) -> Verdi:
    """Convert one cell; on a problem, add a finding and return None."""
    verdi = celle.verdi
    if isinstance(verdi, str):
        verdi = rens(verdi).strip()
        if not verdi:
            verdi = None
    if er_feilverdi(verdi):
        funn.append(_funn("feil", felt, celle, _feilverdi_melding(felt, celle, str(verdi))))
        return None
    if verdi is None:
        if celle.formel:
            funn.append(_funn("feil", felt, celle, _uten_verdi_melding(celle.formel)))
        elif felt.pakrevd:
            funn.append(_funn("feil", felt, celle, _tom_melding(felt)))
        return None
    try:
        resultat = _KONVERTER[felt.type](felt, verdi)
    except _Ugyldig as e:
        funn.append(_funn("feil", felt, celle, str(e), e.vist))
        return None
    if celle.formel:
        funn.append(_funn("advarsel", felt, celle, _formel_melding(celle.formel)))
    return resultat


def _funn(alvor: Alvor, felt: Felt, celle: Celle, melding: str, vist: str | None = None) -> Funn:
    verdi = _vis(celle.verdi) if vist is None else vist
    return Funn(alvor, celle.ark, celle.celle, felt.etikett, verdi, melding)


def _formeltekst(formel: str) -> str:
    return f" ({vis(formel)})" if formel.strip("= ") else ""


def _feilverdi_melding(felt: Felt, celle: Celle, verdi: str) -> str:
    if celle.formel:
        hva = f"Cellen viser en feil fra en formel ({verdi.strip()}): formelen"
        hva += f"{_formeltekst(celle.formel)} virker ikke."
    else:
        hva = (
            f"Cellen viser en feil fra en formel ({verdi.strip()}), kanskje limt inn fra et "
            "annet regneark."
        )
    if felt.type in ("dato", "heltall", "valg", "janei"):
        return f"{hva} Slett formelen og skriv inn {_hva_skrives(felt)}."
    return f"{hva} Slett den og skriv inn teksten selv, så feilen ikke kommer med i dokumentene."


def _hva_skrives(felt: Felt) -> str:
    return {
        "dato": "datoen som dd.mm.åååå",
        "heltall": "tallet",
        "valg": "et valg fra listen i cellen",
        "janei": "Ja eller Nei",
    }.get(felt.type, "verdien")


def _uten_verdi_melding(formel: str) -> str:
    return (
        f"Cellen har en formel{_formeltekst(formel)} uten lagret verdi, så den ser tom ut for "
        "Skjemaverk. Åpne og lagre skjemaet i Excel, eller skriv verdien inn i stedet for "
        "formelen."
    )


def _formel_melding(formel: str) -> str:
    if _FLYKTIGE.search(formel):
        return (
            f"Cellen inneholder en formel{_formeltekst(formel)}, som gir en ny verdi hver gang "
            "skjemaet regnes ut. Verdien den ga da skjemaet ble lagret, er brukt. Skriv inn "
            "verdien i stedet for formelen."
        )
    return (
        f"Cellen inneholder en formel{_formeltekst(formel)}, ikke noe som er skrevet inn. "
        "Verdien den ga da skjemaet ble lagret, er brukt. Kontroller den, eller skriv inn "
        "verdien i stedet for formelen."
    )


def _tom_melding(felt: Felt) -> str:
    if felt.type in ("valg", "janei"):
        return "Feltet må fylles ut. Velg et svar fra listen i cellen."
    if felt.type == "dato":
        return "Feltet må fylles ut. Skriv datoen som dd.mm.åååå."
    return "Feltet må fylles ut."


def _tekst(felt: Felt, verdi: object) -> str:
    if isinstance(verdi, datetime):
        tekst = dato(_dato(felt, verdi))
    elif isinstance(verdi, bool):
        tekst = "Ja" if verdi else "Nei"
    elif isinstance(verdi, float) and verdi.is_integer():
        tekst = str(int(verdi))
    else:
        tekst = str(verdi).strip()
    if felt.maks_lengde and len(tekst) > felt.maks_lengde:
        raise _Ugyldig(
            f"Teksten er {len(tekst)} tegn lang; her er {felt.maks_lengde} tegn det meste. "
            "Kort den ned."
        )
    return tekst


def _dato(felt: Felt, verdi: object) -> date:
    resultat: date | None = None
    if isinstance(verdi, datetime):
        resultat = verdi.date()
        if not _FORSTE_DATO <= resultat <= _SISTE_DATO:
            # A date cell shows a number typed without dots (121126) as a date far off.
            serie = (verdi - datetime(1899, 12, 30)).total_seconds() / 86400
            if serie.is_integer():
                _uten_punktum(int(serie))
    elif isinstance(verdi, date):
        resultat = verdi
    elif isinstance(verdi, int | float) and not isinstance(verdi, bool):
        # A date in a cell formatted as a number: Excel's day count.
        if 32874 <= verdi <= 73415:
            resultat = _EXCEL_NULL + timedelta(days=int(verdi))
        elif float(verdi).is_integer():
            _uten_punktum(int(verdi))
    elif isinstance(verdi, str):
        tekst = verdi.strip()
        if m := _DATO.match(tekst):
            dag, maaned, aar = (int(x) for x in m.groups())
        elif m := _ISO.match(tekst):
            aar, maaned, dag = (int(x) for x in m.groups())
        else:
            dag = maaned = aar = 0
            if tekst.isascii() and tekst.isdigit():
                _uten_punktum(int(tekst))
        if aar:
            try:
                resultat = date(aar, maaned, dag)
            except ValueError as e:
                raise _Ugyldig(
                    f"«{tekst}» er ikke en dato som finnes. Skriv datoen som dd.mm.åååå, "
                    "for eksempel 12.03.2026."
                ) from e
    if resultat is None:
        raise _Ugyldig(
            "Dette er ikke en dato. Skriv datoen som dd.mm.åååå, for eksempel 12.03.2026."
        )
    if not _FORSTE_DATO <= resultat <= _SISTE_DATO:
        raise _Ugyldig(f"Datoen {dato(resultat)} kan ikke stemme. Kontroller året.")
    return resultat


def _uten_punktum(tall: int) -> None:
    """Raise _Ugyldig when `tall` reads as a date typed without dots: 12112026 or 121126."""
    siffer = str(tall)
    if len(siffer) in (7, 8):
        siffer = siffer.zfill(8)
        aar = int(siffer[4:])
    elif len(siffer) in (5, 6):
        siffer = siffer.zfill(6)
        aar = 2000 + int(siffer[4:])
    else:
        return
    try:
        ment = date(aar, int(siffer[2:4]), int(siffer[:2]))
    except ValueError:
        return
    if _FORSTE_DATO <= ment <= _SISTE_DATO:
        raise _Ugyldig(
            f"Datoen er skrevet uten punktum, så Excel har lagret tallet {tall}. Skriv datoen "
            f"som dd.mm.åååå: {dato(ment)}.",
            vist=str(tall),
        )


def _heltall(felt: Felt, verdi: object) -> int:
    tall: int | None = None
    if isinstance(verdi, bool):
        tall = None
    elif isinstance(verdi, int):
        tall = verdi
    elif isinstance(verdi, float) and verdi.is_integer():
        tall = int(verdi)
    elif isinstance(verdi, str) and re.fullmatch(r"[+-]?\d{1,9}", verdi.strip()):
        tall = int(verdi.strip())
    if tall is None:
        raise _Ugyldig("Her skal det stå et helt tall, for eksempel 2.")
    if felt.min is not None and tall < felt.min:
        raise _Ugyldig(f"Tallet kan ikke være mindre enn {felt.min}.")
    if felt.maks is not None and tall > felt.maks:
        raise _Ugyldig(f"Tallet kan ikke være større enn {felt.maks}.")
    return tall


def _enkel(tekst: str) -> str:
    return " ".join(_USYNLIG.sub("", tekst).split()).casefold()


def _valg(felt: Felt, verdi: object) -> str:
    tekst = _tekst(felt, verdi)
    for valg in felt.valg:
        if _enkel(valg) == _enkel(tekst):
            return valg
    liste = ", ".join(felt.valg)
    raise _Ugyldig(f"Dette er ikke et av valgene. Velg fra listen i cellen: {liste}.")


def _janei(felt: Felt, verdi: object) -> bool:
    if isinstance(verdi, bool):
        return verdi
    tekst = _enkel(str(verdi))
    if tekst in _JA:
        return True
    if tekst in _NEI:
        return False
    raise _Ugyldig("Svar Ja eller Nei (velg fra listen i cellen).")


_KONVERTER: dict[str, Callable[[Felt, object], Verdi]] = {
    "tekst": _tekst,
    "langtekst": _tekst,
    "dato": _dato,
    "heltall": _heltall,
    "valg": _valg,
    "janei": _janei,
}

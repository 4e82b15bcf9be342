"""Example data: a form with a value in every field and column, and its context.

`sjekk_mal` checks attributes against the example context and fills the
template once with it; the field list (`toolkit.feltdokument`) falls back on
the example form when Amin's example is not there.
"""

from __future__ import annotations

import struct
import zlib
from datetime import date

from toolkit.bilde import Bilde
from toolkit.definisjon import Felt, Skjemadefinisjon
from toolkit.modell import Skjemadata, Verdi


def eksempeldata(definisjon: Skjemadefinisjon) -> Skjemadata:
    """Return a form filled with an example value in every field and table column.

    Each choice of a table column shows up in a row, so every derived list
    (measures per party, absence rows …) has an element to look at.
    """

    def verdi(felt: Felt, i: int = 0) -> Verdi:
        if felt.type == "janei":
            return True
        if felt.type == "dato":
            return date(2026, 3, 12 + i % 10)
        if felt.type == "heltall":
            return felt.min if felt.min is not None and felt.min > 0 else 1
        if felt.type == "valg" and felt.valg:
            return felt.valg[i % len(felt.valg)]
        return f"Eksempel på {felt.etikett.lower()}"

    verdier = {f.key: verdi(f) for f in definisjon.felter}
    if definisjon.navn_felt:
        verdier[definisjon.navn_felt] = "Amin Hassan"
    tabeller: dict[str, list[dict[str, Verdi]]] = {}
    for tabell in definisjon.tabeller:
        antall = max([len(k.valg) for k in tabell.kolonner if k.type == "valg"] or [1])
        tabeller[tabell.key] = [
            {k.key: verdi(k, i) for k in tabell.kolonner} for i in range(antall)
        ]
    return Skjemadata(verdier=verdier, tabeller=tabeller, definisjon=definisjon)


_EKSEMPEL_CACHE: dict[int, tuple[Skjemadefinisjon, dict[str, object]]] = {}


def _eksempelkontekst(definisjon: Skjemadefinisjon) -> dict[str, object]:
    """Return the context of `eksempeldata`, built once per definition (charts take time)."""
    from toolkit.kontekst import bygg_kontekst

    lagret = _EKSEMPEL_CACHE.get(id(definisjon))
    if lagret is not None and lagret[0] is definisjon:
        return lagret[1]
    try:
        # Every part in the generic section, as a template that places nothing by hand sees it.
        kontekst = bygg_kontekst(definisjon, eksempeldata(definisjon)).alt()
    except Exception:  # a context that cannot be built only weakens the attribute check
        kontekst = {}
    if "logo" in kontekst and not kontekst["logo"]:
        # A school's logo comes from its settings; try the template with one.
        kontekst["logo"] = Bilde(_eksempellogo(), "Logoen til skolen", "Logo", hoyde_mm=11.0)
    _EKSEMPEL_CACHE[id(definisjon)] = (definisjon, kontekst)
    return kontekst


def _eksempellogo() -> bytes:
    """Return a small grey PNG, made with zlib."""

    def bit(art: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(art + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + art + data + struct.pack(">I", crc)

    bredde, hoyde = 16, 8
    rader = b"".join(b"\x00" + b"\x80" * bredde for _ in range(hoyde))
    return (
        b"\x89PNG\r\n\x1a\n"
        + bit(b"IHDR", struct.pack(">IIBBBBB", bredde, hoyde, 8, 0, 0, 0, 0))
        + bit(b"IDAT", zlib.compress(rader))
        + bit(b"IEND", b"")
    )

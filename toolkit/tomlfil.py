"""TOML files people write by hand: parse them with a Norwegian message that names the line.

The settings (`skjemaverk.toml`) and the form definitions are both TOML. A
typing mistake in either is one message in Norwegian with the line it is on and
what is most likely wrong there; tomllib's own English never reaches the user.
`finn_linje` finds the line of a setting once the file has been parsed, so the
checks after parsing can name it too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any

# Lists and tables inside each other deeper than this cannot be meant.
MAKS_DYBDE = 20

# What tomllib's reason most likely means, by the start of its message.
_GRUNNER = (
    (
        ("Cannot overwrite a value", "Cannot declare", "Cannot mutate"),
        "et navn står to ganger i samme tabell, eller en tabell er skrevet med [enkle] "
        "hakeparenteser der det skal være [[doble]]",
    ),
    (
        ("Illegal character", "Unterminated string"),
        "en tekst mangler anførselstegnet på slutten (tekst over flere linjer skrives "
        'mellom tre anførselstegn: """)',
    ),
    (
        ("Invalid value", "Invalid date", "Invalid number", "Invalid hex"),
        "en verdi er verken en tekst i anførselstegn, et tall, true eller false, en liste "
        "eller en dato",
    ),
    (
        ("Expected '=' after a key", "Invalid initial character for a key", "Invalid key"),
        "en linje mangler = mellom navnet og verdien, eller navnet har tegn som ikke kan stå der",
    ),
    (
        ("Unclosed array", "Unclosed inline table", "Expected ']'", "Expected ']]'"),
        "en liste eller tabell mangler ] eller } på slutten",
    ),
    (
        ("Expected newline or end of document",),
        "det står noe mer etter verdien på samme linje",
    ),
)


def hvor(linje: int | None) -> str:
    """Return ", linje N" for a message, or "" when the line is not known."""
    return f", linje {linje}" if linje else ""


def les_toml(
    tekst: str,
    vist: str,
    hva: str,
    rad: str,
    dyp_rad: str,
    feil: Callable[[str], Exception],
) -> dict[str, Any]:
    """Parse `tekst` as TOML; a mistake raises `feil(message)`, the message naming the line.

    `vist` starts the message (the file as the user knows it), `hva` is what the
    file is ("innstillingene"), `rad` the advice for a typing mistake and
    `dyp_rad` for lists nested far too deep.
    """
    linjer = tekst.split("\n")  # as tomllib counts lines
    try:
        return tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as e:
        treff = re.search(r"line (\d+)", str(e))
        nr = int(treff.group(1)) if treff else 0
        tekstlinje = linjer[nr - 1] if 0 < nr <= len(linjer) else ""
        navnedel = tekstlinje.split("=", 1)[0]
        aeoa = (
            " Navnene på seksjoner og innstillinger skrives uten æ, ø og å (skolear, ikke skoleår)."
            if re.search("[æøåÆØÅ]", navnedel)
            else ""
        )
        if re.search(r'"[^"]*\\[^"]*"', tekstlinje):
            # "S:\Elevmapper": in double quotes a backslash starts an escape.
            raise feil(
                f"{vist}{hvor(nr)}: en sti med \\ må stå i enkle anførselstegn, for "
                "eksempel mappe = 'S:\\Elevmapper' (eller skriv / i stedet for \\)."
            ) from e
        grunn = next(
            (g for starter, g in _GRUNNER if str(e).startswith(starter)),
            None,
        )
        raise feil(
            f"{vist}{hvor(nr)}: skrivefeil i {hva}{f': {grunn}' if grunn else ''}. {rad}{aeoa}"
        ) from e
    except RecursionError as e:
        raise feil(
            f"{vist}{hvor(_dyp_linje(linjer))}: lister eller tabeller er lagt inni "
            f"hverandre i altfor mange nivåer. {dyp_rad}"
        ) from e
    except ValueError as e:  # int() refuses a number of thousands of digits
        nr = next((i for i, t in enumerate(linjer, 1) if re.search(r"[0-9_]{1000}", t)), 0)
        hva = f"et tall i {hva} er altfor langt" if nr else f"skrivefeil i {hva}"
        raise feil(f"{vist}{hvor(nr)}: {hva}.") from e


def _dyp_linje(linjer: list[str]) -> int:
    """Return the line where brackets first nest deeper than MAKS_DYBDE, or 0."""
    dybde = 0
    for nr, linje in enumerate(linjer, 1):
        for tegn in linje:
            dybde += (tegn in "[{") - (tegn in "]}")
            if dybde > MAKS_DYBDE:
                return nr
    return 0


def _kodelinjer(linjer: list[str]) -> list[str]:
    """Return `linjer` with the comments and the inside of multi-line strings blanked out."""
    ut = []
    i_tekst: str | None = None  # the quotes of a multi-line string we are inside
    for linje in linjer:
        if i_tekst is not None:
            slutt = linje.find(i_tekst)
            if slutt < 0:
                ut.append("")
                continue
            linje = " " * (slutt + 3) + linje[slutt + 3 :]
            i_tekst = None
        for tre in ('"""', "'''"):
            start = linje.find(tre)
            if start >= 0 and linje.find(tre, start + 3) < 0 and "#" not in linje[:start]:
                i_tekst = tre
                linje = linje[:start]
        ut.append(linje.split("#", 1)[0])
    return ut


def finn_linje(linjer: list[str], seksjon: str, key: str, nummer: int = 0) -> int | None:
    """Return the line of `key` in `seksjon` (its `nummer`th one, for [[arrays]]).

    `key` "" asks for the line of the section's header. When the key is not on
    a line of its own (it is missing, or written as a table header, a dotted
    key or in an inline table), its own header line, the section's header
    line, or else the first line where the key is set, stands in for it.
    """
    i_seksjon = not seksjon
    sett = -1
    hode = None
    egen = f"{seksjon}.{key}" if seksjon else key
    nokkel = re.compile(rf"[\"']?{re.escape(key)}[\"']?\s*=")
    kode = _kodelinjer(linjer)
    for nr, linje in enumerate(kode, start=1):
        ren = linje.strip()
        if ren.startswith("["):
            navn = re.sub(r"[\s\"']", "", ren.strip("[] "))
            if key and navn == egen and i_seksjon:
                return nr
            sett += navn == seksjon
            i_seksjon = navn == seksjon and sett == nummer
            if i_seksjon:
                hode = nr
            continue
        if key and i_seksjon and nokkel.match(ren):
            return nr
    if hode is not None or not key:
        return hode
    overalt = re.compile(rf"(^|[\s.{{,\"']){re.escape(key)}[\"']?\s*=")
    som_hode = re.compile(rf"\s*\[\[?\s*[\"']?{re.escape(egen)}[\"']?\s*[\].]")
    return next(
        (nr for nr, t in enumerate(kode, 1) if overalt.search(t) or som_hode.match(t)), None
    )


def antall_hoder(linjer: list[str], seksjon: str) -> int:
    """Return how many times the header [seksjon] or [[seksjon]] is written."""
    antall = 0
    for linje in _kodelinjer(linjer):
        ren = linje.strip()
        if ren.startswith("[") and re.sub(r"[\s\"']", "", ren.strip("[] ")) == seksjon:
            antall += 1
    return antall

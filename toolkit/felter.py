"""The field reference: every field and table column, for template authors and programs."""

from __future__ import annotations

from typing import Any

from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

from toolkit.blank import bygg_arbeidsbok
from toolkit.definisjon import Felt, Skjemadefinisjon
from toolkit.kontekst import kjente_keys
from toolkit.kontrakt import finn_tabell, navngitt_celle
from toolkit.modell import excel_sted

TYPENAVN = {
    "tekst": "tekst",
    "langtekst": "tekst over flere linjer",
    "dato": "dato (dd.mm.åååå)",
    "heltall": "helt tall",
    "valg": "valg fra liste",
    "janei": "Ja/Nei",
}


def _plasseringer(
    definisjon: Skjemadefinisjon, bok: Workbook
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Return where each field cell and each table is in the blank form."""
    celler: dict[str, tuple[str, str]] = {}
    for f in definisjon.felter:
        plass = navngitt_celle(bok, f.key)
        if plass is not None:
            celler[f.key] = (plass.ark, plass.celle)
    tabeller: dict[str, tuple[str, str]] = {}
    for t in definisjon.tabeller:
        funnet = finn_tabell(bok, t.key)
        if funnet is not None:
            tabeller[t.key] = (funnet[0].title, funnet[1])
    return celler, tabeller


def _felt(felt: Felt) -> dict[str, Any]:
    ut: dict[str, Any] = {
        "key": felt.key,
        "etikett": felt.etikett,
        "type": felt.type,
        "pakrevd": felt.pakrevd,
        "valg": list(felt.valg),
        "hjelp": felt.hjelp,
    }
    if felt.forslag:
        ut["forslag"] = list(felt.forslag)
    if felt.maks_lengde:
        ut["maks_lengde"] = felt.maks_lengde
    if felt.min is not None:
        ut["min"] = felt.min
    if felt.maks is not None:
        ut["maks"] = felt.maks
    return ut


def feltreferanse(definisjon: Skjemadefinisjon) -> dict[str, Any]:
    """Return the field reference of `definisjon` as plain data (JSON-ready).

    The places are those of the blank form made from the definition.
    """
    celler, tabellsteder = _plasseringer(definisjon, bygg_arbeidsbok(definisjon))
    felter = []
    tabeller = []
    for del_ in definisjon.deler:
        for felt in del_.felter:
            ark, celle = celler.get(felt.key, (del_.ark, ""))
            felter.append({**_felt(felt), "del": del_.tittel, "ark": ark, "celle": celle})
        for tabell in del_.tabeller:
            ark, ref = tabellsteder.get(tabell.key, (del_.ark, ""))
            overskriftsrad = range_boundaries(ref)[1] if ref else None
            tabeller.append(
                {
                    "key": tabell.key,
                    "etikett": tabell.etikett,
                    "del": del_.tittel,
                    "ark": ark,
                    "omrade": ref,
                    "overskriftsrad": overskriftsrad,
                    "kolonner": [_felt(k) for k in tabell.kolonner],
                }
            )
    keys = {f["key"] for f in felter} | {t["key"] for t in tabeller}
    return {
        "skjema_id": definisjon.id,
        "skjema_versjon": definisjon.versjon,
        "tittel": definisjon.tittel,
        "felter": felter,
        "tabeller": tabeller,
        "avledede": sorted(kjente_keys(definisjon) - keys),
    }


def som_tekst(referanse: dict[str, Any]) -> str:
    """Return the field reference as text for a person to read."""
    linjer = [
        f"{referanse['tittel']} (skjema {referanse['skjema_id']}, versjon "
        f"{referanse['skjema_versjon']})",
        "",
        "Felter (nøkkelen er navnet i Word-malene, for eksempel {{ elev_navn }}):",
    ]
    del_ = None
    for f in referanse["felter"]:
        if f["del"] != del_:
            del_ = f["del"]
            linjer += ["", f"  {del_}"]
        pakrevd = ", påkrevd" if f["pakrevd"] else ""
        sted = excel_sted(f["ark"], f["celle"])
        linjer.append(f"    {f['key']:<40} {sted}  {TYPENAVN[f['type']]}{pakrevd}")
        linjer.append(f"      {f['etikett']}")
        if f["valg"] and f["type"] != "janei":
            linjer.append(f"      Valg: {', '.join(f['valg'])}")
    linjer += ["", "Tabeller (én rad per linje i tabellen; i malene: {% for r in TABELL %}):"]
    for t in referanse["tabeller"]:
        linjer += ["", f"  {t['key']}: {t['etikett']} ({excel_sted(t['ark'], t['omrade'])})"]
        for k in t["kolonner"]:
            pakrevd = ", påkrevd" if k["pakrevd"] else ""
            linjer.append(f"    {k['key']:<16} {k['etikett']:<16} {TYPENAVN[k['type']]}{pakrevd}")
            if k["valg"] and k["type"] != "janei":
                linjer.append(f"      Valg: {', '.join(k['valg'])}")
    if referanse.get("avledede"):
        linjer += ["", "Avledede verdier (regnes ut av skjemaet; se skjemaverk felter --docx):"]
        linjer += [f"    {key}" for key in referanse["avledede"]]
    return "\n".join(linjer)

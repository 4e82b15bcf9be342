"""The guidance sheet: how to fill in the form, the definition's own sections, what to run after."""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.blank.oppsett import (
    ETIKETT_FONT,
    HJELP_FONT,
    KODE_FONT,
    LISTER,
    OPPE,
    TEKST_FONT,
    TITTEL_FONT,
    UNDERTITTEL_FONT,
    _alle_felter,
    _hoyde,
)
from toolkit.definisjon import Skjemadefinisjon


def _skriv_veiledning(ws: Worksheet, d: Skjemadefinisjon) -> None:
    bredder = (30, 68)
    total = sum(bredder)
    ws.column_dimensions["A"].width = bredder[0]
    ws.column_dimensions["B"].width = bredder[1]
    ws.sheet_view.showGridLines = False
    rad = 1

    def tittel(tekst: str) -> None:
        nonlocal rad
        ws.cell(rad, 1, tekst).font = TITTEL_FONT
        ws.row_dimensions[rad].height = 26
        rad += 1

    def overskrift(tekst: str) -> None:
        nonlocal rad
        ws.row_dimensions[rad].height = 10
        rad += 1
        ws.cell(rad, 1, tekst).font = UNDERTITTEL_FONT
        ws.row_dimensions[rad].height = 20
        rad += 1

    def avsnitt(tekst: str, font: Font | None = None) -> None:
        nonlocal rad
        c = ws.cell(rad, 1, tekst)
        c.alignment = OPPE
        c.font = font or TEKST_FONT
        ws.merge_cells(start_row=rad, start_column=1, end_row=rad, end_column=2)
        ws.row_dimensions[rad].height = _hoyde((tekst, total, font.size if font else 11))
        rad += 1

    def par(venstre: str, hoyre: str, hoyre_font: Font = TEKST_FONT) -> None:
        nonlocal rad
        if venstre:
            a = ws.cell(rad, 1, venstre)
            a.font = ETIKETT_FONT
            a.alignment = OPPE
        b = ws.cell(rad, 2, hoyre)
        b.font = hoyre_font
        b.alignment = OPPE
        ws.row_dimensions[rad].height = _hoyde(
            (venstre, bredder[0], 11, True), (hoyre, bredder[1], 11)
        )
        rad += 1

    tittel(d.tittel)
    if d.veiledning_innledning:
        avsnitt(d.veiledning_innledning)

    overskrift("Slik fyller du ut skjemaet")
    avsnitt("Skjemaet har ett ark for hver del, i denne rekkefølgen:")
    for del_ in d.deler:
        par(del_.ark, del_.tittel)
    forslag = sorted({f.etikett for f in _alle_felter(d) if f.forslag and not f.valg})
    punkter = [
        "Skriv i de lyse, gule cellene. Resten av arket er låst, slik at spørsmålene ikke "
        "endres ved et uhell.",
        "Når du står i en celle, viser Excel en kort hjelpetekst. Den samme teksten står i grått "
        "ved siden av feltet. Felt som må fylles ut, er merket «Må fylles ut».",
        "Ny linje i samme celle: trykk Alt+Enter (på Mac: Ctrl+Option+Enter).",
        "Datoer skrives som dd.mm.åååå, for eksempel 14.01.2026.",
        "Der cellen har en liste, velger du fra pilen ved cellen."
        + (
            f" For {_og(f'«{e}»' for e in forslag)} kan du også skrive noe som ikke står i listen."
            if forslag
            else ""
        ),
    ]
    if d.tabeller:
        punkter.append(
            "Tabellene har ferdige tomme rader, én rad for hver ting som skal føres. Trenger du "
            "flere, skriver du i raden rett under tabellen, så blir tabellen lengre. Excel utvider "
            "ikke tabellen mens arket er beskyttet: opphev beskyttelsen først (se neste punkt)."
        )
    punkter.append(
        "Arkene er beskyttet uten passord. Må du endre noe utenfor de gule cellene, velger du "
        "Se gjennom > Opphev arkbeskyttelse. Slett ikke spørsmålene og svarcellene, og endre "
        "ikke overskriftene i tabellene: programmet finner svarene ut fra dem."
    )
    for p in punkter:
        avsnitt(f"• {p}")

    for seksjon in d.veiledning:
        overskrift(seksjon.tittel)
        for tekst in seksjon.avsnitt:
            avsnitt(tekst)
        for venstre, hoyre in seksjon.par:
            par(venstre, hoyre)
        for p in seksjon.punkter:
            avsnitt(f"• {p}")

    overskrift("Når skjemaet er fylt ut")
    avsnitt(
        "Skriv kommandoene i et terminalvindu (for eksempel PowerShell) i mappen der filen "
        "ligger. Bytt ut filnavnet med navnet på din fil."
    )
    par("Sjekk skjemaet", "Viser hva som mangler eller er feil, med ark og celle.")
    par("", f"skjemaverk sjekk {d.blankt_navn}", hoyre_font=KODE_FONT)
    dokumenter = _og(dok.tittel.lower() for dok in d.dokumenter)
    par("Lag dokumentene", f"Lager {dokumenter or 'dokumentene'} som Word-dokumenter.")
    par("", f"skjemaverk lag {d.blankt_navn}", hoyre_font=KODE_FONT)
    ws.row_dimensions[rad].height = 10
    rad += 1
    avsnitt(
        f"Skjema: {d.id}, versjon {d.versjon}. Laget med Skjemaverk. Arket «{LISTER}» er skjult "
        "og holder listene til nedtrekksmenyene.",
        font=HJELP_FONT,
    )


def _og(deler: Iterable[str]) -> str:
    liste = list(deler)
    if len(liste) <= 1:
        return "".join(liste)
    return ", ".join(liste[:-1]) + " og " + liste[-1]

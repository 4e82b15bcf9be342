"""Read a .docx back for tests: text of paragraphs, tables, headers and footers.

from hjelpere_docx import all_tekst, avsnitt, overskrifter, xml_deler
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.table import Table


def _tabell_tekst(tabell: Table) -> list[str]:
    linjer = []
    for rad in tabell.rows:
        sett = set()
        for celle in rad.cells:
            if id(celle._tc) in sett:  # a merged cell shows up once per grid column
                continue
            sett.add(id(celle._tc))
            linjer.extend(p.text for p in celle.paragraphs)
            for indre in celle.tables:
                linjer.extend(_tabell_tekst(indre))
    return linjer


def _blokker(beholder) -> list[str]:
    """Text of paragraphs and tables in document order."""
    linjer = []
    for blokk in beholder.iter_inner_content():
        if isinstance(blokk, Table):
            linjer.extend(_tabell_tekst(blokk))
        else:
            linjer.append(blokk.text)
    return linjer


def dokument(sti: Path) -> DocumentType:
    return Document(str(sti))


def avsnitt(sti: Path) -> list[str]:
    """Every paragraph text of the body, including table cells, in order."""
    return _blokker(dokument(sti))


def topptekst(sti: Path) -> list[str]:
    doc = dokument(sti)
    return [t for s in doc.sections for t in _blokker(s.header)]


def bunntekst(sti: Path) -> list[str]:
    doc = dokument(sti)
    return [t for s in doc.sections for t in _blokker(s.footer)]


def all_tekst(sti: Path) -> str:
    """Body, headers and footers as one string, one paragraph per line."""
    return "\n".join(avsnitt(sti) + topptekst(sti) + bunntekst(sti))


def overskrifter(sti: Path) -> list[tuple[str, str]]:
    """(style name, text) of every heading and title paragraph in the body."""
    return [
        (p.style.name, p.text)
        for p in dokument(sti).paragraphs
        if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Title")
    ]


def tabeller(sti: Path) -> list[list[list[str]]]:
    """Every top-level table of the body as rows of cell texts."""
    return [[[c.text for c in rad.cells] for rad in t.rows] for t in dokument(sti).tables]


def xml_deler(sti: Path) -> dict[str, str]:
    """Every XML part of the package, by name."""
    with zipfile.ZipFile(sti) as z:
        return {
            navn: z.read(navn).decode("utf-8")
            for navn in z.namelist()
            if navn.endswith(".xml") or navn.endswith(".rels")
        }


# -- form data built directly in Python ------------------------------------------


def full_data():
    """A fully filled form (Amin's case from the deck), every field and every table.

    It has held one evaluation meeting (19.03.2026), so it gives three documents:
    the report, the plan and the evaluation note.
    """
    from datetime import date

    from toolkit.modell import Skjemadata
    from toolkit.register import standard_definisjon

    definisjon = standard_definisjon()
    verdier: dict[str, object] = {}
    for f in definisjon.felter:
        if f.type == "janei":
            verdier[f.key] = True
        elif f.type == "dato":
            verdier[f.key] = date(2026, 3, 12)
        elif f.type == "valg":
            verdier[f.key] = f.valg[0]
        elif f.type == "heltall":
            verdier[f.key] = 1
        else:
            verdier[f.key] = f"Svar på {f.etikett}"
    verdier.update(
        elev_navn="Amin Hassan",
        trinn="5. trinn",
        klasse="5B",
        skole="Solbakken skole",
        kontaktlaerer="Kari Nordmann",
        foresatte="Fatima Hassan\nYusuf Hassan",
        kartlegging_dato=date(2026, 3, 12),
        fravaer_start=date(2026, 1, 5),
        fravaerstype="Skolevegring",
        plan_mal="Amin er på skolen hele dagen fire dager i uka innen påske.",
        plan_neste_mote=date(2026, 3, 19),
        plan_koordinator="Per Rektor, rektor",
        plan_kontaktperson="Kari Nordmann, jobbtelefon 900 00 000",
        faktor_mestring="Amin har lese- og skrivevansker.",
        faktor_mestring_vurdering="Risiko",
        faktor_voksne="God relasjon til miljøarbeideren og musikklæreren.",
        faktor_voksne_vurdering="Beskyttende",
        faktor_hjemmeforhold_vurdering="Både og",
        push_presset_ut=False,
        pull_loser_problem=False,
    )
    tiltak = [
        {
            "omrade": "Skolen",
            "tiltak": "Miljøarbeideren sender Amin melding daglig.",
            "ansvarlig": "Miljøarbeider",
            "oppstart": date(2026, 3, 13),
            "evaluering": date(2026, 3, 19),
            "status": "I gang",
        },
        {
            "omrade": "Skolen",
            "tiltak": "Kontaktlærer sier hei og gir positive tilbakemeldinger.",
            "ansvarlig": "Kontaktlærer",
            "oppstart": date(2026, 3, 13),
            "evaluering": date(2026, 3, 19),
            "status": "Planlagt",
        },
        {
            "omrade": "Hjemmet",
            "tiltak": "Foreldrene vekker Amin om morgenen.",
            "ansvarlig": "Foresatte",
            "oppstart": date(2026, 3, 13),
            "evaluering": date(2026, 3, 26),
            "status": "Planlagt",
        },
        {
            "omrade": "Eleven",
            "tiltak": "Amin legger bort spillet klokka ti.",
            "ansvarlig": "Eleven",
            "oppstart": date(2026, 3, 13),
            "evaluering": None,
            "status": None,
        },
        {
            "omrade": "Hjelpetjenestene",
            "tiltak": "PPT hjelper med digitale hjelpemidler.",
            "ansvarlig": "PPT",
            "oppstart": date(2026, 3, 20),
            "evaluering": date(2026, 4, 9),
            "status": "Planlagt",
        },
    ]
    fravaer = [
        {
            "dato": date(2026, 3, 2),
            "omfang": "Hel dag",
            "timer": None,
            "arsak": "Nektet å gå",
            "dokumentert": False,
        },
        {
            "dato": date(2026, 3, 3),
            "omfang": "Hel dag",
            "timer": None,
            "arsak": "Syk",
            "dokumentert": True,
        },
        {
            "dato": date(2026, 3, 4),
            "omfang": "Enkelttimer",
            "timer": 3,
            "fag": "Norsk",
            "laerer": "KN",
        },
        {"dato": date(2026, 3, 5), "omfang": "Enkelttimer", "timer": 2, "fag": "Matematikk"},
        {"dato": date(2026, 3, 6), "omfang": "For sent", "timer": None, "fag": "Norsk"},
    ]
    samtykker = [
        {
            "tjeneste": "PPT",
            "gitt_av": "Fatima Hassan (mor)",
            "dato": date(2026, 3, 12),
            "omfang": "Utredning av lese- og skrivevansker.",
            "trukket": None,
        },
        {
            "tjeneste": "BUP",
            "gitt_av": "Yusuf Hassan (far)",
            "dato": date(2026, 3, 12),
            "omfang": "Samtale om søvn.",
            "trukket": date(2026, 3, 16),
        },
    ]
    foreldresyn = [
        {"forelder": "Fatima Hassan (mor)", "syn": "Han savner fotballen."},
        {"forelder": "Yusuf Hassan (far)", "syn": "Det er spillingen om kvelden."},
    ]
    evalueringsmoter = [
        {
            "mote_dato": date(2026, 3, 19),
            "deltakere": "Amin\nFatima Hassan\nKari Nordmann, kontaktlærer",
            "elevens_ord": "Det er bra når jeg får melding om morgenen.",
            "foresattes_ord": "Det er lettere å få ham opp.",
            "nytt": "Amin har vært borte én dag siden kartleggingen.",
            "neste_mote": date(2026, 3, 26),
        }
    ]
    evaluering = [
        {
            "mote_dato": date(2026, 3, 19),
            "tiltak": "Miljøarbeideren sender Amin melding daglig.",
            "effekt": "Virket",
            "beslutning": "Fortsette",
            "kommentar": None,
        },
        {
            "mote_dato": date(2026, 3, 19),
            "tiltak": "Kontaktlærer sier hei og gir positive tilbakemeldinger.",
            "effekt": "Virket delvis",
            "beslutning": "Fortsette",
            "kommentar": "Amin merker det, men tror ikke læreren liker ham.",
        },
    ]
    return Skjemadata(
        verdier=verdier,
        tabeller={
            "samtykker": samtykker,
            "foreldresyn": foreldresyn,
            "tiltak": tiltak,
            "evalueringsmoter": evalueringsmoter,
            "evaluering": evaluering,
            "fravaer": fravaer,
        },
        definisjon=definisjon,
    )


def sparsom_data(**endret):
    """Only what the form requires; most parts empty."""
    from datetime import date

    from toolkit.modell import Skjemadata
    from toolkit.register import standard_definisjon

    verdier: dict[str, object] = {f.key: None for f in standard_definisjon().felter}
    verdier.update(
        elev_navn="Celine Berg",
        trinn="8. trinn",
        skole="Bakkeby ungdomsskole",
        kontaktlaerer="Lise Lærer",
        kartlegging_dato=date(2026, 2, 2),
        utfylt_av="Lise Lærer",
        fravaerstype="Uavklart",
        plan_mal="Celine kommer på skolen.",
        plan_neste_mote=date(2026, 2, 9),
    )
    verdier.update(endret)
    return Skjemadata(
        verdier=verdier, tabeller={"tiltak": [], "fravaer": []}, definisjon=standard_definisjon()
    )


def kontekst(data, **valg) -> dict[str, object]:
    """The context of `data` as a template that places nothing by hand sees it."""
    from toolkit.kontekst import bygg_kontekst

    return bygg_kontekst(data.definisjon, data, **valg).alt()

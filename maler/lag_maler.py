"""Generate the built-in Word templates with python-docx.

Run `python maler/lag_maler.py` after changing a form definition's layout; a
test fails when a committed template is out of date. The output is the same,
byte for byte, on every run.

For every built-in definition, every document that names a template (`mal`)
gets one here. The mapping report and the return plan have layouts of their
own (the builders below, chosen by document key); any other document gets the
generic document of `toolkit.malbygger`.

Each template is an ordinary Word document with docxtpl (Jinja) tags: a school
may open it in Word or LibreOffice and change the wording, layout and styles,
as long as the tags stay whole (`skjemaverk maler --kopier MAPPE`). What a
layout does not place by hand is shown by its generic section
(`{%p for d in deler %}`): a field added to the definition reaches the
documents without a new template.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx.document import Document
from docx.shared import Pt
from docx.table import _Cell

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.avledning.enkle import ascii_nokkel
from toolkit.definisjon import Del, Dokument, Skjemadefinisjon
from toolkit.malbygger import (
    GRA,
    TEKSTBREDDE,
    TOPP_FARGE,
    bilde,
    bredder,
    celletekst,
    delens_innhold,
    feltavsnitt,
    generisk_del,
    generisk_mal,
    gjenta_som_overskrift,
    ikke_del,
    kolonnebredder,
    listetabell,
    loopnokkeltabell,
    nokkeltabell,
    ny_tabell,
    nytt_dokument,
    punktliste,
    radtabell,
    skrevet_ut,
    skygge,
    som_bytes,
    tag,
    underskriftsliste,
)
from toolkit.register import innebygd_register
from toolkit.skriv import skriv_atomisk

MAPPE = Path(__file__).resolve().parent


def _sporsmal(etikett: str) -> str:
    """ "Push: Opplever eleven …" → "Opplever eleven …"."""
    hode, kolon, resten = etikett.partition(":")
    return resten.strip() if kolon and " " not in hode else etikett


# -- the mapping report ----------------------------------------------------------


# The rows both documents open with: who the pupil is.
ELEVRADER = (
    ("Elev", "{{ elev_navn }}", None),
    ("Trinn og klasse", "{{ trinn_klasse }}", "trinn_klasse"),
    ("Skole", "{{ skole }}", None),
    ("Kontaktlærer", "{{ kontaktlaerer }}", "kontaktlaerer"),
)


def _topp(
    dokument: Dokument,
    rader: list[tuple[str, str, str | None]],
    *,
    tittel: str = "{{ dokument_tittel }}",
    topptekst: str | None = None,
) -> Document:
    """A new document with its title, subtitle and the opening table: the pupil, then `rader`."""
    doc = nytt_dokument(dokument.tittel, topptekst or f"{dokument.tittel} – {{{{ elev_navn }}}}")
    doc.add_paragraph(tittel, style="Title")
    doc.add_paragraph("{{ dokument_undertittel }}", style="Subtitle")
    nokkeltabell(doc, [*ELEVRADER, *rader])
    return doc


def _sammendrag(doc: Document) -> None:
    doc.add_heading("Sammendrag", level=1)
    tag(doc, "{%p if fravaerstype %}")
    p = doc.add_paragraph()
    p.add_run("Type fravær (teamets vurdering): ").bold = True
    p.add_run("{{ fravaerstype }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if har_fravaer %}")
    p = doc.add_paragraph()
    p.add_run("Registrert fravær: ").bold = True
    p.add_run(
        "{{ fravaer_oppsummering }}{% if fravaer_fra %} i perioden {{ fravaer_fra }}–"
        "{{ fravaer_til }}{% endif %} ({{ fravaer_antall }} registreringer)."
    )
    tag(doc, "{%p if fravaer_prosent %}")
    p = doc.add_paragraph()
    p.add_run("Fravær i prosent av skoledagene: ").bold = True
    p.add_run("{{ fravaer_prosent }} til og med {{ fravaer_til_dato }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if fravaer_varsler %}")
    p = doc.add_paragraph()
    p.add_run("Tidlig varsel: ").bold = True
    p.add_run("{{ fravaer_varsler_kort }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    p = doc.add_paragraph()
    p.add_run("Fravær: ").bold = True
    p.add_run("Ingen fravær er registrert i skjemaet.")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if vis_faktorer %}")
    for gruppe, tittel, tom in (
        ("risiko", "Faktorer vurdert som risiko", "Ingen faktorer er vurdert som risiko."),
        (
            "beskyttende",
            "Faktorer vurdert som beskyttende",
            "Ingen faktorer er vurdert som beskyttende.",
        ),
    ):
        doc.add_paragraph(tittel, style="Etikett")
        punktliste(
            doc, f"f in faktorer_{gruppe}", "{{ f.navn }}", tom=tom, liste=f"faktorer_{gruppe}"
        )
    tag(doc, "{%p else %}")
    doc.add_paragraph("De åtte faktorene er ikke kartlagt ennå.")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if vis_push_pull %}")
    for navn, tittel in (("push", "Pushfaktorer i skolen"), ("pull", "Pullfaktorer i hjemmet")):
        doc.add_paragraph(f"{tittel} (besvart ja)", style="Etikett")
        punktliste(
            doc,
            f"s in {navn}_ja",
            "{{ s.sporsmal }}",
            tom=f"Ingen av spørsmålene om {navn}faktorer er besvart ja.",
            liste=f"{navn}_ja",
        )
    tag(doc, "{%p endif %}")


def _r_ressurser(doc: Document, definisjon: Skjemadefinisjon, del_: Del) -> None:
    rader = []
    keys = {f.key for f in del_.felter}
    for f in del_.felter:
        if not f.key.startswith("ressurs_"):
            continue
        motpart = "utfordring_" + f.key.removeprefix("ressurs_")
        if motpart not in keys:
            continue
        omrade = f.etikett.split(" – ")[0]
        rader.append(
            ([omrade, f"{{{{ {f.key} }}}}", f"{{{{ {motpart} }}}}"], f"{f.key} or {motpart}")
        )
    radtabell(doc, ["Område", "Ressurser", "Utfordringer"], rader, [40, 63, 63])


def _r_push_pull(doc: Document, definisjon: Skjemadefinisjon, del_: Del) -> None:
    keys = {f.key for f in del_.felter}
    for prefiks, tittel in (("push", "Pushfaktorer i skolen"), ("pull", "Pullfaktorer i hjemmet")):
        felter = [
            f
            for f in del_.felter
            if f.type == "janei"
            and f.key.startswith(prefiks + "_")
            and f"{f.key}_beskrivelse" in keys
        ]
        if not felter:
            continue
        vilkar = " or ".join(f"{f.key} or {f.key}_beskrivelse" for f in felter)
        tag(doc, f"{{%p if {vilkar} %}}")
        doc.add_heading(tittel, level=2)
        radtabell(
            doc,
            ["Spørsmål", "Svar", "Beskrivelse"],
            [
                (
                    [_sporsmal(f.etikett), f"{{{{ {f.key} }}}}", f"{{{{ {f.key}_beskrivelse }}}}"],
                    f"{f.key} or {f.key}_beskrivelse",
                )
                for f in felter
            ],
            [62, 16, 88],
        )
        tag(doc, "{%p endif %}")


def _r_faktorer(doc: Document, definisjon: Skjemadefinisjon, del_: Del) -> None:
    listetabell(
        doc,
        ["Faktor", "Beskrivelse", "Vurdering"],
        ["{{ f.navn }}", "{{ f.beskrivelse }}", "{{ f.vurdering }}"],
        [40, 98, 28],
        "f in faktorer if f.beskrivelse or f.vurdering",
    )


def _janei_tabell(doc: Document, del_: Del, overskrift: str) -> None:
    janei = [f for f in del_.felter if f.type == "janei"]
    if not janei:
        return
    tag(doc, "{%p if " + " or ".join(f.key for f in janei) + " %}")
    radtabell(
        doc,
        [overskrift, "Svar"],
        [([f.etikett, f"{{{{ {f.key} }}}}"], f.key) for f in janei],
        [120, 46],
    )
    tag(doc, "{%p endif %}")


def _r_relasjoner(doc: Document, definisjon: Skjemadefinisjon, del_: Del) -> None:
    _janei_tabell(doc, del_, "Tegn på relasjonen mellom lærer og elev")


def _r_onde_sirkel(doc: Document, definisjon: Skjemadefinisjon, del_: Del) -> None:
    doc.add_paragraph(
        "Fravær → henger etter faglig og sosialt → økt angst når krav om skoleoppmøte kommer "
        "→ unngåelse → angsten dempes. Løsningen blir et problem i seg selv.",
        style="Merknad",
    )
    _janei_tabell(doc, del_, "Tegn")


def _r_plan(doc: Document, definisjon: Skjemadefinisjon, del_: Del) -> None:
    feltavsnitt(doc, "plan_mal", definisjon.felt("plan_mal").etikett)
    tag(doc, "{%p if tiltak %}")
    doc.add_heading("Tiltak", level=2)
    tabell = definisjon.tabell("tiltak")
    listetabell(
        doc,
        [k.etikett for k in tabell.kolonner],
        [f"{{{{ t.{k.key} }}}}" for k in tabell.kolonner],
        kolonnebredder(list(tabell.kolonner), TEKSTBREDDE, 9),
        "t in tiltak",
        liten=True,
    )
    doc.add_paragraph("Tiltakene står side om side i «{{ plan_tittel }}».", style="Merknad")
    tag(doc, "{%p endif %}")


def _r_fravaer(doc: Document, definisjon: Skjemadefinisjon, del_: Del) -> None:
    doc.add_heading("Fraværsbilde", level=2)
    doc.add_paragraph(
        "Fraværet til og med {{ fravaer_til_dato }}. Dager og enkelttimer telles hver for "
        "seg; timer regnes ikke om til dager."
    ).paragraph_format.keep_with_next = True
    loopnokkeltabell(doc, "t in fravaer_tall", "{{ t.hva }}", "{{ t.verdi }}")
    doc.add_paragraph(
        "Skoledager er hverdager i skoleåret {{ fravaer_skolear }}, uten helligdager og "
        "skolens ferier. Prosenten er hele dager borte på skoledager, delt på skoledagene "
        "fra skolestart.{% if fravaer_prosent_merknad %} {{ fravaer_prosent_merknad }}"
        "{% endif %}",
        style="Merknad",
    )

    doc.add_heading("Mønster", level=3)
    doc.add_paragraph("{{ fravaer_monster }}")

    doc.add_heading("Tidlig varsel", level=3)
    tag(doc, "{%p if fravaer_varsler %}")
    doc.add_paragraph(
        "Disse tersklene for tidlig varsel er passert:"
    ).paragraph_format.keep_with_next = True
    punktliste(doc, "v in fravaer_varsler", "{{ v.tekst }}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("Ingen av tersklene for tidlig varsel er passert ({{ fravaer_terskler }}).")
    tag(doc, "{%p endif %}")

    doc.add_heading("Fravær per ukedag", level=3)
    listetabell(
        doc,
        ["Ukedag", "Hele dager", "Av alle hele dager", "Enkelttimer", "For sent"],
        ["{{ u.navn }}", "{{ u.dager }}", "{{ u.andel }}", "{{ u.timer }}", "{{ u.for_sent }}"],
        [34, 28, 42, 31, 31],
        "u in fravaer_ukedager",
        samlet=True,
    )
    bilde(doc, "fravaer_diagram_ukedag")

    for key, tittel, kolonne in (
        ("fravaer_fag", "Fravær per fag", "Fag"),
        ("fravaer_laerere", "Fravær per lærer", "Lærer"),
    ):
        tag(doc, f"{{%p if {key} %}}")
        doc.add_heading(tittel, level=3)
        listetabell(
            doc,
            [kolonne, "Enkelttimer", "Av alle enkelttimer", "For sent"],
            ["{{ r.navn }}", "{{ r.timer }}", "{{ r.andel }}", "{{ r.for_sent }}"],
            [58, 36, 42, 30],
            f"r in {key}",
            samlet=True,
        )
        if key == "fravaer_fag":
            doc.add_paragraph(
                "En registrering med flere fag telles for hvert av dem. Avtaler hos lege, "
                "tannlege, BUP o.l. er ikke med i tallene per ukedag og fag.",
                style="Merknad",
            )
            bilde(doc, "fravaer_diagram_fag")
        tag(doc, "{%p endif %}")

    doc.add_heading("Årsaker", level=3)
    listetabell(
        doc,
        ["Årsak", "Registreringer", "Fravær"],
        ["{{ r.navn }}", "{{ r.registreringer }}", "{{ r.hva }}"],
        [70, 32, 64],
        "r in fravaer_arsaker",
        samlet=True,
    )
    doc.add_paragraph(
        "Årsakene er det skolen har registrert for hvert fravær. Hvilken type fravær det er, "
        "er teamets vurdering av hele saken (se sammendraget), ikke noe som leses ut av årsakene.",
        style="Merknad",
    )

    tag(doc, "{%p if fravaer_diagram_uker %}")
    doc.add_heading("Fravær uke for uke", level=3)
    bilde(doc, "fravaer_diagram_uker")
    tag(doc, "{%p endif %}")

    doc.add_heading("Alle registreringer", level=2)
    tag(doc, "{%p if fravaer_oppsummering %}")
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True
    p.add_run("Sum: ").bold = True
    p.add_run(
        "{{ fravaer_oppsummering }}. Dager og enkelttimer telles hver for seg; "
        "timer regnes ikke om til dager."
    )
    tag(doc, "{%p endif %}")
    tabell = definisjon.tabell("fravaer")
    kolonner = [k for k in tabell.kolonner if k.key != "laerer"]
    bredder_mm = {
        "dato": 21,
        "omfang": 21,
        "timer": 12,
        "fag": 24,
        "arsak": 36,
        "dokumentert": 24,
        "kommentar": 28,
    }
    listetabell(
        doc,
        [k.etikett for k in kolonner],
        [f"{{{{ r.{k.key} }}}}" for k in kolonner],
        [bredder_mm.get(k.key, 20) for k in kolonner],
        "r in fravaer_rader",
        liten=True,
    )


_RAPPORT_DELER: dict[str, Callable[[Document, Skjemadefinisjon, Del], None]] = {
    "ressurser": _r_ressurser,
    "push_pull": _r_push_pull,
    "faktorer": _r_faktorer,
    "relasjoner": _r_relasjoner,
    "onde_sirkel": _r_onde_sirkel,
    "plan": _r_plan,
    "fravaer": _r_fravaer,
}


def lag_rapport(definisjon: Skjemadefinisjon, dokument: Dokument) -> Document:
    doc = _topp(
        dokument,
        [
            ("Dato for kartleggingen", "{{ kartlegging_dato }}", None),
            ("Fylt ut av", "{{ utfylt_av }}", "utfylt_av"),
            ("Deltakere i møtet", "{{ deltakere }}", "deltakere"),
        ],
    )
    _sammendrag(doc)

    # Every part of the form, in the definition's order: some with a layout of
    # their own, and whatever that layout does not place, in the generic way.
    tag(doc, "{%p for d in deler %}")
    # A part is shown when what is left for its generic section has content (`vis`), or
    # when it has a layout of its own here and any content at all (`innhold`).
    egne = ", ".join(f'"{d.key}"' for d in definisjon.deler if d.key in _RAPPORT_DELER)
    tag(doc, f"{{%p if d.vis or (d.innhold and d.key in [{egne}]) %}}")
    doc.add_heading("{{ d.tittel }}", level=1)
    for del_ in definisjon.deler:
        bygger = _RAPPORT_DELER.get(del_.key)
        if bygger is not None:
            tag(doc, f'{{%p if d.key == "{del_.key}" %}}')
            bygger(doc, definisjon, del_)
            tag(doc, "{%p endif %}")
    delens_innhold(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    skrevet_ut(doc, definisjon)
    return doc


# -- the plan ----------------------------------------------------------------------


def _tiltakscelle(celle: _Cell, part: str) -> None:
    c = f"r.{part}"
    celletekst(celle, f"{{{{ {c}.tiltak }}}}")
    celle.add_paragraph(f"{{%p for x in {c}.detaljer %}}", style="Tabelltekst")
    p = celle.add_paragraph(style="Tabelltekst")
    p.paragraph_format.space_after = Pt(0)
    r = p.add_run("{{ x.etikett }}: ")
    r.bold = True
    r.font.size = Pt(9)
    r.font.color.rgb = GRA
    r2 = p.add_run("{{ x.tekst }}")
    r2.font.size = Pt(9)
    r2.font.color.rgb = GRA
    celle.add_paragraph("{%p endfor %}", style="Tabelltekst")


PRINSIPPER = (
    (
        "Relasjon",
        "Eleven trenger minst én voksen på skolen som hun eller han er trygg på. Vi arbeider med "
        "relasjonen mellom lærer og elev, mellom skolen og hjemmet, og mellom eleven og de andre "
        "elevene.",
    ),
    (
        "Ikke vente og se",
        "Vi gjør noe med en gang og venter ikke på at fraværet går over av seg selv. Vi møtes "
        "ofte og ser om tiltakene virker: første gang innen en uke, deretter etter én, to og "
        "fire uker.",
    ),
    (
        "Trekk i samme retning – samtidig",
        "Skolen, hjemmet, eleven og hjelpetjenestene gjør sin del samtidig og mot det samme "
        "målet. Planen viser hvem som gjør hva, side om side.",
    ),
)


def lag_plan(definisjon: Skjemadefinisjon, dokument: Dokument) -> Document:
    doc = _topp(
        dokument,
        [
            (definisjon.felt("foresatte").etikett, "{{ foresatte }}", "foresatte"),
            ("Planen ble laget i møtet", "{{ kartlegging_dato }}", "kartlegging_dato"),
            ("Deltakere i møtet", "{{ deltakere }}", "deltakere"),
            (
                "Versjon",
                "{{ oppfolging_versjon }}, etter evalueringsmøtet {{ oppfolging_siste.dato }}",
                "har_oppfolging",
            ),
        ],
        tittel="{{ plan_tittel }}",
        topptekst="{{ plan_tittel }}",
    )

    tag(doc, "{%p if plan_mal %}")
    doc.add_heading("Mål", level=1)
    doc.add_paragraph("{{ plan_mal }}")
    tag(doc, "{%p endif %}")

    # The pupil's own words, as the pupil said them, and what the parents do.
    tag(doc, "{%p if elev_mal or elev_gjor_selv or elev_hjelper or foreldre_gjor_selv %}")
    doc.add_heading("Med {{ elev_genitiv }} egne ord", level=1)
    for key, etikett in (
        ("elev_mal", "Målet mitt"),
        ("elev_hjelper", "Dette hjelper meg"),
        ("elev_gjor_selv", "Dette gjør jeg selv"),
    ):
        feltavsnitt(doc, key, etikett)
    feltavsnitt(doc, "foreldre_gjor_selv", "Dette gjør vi hjemme (foresatte)")
    tag(doc, "{%p endif %}")

    doc.add_heading("Hvem gjør hva – trekk i samme retning, samtidig", level=1)
    tag(doc, "{%p if har_tiltak %}")
    doc.add_paragraph(
        "Skolen, hjemmet, eleven og hjelpetjenestene gjør sin del samtidig, mot det samme "
        "målet. Hver kolonne viser hva den enkelte skal gjøre."
    ).paragraph_format.keep_with_next = True
    tag(doc, "{%p if tiltak_rader %}")
    parter = definisjon.tabell("tiltak").kolonne("omrade").valg
    bredde = TEKSTBREDDE / len(parter)
    t, _ = ny_tabell(doc, len(parter), [bredde] * len(parter))
    topp = t.add_row()
    gjenta_som_overskrift(topp)
    ikke_del(topp)
    for celle, navn in zip(topp.cells, parter, strict=True):
        celletekst(celle, navn, fet=True)
        skygge(celle, TOPP_FARGE)
    celletekst(t.add_row().cells[0], "{%tr for r in tiltak_rader %}")
    rad = t.add_row()
    ikke_del(rad)
    for celle, navn in zip(rad.cells, parter, strict=True):
        _tiltakscelle(celle, ascii_nokkel(navn))
    celletekst(t.add_row().cells[0], "{%tr endfor %}")
    bredder(t, [bredde] * len(parter))
    doc.add_paragraph(style="Merknad").paragraph_format.space_after = Pt(0)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tiltak_uten_omrade %}")
    doc.add_paragraph("Tiltak uten oppgitt område", style="Etikett")
    punktliste(
        doc,
        "t in tiltak_uten_omrade",
        "{{ t.tiltak }}{% if t.ansvarlig %} (ansvarlig: {{ t.ansvarlig }}){% endif %}",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("Ingen tiltak er registrert ennå.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tiltak_avsluttet %}")
    doc.add_paragraph("Tiltak som er endret eller avsluttet", style="Etikett")
    punktliste(doc, "t in tiltak_avsluttet", "{{ t.tiltak }} ({{ t.hvordan }} {{ t.avsluttet }})")
    tag(doc, "{%p endif %}")

    doc.add_heading("Oppfølging og evaluering", level=1)
    tag(doc, "{%p if evalueringer %}")
    doc.add_paragraph(
        "Ikke vente og se: vi møtes snart og ofte for å se om tiltakene virker, "
        "og endrer det som ikke virker."
    ).paragraph_format.keep_with_next = True
    listetabell(
        doc,
        ["Møte", "Dato", "Merknad"],
        ["{{ m.hva }}", "{{ m.dato }}", "{{ m.merknad }}"],
        [70, 24, TEKSTBREDDE - 94],
        "m in evalueringer",
        samlet=True,
    )
    tag(doc, "{%p else %}")
    doc.add_paragraph("Dato for neste evalueringsmøte er ikke satt.")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if oppfolging_historikk %}")
    doc.add_heading("Endringer i planen", level=1)
    doc.add_paragraph(
        "Planen får en ny versjon etter hvert evalueringsmøte. Slik er den endret:"
    ).paragraph_format.keep_with_next = True
    listetabell(
        doc,
        ["Versjon", "Møte", "Endringer"],
        ["{{ h.versjon }}", "{{ h.dato }}", "{{ h.tekst }}"],
        [20, 26, TEKSTBREDDE - 46],
        "h in oppfolging_historikk",
    )
    tag(doc, "{%p endif %}")

    tag(
        doc,
        "{%p if plan_kontaktperson or plan_koordinator or rel_trygg_voksen_hvem "
        "or elev_trygg_voksen %}",
    )
    doc.add_heading("Kontakt", level=1)
    nokkeltabell(
        doc,
        [
            ("Kontaktperson for hjemmet", "{{ plan_kontaktperson }}", "plan_kontaktperson"),
            ("Koordinator for planen", "{{ plan_koordinator }}", "plan_koordinator"),
            ("Trygg voksen på skolen", "{{ rel_trygg_voksen_hvem }}", "rel_trygg_voksen_hvem"),
            (
                "Trygg voksen, med {{ elev_genitiv }} ord",
                "{{ elev_trygg_voksen }}",
                "elev_trygg_voksen",
            ),
        ],
    )
    tag(doc, "{%p endif %}")

    generisk_del(doc)

    doc.add_heading("Tre viktige prinsipper", level=1)
    for navn, tekst in PRINSIPPER:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{navn}: ").bold = True
        p.add_run(tekst)

    underskriftsliste(doc, "underskrifter")
    skrevet_ut(doc, definisjon)
    return doc


# -- the evaluation note --------------------------------------------------------------


def lag_notat(definisjon: Skjemadefinisjon, dokument: Dokument) -> Document:
    """The note of the latest evaluation meeting."""
    doc = _topp(
        dokument,
        [
            ("Evalueringsmøtet", "{{ oppfolging_siste.dato }}", None),
            ("Deltakere i møtet", "{{ oppfolging_siste.deltakere }}", "oppfolging_siste.deltakere"),
            ("Planens versjon", "{{ oppfolging_versjon }} (etter dette møtet)", None),
        ],
    )

    doc.add_heading("Oppmøte siden forrige møte", level=1)
    tag(doc, "{%p if oppfolging_oppmote.tekst %}")
    doc.add_paragraph("{{ oppfolging_oppmote.tekst }}").paragraph_format.keep_with_next = True
    s, f = "oppfolging_oppmote.siden", "oppfolging_oppmote.for"
    radtabell(
        doc,
        ["", "Siden forrige møte", "Perioden før"],
        [
            (["Periode", f"{{{{ {s}.periode }}}}", f"{{{{ {f}.periode }}}}"], "True"),
            (["Skoledager", f"{{{{ {s}.skoledager }}}}", f"{{{{ {f}.skoledager }}}}"], "True"),
            (["Hele dager borte", f"{{{{ {s}.dager }}}}", f"{{{{ {f}.dager }}}}"], "True"),
            (["Andel av skoledagene", f"{{{{ {s}.prosent }}}}", f"{{{{ {f}.prosent }}}}"], "True"),
            (
                ["Enkelttimer borte", f"{{{{ {s}.timer }}}}", f"{{{{ {f}.timer }}}}"],
                f"{s}.timer != '0' or {f}.timer != '0'",
            ),
            (
                ["For sent", f"{{{{ {s}.for_sent }}}}", f"{{{{ {f}.for_sent }}}}"],
                f"{s}.for_sent != '0' or {f}.for_sent != '0'",
            ),
        ],
        [50, 58, 58],
    )
    tag(doc, "{%p if oppfolging_fravaer %}")
    doc.add_paragraph("Fraværet som er registrert siden forrige møte", style="Etikett")
    fravaer = definisjon.tabell("fravaer")
    vist = [k for k in fravaer.kolonner if k.key in ("dato", "omfang", "timer", "arsak")]
    listetabell(
        doc,
        [k.etikett for k in vist],
        [f"{{{{ r.{k.key} }}}}" for k in vist],
        kolonnebredder(vist, TEKSTBREDDE, 10),
        "r in oppfolging_fravaer",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("Fraværet kan ikke telles: datoen for kartleggingen mangler.")
    tag(doc, "{%p endif %}")

    doc.add_heading("Tiltakene", level=1)
    tag(doc, "{%p if oppfolging_tiltak %}")
    listetabell(
        doc,
        ["Tiltak", "Virket det?", "Beslutning", "Kommentar"],
        ["{{ t.tiltak }}", "{{ t.effekt }}", "{{ t.beslutning }}", "{{ t.kommentar }}"],
        [70, 26, 24, TEKSTBREDDE - 120],
        "t in oppfolging_tiltak",
    )
    # The columns a definition adds to the evaluations, measure by measure.
    tag(doc, "{%p for t in oppfolging_tiltak if t.ovrige %}")
    doc.add_paragraph("{{ t.tiltak }}", style="Etikett")
    loopnokkeltabell(doc, "o in t.ovrige", "{{ o.etikett }}", "{{ o.tekst }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("Ingen tiltak ble evaluert på dette møtet.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if oppfolging_nye_tiltak %}")
    doc.add_paragraph("Nye tiltak fra dette møtet", style="Etikett")
    punktliste(doc, "t in oppfolging_nye_tiltak", "{{ t.tiltak }} (fra {{ t.oppstart }})")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if oppfolging_siste.elevens_ord or oppfolging_siste.foresattes_ord %}")
    doc.add_heading("Med egne ord", level=1)
    feltavsnitt(doc, "oppfolging_siste.elevens_ord", "Dette sier {{ elev_fornavn }}")
    feltavsnitt(doc, "oppfolging_siste.foresattes_ord", "Dette sier foresatte")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if oppfolging_siste.nytt %}")
    doc.add_heading("Hva er nytt", level=1)
    doc.add_paragraph("{{ oppfolging_siste.nytt }}")
    tag(doc, "{%p endif %}")

    # The columns a definition adds to the meetings.
    tag(doc, "{%p if oppfolging_siste.ovrige %}")
    doc.add_heading("Mer fra møtet", level=1)
    loopnokkeltabell(doc, "o in oppfolging_siste.ovrige", "{{ o.etikett }}", "{{ o.tekst }}")
    tag(doc, "{%p endif %}")

    # The parts the note shows (`deler`): going further, with the fields this layout does
    # not place by hand (a field a definition adds) in the generic way.
    videre = definisjon.del_for("videre_avtalt").key
    tag(doc, "{%p for d in deler %}")
    tag(doc, f'{{%p if d.key == "{videre}" %}}')
    tag(doc, "{%p if oppfolging_varsler or videre_avtalt or d.vis %}")
    doc.add_heading("Gå videre", level=1)
    tag(doc, "{%p if oppfolging_varsler %}")
    punktliste(doc, "v in oppfolging_varsler", "{{ v }}")
    feltavsnitt(doc, "oppfolging_steg", "Neste steg")
    feltavsnitt(doc, "oppfolging_paaminnelse", "Aktivitetsplikten")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if videre_avtalt %}")
    nokkeltabell(
        doc,
        [
            (definisjon.felt("videre_avtalt").etikett, "{{ videre_avtalt }}", None),
            (
                definisjon.felt("videre_ansvarlig").etikett,
                "{{ videre_ansvarlig }}",
                "videre_ansvarlig",
            ),
            (definisjon.felt("videre_dato").etikett, "{{ videre_dato }}", "videre_dato"),
        ],
    )
    tag(doc, "{%p endif %}")
    delens_innhold(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p elif d.vis %}")
    doc.add_heading("{{ d.tittel }}", level=1)
    delens_innhold(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    doc.add_heading("Neste møte", level=1)
    tag(doc, "{%p if evalueringer_neste %}")
    doc.add_paragraph(
        "{{ evalueringer_neste.dato }}{% if evalueringer_neste.merknad %} "
        "({{ evalueringer_neste.merknad }}){% endif %}"
    )
    tag(doc, "{%p else %}")
    doc.add_paragraph("Dato for neste møte er ikke satt.")
    tag(doc, "{%p endif %}")
    skrevet_ut(doc, definisjon)
    return doc


BYGGERE: dict[str, Callable[[Skjemadefinisjon, Dokument], Document]] = {
    "kartleggingsrapport": lag_rapport,
    "plan": lag_plan,
    "evalueringsnotat": lag_notat,
}


def malfiler(mappe: Path = MAPPE) -> dict[Path, bytes]:
    """Return every built-in template, by the path it belongs at, as bytes."""
    ut: dict[Path, bytes] = {}
    for definisjon in innebygd_register().definisjoner:
        for dokument in definisjon.dokumenter:
            if not dokument.mal:
                continue
            bygger = BYGGERE.get(dokument.key, generisk_mal)
            ut[Path(mappe) / dokument.mal] = som_bytes(bygger(definisjon, dokument))
    return ut


def lag_maler(mappe: Path = MAPPE) -> list[Path]:
    """Write every built-in template to `mappe` and return their paths."""
    filer = malfiler(mappe)
    for sti, data in filer.items():
        skriv_atomisk(sti, data)
    return list(filer)


if __name__ == "__main__":
    for sti in lag_maler():
        print(f"Skrev {sti}")

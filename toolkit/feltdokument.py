"""The field list as a Word document, for people who write their own templates.

`lag_feltdokument` writes a .docx (`skjemaverk felter --docx FIL`) that lists
every field of the form with its template code (`{{ elev_navn }}`), label,
type and an example value, the table columns, the derived values (plan
title, genitive, measures side by side, the absence figures and charts …),
and worked examples to copy: a loop over the measures in a table, a
condition, and a chart. Every code in it is valid, so the document itself
passes `skjemaverk sjekk-mal`.

Example values come from Amin's example form (`eksempler/amin.xlsx`) when it
is there, otherwise from `toolkit.malsjekk.eksempeldata`.
"""

from __future__ import annotations

import io
from collections.abc import Container, Mapping, Sequence
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from toolkit.apne import apne_arbeidsbok
from toolkit.avledning import avledninger
from toolkit.avledning.enkle import Parter
from toolkit.bilde import Bilde
from toolkit.definisjon import Felt, Skjemadefinisjon
from toolkit.errors import SkjemaverkError, SkriveError
from toolkit.felter import TYPENAVN as _TYPENAVN
from toolkit.inntak import les_skjema
from toolkit.kontekst import Skjemakontekst, beskrivelser, bildekeys, bygg_kontekst
from toolkit.kontrakt import identitet
from toolkit.malsjekk import eksempeldata
from toolkit.skriv import sjekk_ledig, skriv_atomisk
from toolkit.tekst import liste
from toolkit.wordstil import SPRAK, sett_sprak

__all__ = ["lag_feltdokument"]

KODEFONT = "Consolas"
_GRA = RGBColor(0x59, 0x59, 0x59)
_MAKS_EKSEMPEL = 90


# -- example values ------------------------------------------------------------------------


def _eksempelfil(definisjon: Skjemadefinisjon) -> Path | None:
    """Return a bundled example form of `definisjon` (in a source checkout), if there is one."""
    mappe = Path(__file__).resolve().parent.parent / "eksempler"
    for sti in sorted(mappe.glob("*.xlsx")) if mappe.is_dir() else ():
        try:
            skjema_id, _ = identitet(apne_arbeidsbok(sti))
        except SkjemaverkError:
            continue
        if skjema_id == definisjon.id:
            return sti
    return None


def _eksempelkontekst(definisjon: Skjemadefinisjon, eksempel: Path | None) -> Skjemakontekst:
    """Return a context to take example values from: an example form, or made-up values."""
    sti = eksempel or _eksempelfil(definisjon)
    if sti is not None and sti.is_file():
        try:
            return bygg_kontekst(definisjon, les_skjema(sti, definisjon=definisjon))
        except SkjemaverkError:  # an example that cannot be read only means made-up values
            pass
    return bygg_kontekst(definisjon, eksempeldata(definisjon))


def _kort(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= _MAKS_EKSEMPEL else tekst[: _MAKS_EKSEMPEL - 1] + "…"


def _eksempel(verdi: object) -> str:
    """Return an example value as a person reads it in the list."""
    if isinstance(verdi, Bilde):
        return f"(et bilde: {_kort(str(verdi.alt))})" if verdi.alt else "(et bilde)"
    if isinstance(verdi, bool):
        return "sann" if verdi else "usann"
    if isinstance(verdi, Mapping):
        return "grupper: " + ", ".join(str(k) for k in verdi)
    if isinstance(verdi, list):
        if not verdi:
            return "(tom liste i eksemplet)"
        rader = "1 rad" if len(verdi) == 1 else f"{len(verdi)} rader"
        forste = verdi[0]
        if isinstance(forste, Mapping):
            return f"{rader}; hver har: " + ", ".join(str(k) for k in forste)
        if isinstance(forste, Bilde):
            return f"{rader} (bilder)"
        return f"{rader}: " + _kort(", ".join(str(v) for v in verdi))
    return _kort(str(verdi)) if str(verdi) else "(tomt i eksemplet)"


def _felteksempel(felt: Felt, kontekst: Mapping[str, object]) -> str:
    verdi = kontekst.get(felt.key, "")
    if verdi not in ("", None):
        return _eksempel(verdi)
    if felt.valg:
        return f"for eksempel {felt.valg[0]}"
    if felt.forslag:
        return f"for eksempel {felt.forslag[0]}"
    return "(tomt i eksemplet)"


# -- building blocks --------------------------------------------------------------------------


def _kode(paragraf: Paragraph, tekst: str) -> Run:
    run = paragraf.add_run(tekst)
    run.font.name = KODEFONT
    run.font.size = Pt(9.5)
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:cs"), KODEFONT)
    rfonts.set(qn("w:eastAsia"), KODEFONT)
    return run


def _avsnitt(doc: Document, *deler: str | tuple[str]) -> Paragraph:
    """A paragraph of text pieces; a 1-tuple is template code (in a monospace font)."""
    p = doc.add_paragraph()
    for del_ in deler:
        if isinstance(del_, tuple):
            _kode(p, del_[0])
        else:
            p.add_run(del_)
    return p


def _kodeavsnitt(doc: Document, tekst: str) -> Paragraph:
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.left_indent = Mm(6)
    _kode(p, tekst)
    return p


def _merknad(doc: Document, tekst: str) -> None:
    p = doc.add_paragraph()
    run = p.add_run(tekst)
    run.font.size = Pt(9)
    run.font.color.rgb = _GRA


def _gjenta_overskrift(rad: _Row) -> None:
    trpr = rad._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _tabell(
    doc: Document,
    overskrifter: Sequence[str],
    rader: Sequence[Sequence[str]],
    bredder: Sequence[float],
    kode: Container[int] = (0,),
) -> Table:
    """A table with a repeated header row; columns in `kode` are set as template code."""
    t = doc.add_table(rows=1, cols=len(overskrifter))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    _gjenta_overskrift(t.rows[0])
    for celle, tekst in zip(t.rows[0].cells, overskrifter, strict=True):
        celle.paragraphs[0].add_run(tekst).bold = True
    for rad in rader:
        celler = t.add_row().cells
        for i, (celle, tekst) in enumerate(zip(celler, rad, strict=True)):
            p = celle.paragraphs[0]
            if i in kode:
                _kode(p, tekst)
            else:
                p.add_run(tekst).font.size = Pt(9.5)
    for rad in t.rows:
        for celle, bredde in zip(rad.cells, bredder, strict=True):
            celle.width = Mm(bredde)
    return t


def _lokketabell(
    doc: Document, overskrifter: Sequence[str], lokke: str, celler: Sequence[str]
) -> None:
    """A table whose middle row repeats: {%tr for %} and {%tr endfor %} rows around it."""
    t = doc.add_table(rows=4, cols=len(overskrifter))
    t.style = doc.styles["Table Grid"]
    _gjenta_overskrift(t.rows[0])
    for celle, tekst in zip(t.rows[0].cells, overskrifter, strict=True):
        celle.paragraphs[0].add_run(tekst).bold = True
    _kode(t.cell(1, 0).paragraphs[0], f"{{%tr for {lokke} %}}")
    for celle, tekst in zip(t.rows[2].cells, celler, strict=True):
        _kode(celle.paragraphs[0], tekst)
    _kode(t.cell(3, 0).paragraphs[0], "{%tr endfor %}")


# -- the document ------------------------------------------------------------------------------


def _innledning(doc: Document, definisjon: Skjemadefinisjon) -> None:
    doc.add_paragraph("Feltliste for Word-maler", style="Title")
    _avsnitt(
        doc,
        f"Dette er alle feltene i «{definisjon.tittel}» (versjon {definisjon.versjon}) som "
        f"du kan bruke i en egen Word-mal for {_dokumenter(definisjon)}. Skriv koden i den "
        "første kolonnen rett inn i malen, så settes verdien fra skjemaet inn der. For "
        "eksempel blir ",
        ("{{ " + _forste_felt(definisjon).key + " }}",),
        f" til «{_forste_felt(definisjon).etikett}».",
    )
    _avsnitt(
        doc,
        "Eksemplene er hentet fra et utfylt eksempelskjema. Kopier kodene herfra i stedet "
        "for å skrive dem av, og sjekk malen med ",
        ("skjemaverk sjekk-mal MAL.docx",),
        " før du bruker den. Veiledningen «Lag din egen mal» forklarer alt steg for steg.",
    )


def _felter(doc: Document, definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Feltene i skjemaet", level=1)
    _avsnitt(
        doc,
        "Datoer kommer som dd.mm.åååå, Ja/Nei-spørsmål som «Ja» eller «Nei», og et tomt "
        "felt som tom tekst.",
    )
    for del_ in definisjon.deler:
        if not del_.felter:
            continue
        doc.add_heading(del_.tittel, level=2)
        rader = [
            [
                "{{ " + f.key + " }}",
                f.etikett + (" (påkrevd)" if f.pakrevd else ""),
                _TYPENAVN.get(f.type, f.type),
                _felteksempel(f, kontekst),
            ]
            for f in del_.felter
        ]
        _tabell(doc, ["Kode", "Ledetekst i skjemaet", "Type", "Eksempel"], rader, [50, 56, 24, 36])
        doc.add_paragraph()
        _avsnitt(doc, "Vis en del bare når noe i den er fylt ut: ", (f"vis_{del_.key}",), ".")


def _tabeller(doc: Document, definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Tabellene i skjemaet", level=1)
    _avsnitt(
        doc,
        "En tabell er en liste med rader. Du går gjennom radene med en løkke, og inne i "
        "løkken skriver du navnet på raden, et punktum og kolonnen, for eksempel ",
        (_kolonneeksempel(definisjon),),
        " mellom doble klammeparenteser. Se eksemplene lenger ned.",
    )
    for tabell in definisjon.tabeller:
        doc.add_heading(f"{tabell.etikett} ({tabell.key})", level=2)
        rader_i = kontekst.get(tabell.key) or []
        forste = rader_i[0] if isinstance(rader_i, list) and rader_i else {}
        bokstav = tabell.key[0]
        rader = [
            [
                f"{bokstav}.{k.key}",
                k.etikett,
                _TYPENAVN.get(k.type, k.type),
                _kort(str(forste.get(k.key, ""))) or "(tomt i eksemplet)",
            ]
            for k in tabell.kolonner
        ]
        _tabell(doc, ["Kolonne", "Ledetekst", "Type", "Eksempel"], rader, [40, 56, 30, 40])
        _merknad(doc, f"Løkken: for {bokstav} in {tabell.key}. Se eksemplene.")


def _avledede(doc: Document, definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Verdier Skjemaverk regner ut", level=1)
    _avsnitt(
        doc,
        "Disse verdiene står ikke i skjemaet, men regnes ut av det. Lister brukes i en løkke "
        "som tabellene; et bilde settes inn med koden alene i et eget avsnitt.",
    )
    rader = [
        ["{{ " + key + " }}", tekst, _eksempel(kontekst.get(key, ""))]
        for key, tekst in beskrivelser(definisjon).items()
    ]
    _tabell(doc, ["Kode", "Hva det er", "Eksempel"], rader, [56, 62, 48])


def _dokumenter(definisjon: Skjemadefinisjon) -> str:
    titler = [d.tittel.lower() for d in definisjon.dokumenter]
    return liste(titler) if titler else "dokumentene"


def _forste_felt(definisjon: Skjemadefinisjon) -> Felt:
    return definisjon.felt(definisjon.navn_felt) if definisjon.navn_felt else definisjon.felter[0]


def _kolonneeksempel(definisjon: Skjemadefinisjon) -> str:
    if not definisjon.tabeller:
        return "r.kolonne"
    tabell = definisjon.tabeller[0]
    return f"{tabell.key[0]}.{tabell.kolonner[0].key}"


def _eksempler(doc: Document, definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]) -> None:
    doc.add_heading("Eksempler å kopiere", level=1)

    if definisjon.tabeller:
        tabell = definisjon.tabeller[0]
        kolonner = tabell.kolonner[:3]
        bokstav = tabell.key[0]
        doc.add_heading(f"En løkke over «{tabell.etikett}» i en tabell", level=2)
        _avsnitt(
            doc,
            "Lag en tabell med en overskriftsrad, en rad med tr-koden som starter løkken alene "
            "i første celle, raden som skal gjentas for hver rad i skjemaet, og en rad med "
            "tr-koden som avslutter løkken. Radene med tr-kodene blir borte i det ferdige "
            "dokumentet. Kopier gjerne hele tabellen:",
        )
        _lokketabell(
            doc,
            [k.etikett for k in kolonner],
            f"{bokstav} in {tabell.key}",
            ["{{ " + f"{bokstav}.{k.key}" + " }}" for k in kolonner],
        )
        doc.add_paragraph()
    for avledet in avledninger(definisjon):
        if not isinstance(avledet, Parter):
            continue
        grupper = list(avledet.gruppekeys.values())
        _avsnitt(
            doc,
            "Radene side om side, med hver gruppe i sin kolonne, slik planen viser dem:",
        )
        _lokketabell(
            doc,
            list(avledet.gruppenavn),
            f"r in {avledet.navn}_rader",
            ["{{ r." + g + "." + avledet.tekst_key + " }}" for g in grupper],
        )
        doc.add_paragraph()

    doc.add_heading("Et vilkår: vis noe bare når det er fylt ut", level=2)
    _avsnitt(
        doc,
        "Sett vilkåret og slutten i hvert sitt avsnitt. Alt mellom dem blir med bare når "
        "vilkåret er oppfylt; avsnittene med kodene blir borte. Slik:",
    )
    lang = next((f for f in definisjon.felter if f.lang), definisjon.felter[0])
    del_ = definisjon.del_for(lang.key)
    _kodeavsnitt(doc, f"{{%p if vis_{del_.key} %}}")
    _avsnitt(doc, f"{lang.etikett}: ", ("{{ " + lang.key + " }}",))
    _kodeavsnitt(doc, "{%p endif %}")
    dato = next((f for f in definisjon.felter if f.type == "dato"), None)
    if dato is not None:
        _avsnitt(
            doc,
            "Inne i en setning kan du skrive vilkåret uten p: ",
            (f"{{% if {dato.key} %}}{dato.etikett}: {{{{ {dato.key} }}}}.{{% endif %}}",),
        )
    valg = next((f for f in definisjon.felter if f.type == "valg"), None)
    if valg is not None:
        _avsnitt(
            doc,
            "Sammenlign med en tekst mellom rette anførselstegn: ",
            (f'{{% if {valg.key} == "{valg.valg[0]}" %}}({valg.valg[0].lower()}){{% endif %}}',),
            ". Word må ikke gjøre dem om til « » eller “ ”.",
        )

    doc.add_heading("Den generelle delen", level=2)
    _avsnitt(
        doc,
        "Felt du ikke plasserer selv i malen, kan komme med likevel: løkken over «deler» viser "
        "hver del av skjemaet med det malen ikke har plassert, i skjemaets rekkefølge. Da "
        "kommer også nye spørsmål i skjemaet med uten at malen må endres. De innebygde malene "
        "viser hvordan (skjemaverk maler --kopier MAPPE). Det enkleste:",
    )
    _kodeavsnitt(doc, "{%p for d in deler %}")
    _kodeavsnitt(doc, "{%p for f in d.felter %}")
    _avsnitt(doc, "", ("{{ f.etikett }}",), ": ", ("{{ f.tekst }}",))
    _kodeavsnitt(doc, "{%p endfor %}")
    _kodeavsnitt(doc, "{%p endfor %}")

    bilder = [key for key in bildekeys(definisjon) if key != "logo"]
    if bilder:
        doc.add_heading("Et diagram", level=2)
        _avsnitt(
            doc,
            "Et diagram er et bilde. Skriv koden alene i et eget avsnitt, og sett et vilkår "
            "rundt så avsnittet blir borte når det ikke er noe å tegne. Bildet får bredden fra "
            "Skjemaverk og en alternativ tekst for skjermlesere. Slik:",
        )
        _kodeavsnitt(doc, f"{{%p if {bilder[0]} %}}")
        _kodeavsnitt(doc, f"{{{{ {bilder[0]} }}}}")
        _kodeavsnitt(doc, "{%p endif %}")
        doc.add_paragraph()
        _avsnitt(doc, "Diagrammene du kan bruke: " + ", ".join(bilder) + ".")
    _avsnitt(
        doc,
        "Skolens logo fra innstillingene settes inn på samme måte med logo. Du kan også "
        "lime logoen rett inn i toppteksten i Word; da blir den med i alle dokumentene.",
    )

    doc.add_heading("Vanlige feil", level=2)
    for tekst in (
        'Word gjør " om til « » eller “ ”: slå av «Rette anførselstegn» under Autokorrektur '
        "(Autoformat mens du skriver) før du skriver mal-koder.",
        "En kode med ulik formatering eller stavekontroll midt i: slett hele koden og skriv "
        "den inn på nytt i ett strøk, eller lim den inn som ren tekst.",
        "En løkke over rader uten tr: bruk tr-kodene i egne rader, som i eksemplet over.",
        "Et feltnavn med mellomrom eller æ, ø, å: feltnavnene skrives som i listen over, "
        "med _ og uten norske bokstaver.",
    ):
        doc.add_paragraph(tekst, style="List Bullet")


def _lag(definisjon: Skjemadefinisjon, kontekst: Mapping[str, object]) -> Document:
    doc = docx.Document()
    sett_sprak(doc)
    seksjon = doc.sections[0]
    seksjon.page_width, seksjon.page_height = Mm(210), Mm(297)
    seksjon.left_margin = seksjon.right_margin = Mm(22)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    egenskaper = doc.core_properties
    egenskaper.title = "Feltliste for Word-maler"
    egenskaper.author = "Skjemaverk"
    egenskaper.language = SPRAK
    egenskaper.comments = ""
    _innledning(doc, definisjon)
    _felter(doc, definisjon, kontekst)
    _tabeller(doc, definisjon, kontekst)
    _avledede(doc, definisjon, kontekst)
    _eksempler(doc, definisjon, kontekst)
    return doc


def lag_feltdokument(
    definisjon: Skjemadefinisjon,
    ut: Path | str,
    *,
    overskriv: bool = False,
    eksempel: Path | None = None,
) -> Path:
    """Write the field list for template authors to `ut` (.docx) and return its path.

    Refuses to replace an existing file unless `overskriv`; writes through a
    temporary file in the same folder, so a reader never sees half a file.
    `eksempel` is a filled form to take example values from (default: the
    bundled example of the form, if there is one).
    """
    ut = Path(ut)
    sjekk_ledig([ut], overskriv)
    if not ut.parent.is_dir():
        raise SkriveError(f"Mappen «{ut.parent}» finnes ikke. Lag den først, eller velg en annen.")

    doc = _lag(definisjon, _eksempelkontekst(definisjon, eksempel).verdier)
    innhold = io.BytesIO()
    doc.save(innhold)
    skriv_atomisk(ut, innhold.getvalue())
    return ut

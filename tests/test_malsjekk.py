"""Checking a school's own Word template: every problem, each with its place."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from hjelpere_docx import all_tekst, full_data, kontekst, topptekst

from toolkit.errors import MalError
from toolkit.kjoring import lag_dokumenter
from toolkit.malsjekk import Malfunn, eksempeldata, har_feil, sjekk_mal
from toolkit.register import standard_definisjon
from toolkit.render import Mal
from toolkit.ressurser import maler_mappe

DEF = standard_definisjon()
KODE = "Malen prøver å kjøre kode. Den blir ikke brukt."


# -- helpers: templates built with python-docx -----------------------------------------


def _lagre(doc, tmp_path: Path, navn: str = "mal.docx") -> Path:
    sti = tmp_path / navn
    doc.save(sti)
    return sti


def mal_med(tmp_path: Path, *avsnitt: str, navn: str = "mal.docx") -> Path:
    """A template with one paragraph per text."""
    doc = Document()
    for tekst in avsnitt:
        doc.add_paragraph(tekst)
    return _lagre(doc, tmp_path, navn)


def tabellmal(tmp_path: Path, rader: list[list[str]], *før: str) -> Path:
    """A template with the paragraphs `før` and then one table of `rader`."""
    doc = Document()
    for tekst in før:
        doc.add_paragraph(tekst)
    tabell = doc.add_table(rows=len(rader), cols=len(rader[0]))
    for r, rad in enumerate(rader):
        for c, tekst in enumerate(rad):
            tabell.cell(r, c).text = tekst
    return _lagre(doc, tmp_path)


def feil(funn: list[Malfunn]) -> list[Malfunn]:
    return [f for f in funn if f.alvor == "feil"]


def en(funn: list[Malfunn], tekst: str) -> Malfunn:
    """The one finding whose message holds `tekst`."""
    treff = [f for f in funn if tekst in f.melding]
    assert len(treff) == 1, [f.tekst() for f in funn]
    return treff[0]


def png(bredde: int = 4, hoyde: int = 2) -> bytes:
    """A tiny valid PNG (a red rectangle), made with zlib."""

    def bit(art: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + art
            + data
            + struct.pack(">I", zlib.crc32(art + data) & 0xFFFFFFFF)
        )

    rader = b"".join(b"\x00" + b"\xff\x00\x00" * bredde for _ in range(hoyde))
    return (
        b"\x89PNG\r\n\x1a\n"
        + bit(b"IHDR", struct.pack(">IIBBBBB", bredde, hoyde, 8, 2, 0, 0, 0))
        + bit(b"IDAT", zlib.compress(rader))
        + bit(b"IEND", b"")
    )


# -- sound templates ---------------------------------------------------------------------


@pytest.mark.parametrize("navn", ["plan.docx", "kartleggingsrapport.docx"])
def test_innebygde_maler_har_ingen_funn(tmp_path: Path, navn: str) -> None:
    kopi = tmp_path / f"kopi av {navn}"
    shutil.copy(maler_mappe() / navn, kopi)
    assert sjekk_mal(kopi, DEF) == []


def test_riktig_mal_med_lokke_i_tabell_og_vilkar_har_ingen_funn(tmp_path: Path) -> None:
    sti = tabellmal(
        tmp_path,
        [
            ["Tiltak", "Ansvarlig"],
            ["{%tr for t in tiltak %}", ""],
            ["{{ t.tiltak }}", "{{ t.ansvarlig }}"],
            ["{%tr endfor %}", ""],
        ],
        "{{ plan_tittel }}",
        "{%p if vis_plan %}",
        "Mål: {{ plan_mal }}{% if plan_neste_mote %} (neste møte {{ plan_neste_mote }}){% endif %}",
        "{%p endif %}",
    )
    assert sjekk_mal(sti, DEF) == []


# -- (a) Jinja syntax errors, each with its place -----------------------------------------


def test_if_som_aldri_lukkes(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "Hei", "{%p if vis_plan %}", "Planen", "Slutt")
    funn = en(sjekk_mal(sti, DEF), "blir aldri avsluttet")
    assert funn.hvor == "Brødtekst, avsnitt 2"
    assert funn.tekst_rundt == "{%p if vis_plan %}"
    assert "{%p endif %}" in funn.melding


def test_felt_med_en_klamme_for_lite(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "Elev: {{ elev_navn }", "Trinn: {{ trinn }}")
    funn = en(sjekk_mal(sti, DEF), "er ikke lukket")
    assert funn.hvor == "Brødtekst, avsnitt 1"
    assert "«}}»" in funn.melding
    assert funn.tekst_rundt == "Elev: {{ elev_navn }"


def test_feltnavn_med_mellomrom(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "Elev: {{ elev navn }}")
    funn = en(sjekk_mal(sti, DEF), "skrivefeil")
    assert "«navn» står på feil sted" in funn.melding
    assert "elev_navn" in funn.melding


def test_endfor_som_lukker_if(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "{%p if har_tiltak %}", "Tiltak", "{%p endfor %}")
    funn = sjekk_mal(sti, DEF)
    assert en(funn, "har ingen").hvor == "Brødtekst, avsnitt 3"
    assert en(funn, "blir aldri avsluttet").hvor == "Brødtekst, avsnitt 1"


def test_ukjent_malkode_foreslar_riktig(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "{% iff har_tiltak %}ja{% endif %}")
    funn = sjekk_mal(sti, DEF)
    assert "mente du «if»?" in en(funn, "ikke en mal-kode").melding


def test_ukjent_filter(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "{{ elev_navn|storebokstaver }}")
    assert "filteret «storebokstaver» finnes ikke" in en(sjekk_mal(sti, DEF), "filter").melding


# -- (b) unknown fields, with the closest known one --------------------------------------


def test_ukjent_felt_i_tabellcelle_far_forslag(tmp_path: Path) -> None:
    sti = tabellmal(tmp_path, [["Elev", "Skole"], ["{{ elev_nav }}", "{{ skole }}"]])
    funn = en(sjekk_mal(sti, DEF), "elev_nav")
    assert funn.hvor == "Tabell 1, rad 2, celle 1"
    assert "mente du «elev_navn»?" in funn.melding
    assert funn.alvor == "feil"


def test_ukjent_kolonne_i_lokke_far_forslag(tmp_path: Path) -> None:
    sti = tabellmal(
        tmp_path,
        [["{%tr for t in tiltak %}"], ["{{ t.ansvarlg }}"], ["{%tr endfor %}"]],
    )
    funn = en(sjekk_mal(sti, DEF), "ansvarlg")
    assert funn.hvor == "Tabell 1, rad 2, celle 1"
    assert "mente du «t.ansvarlig»?" in funn.melding


def test_lokkevariabel_er_kjent_bare_inni_lokken(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "{%p for t in tiltak %}", "{{ t.tiltak }}", "{%p endfor %}", "{{ t }}")
    funn = sjekk_mal(sti, DEF)
    assert [f.hvor for f in funn] == ["Brødtekst, avsnitt 4"]


def test_felt_i_topptekst_og_bunntekst(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ elev_navn }}")
    doc.sections[0].header.paragraphs[0].text = "{{ skolen }}"
    doc.sections[0].footer.paragraphs[0].text = "Side for {{ elev_navnn }}"
    funn = sjekk_mal(_lagre(doc, tmp_path), DEF)
    assert [(f.hvor, f.tekst_rundt) for f in funn] == [
        ("Topptekst, avsnitt 1", "{{ skolen }}"),
        ("Bunntekst, avsnitt 1", "Side for {{ elev_navnn }}"),
    ]
    assert "mente du «skole»?" in funn[0].melding
    assert "mente du «elev_navn»?" in funn[1].melding


# -- (c) tags that Word split ---------------------------------------------------------------


def test_tagg_delt_over_to_avsnitt(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "Elev: {{ elev_", "navn }} i klassen")
    funn = sjekk_mal(sti, DEF)
    assert len(funn) == 1
    assert funn[0].hvor == "Brødtekst, avsnitt 1"
    assert "delt over to avsnitt" in funn[0].melding
    assert "{{ elev_ ¶ navn }}" in funn[0].melding


def test_tagg_delt_av_lenke(tmp_path: Path) -> None:
    doc = Document()
    p = doc.add_paragraph("Elev: {{ elev_")
    lenke = OxmlElement("w:hyperlink")
    lenke.set(qn("w:anchor"), "topp")
    run = OxmlElement("w:r")
    tekst = OxmlElement("w:t")
    tekst.text = "navn }}"
    run.append(tekst)
    lenke.append(run)
    p._p.append(lenke)
    funn = en(sjekk_mal(_lagre(doc, tmp_path), DEF), "delt av en lenke")
    assert funn.hvor == "Brødtekst, avsnitt 1"
    assert funn.alvor == "feil"


def test_tagg_med_ulik_formatering_er_en_advarsel_og_virker(tmp_path: Path) -> None:
    doc = Document()
    p = doc.add_paragraph("Elev: ")
    p.add_run("{{ elev_").bold = True
    p.add_run("navn }}").italic = True
    sti = _lagre(doc, tmp_path)
    funn = sjekk_mal(sti, DEF)
    assert len(funn) == 1
    assert funn[0].alvor == "advarsel"
    assert "ulik formatering" in funn[0].melding
    assert not har_feil(funn)
    # docxtpl joins the parts, so the template works.
    ctx = kontekst(full_data())
    ut = tmp_path / "ut.docx"
    ut.write_bytes(Mal(sti).render(ctx, tittel="Test"))
    assert "Elev: Amin Hassan" in all_tekst(ut)


def test_stavekontroll_mellom_delene_er_ikke_et_problem(tmp_path: Path) -> None:
    doc = Document()
    p = doc.add_paragraph()
    p.add_run("{{ elev_")
    p._p.append(OxmlElement("w:proofErr"))
    p.add_run("navn }}")
    assert sjekk_mal(_lagre(doc, tmp_path), DEF) == []


def test_p_tagg_midt_i_tekst(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "Plan: {%p if vis_plan %} vises", "Mål", "{%p endif %}")
    funn = en(sjekk_mal(sti, DEF), "resten av avsnittet")
    assert funn.hvor == "Brødtekst, avsnitt 1"
    assert "«Plan: vises»" in funn.melding


def test_tr_tagg_utenfor_tabell(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "{%tr for t in tiltak %}", "{{ t.tiltak }}", "{%tr endfor %}")
    funn = sjekk_mal(sti, DEF)
    assert [f.hvor for f in funn] == ["Brødtekst, avsnitt 1", "Brødtekst, avsnitt 3"]
    assert all("utenfor en tabell" in f.melding for f in funn)


def test_tr_tagg_med_annen_tekst_i_raden(tmp_path: Path) -> None:
    sti = tabellmal(
        tmp_path,
        [["{%tr for t in tiltak %}", "Overskrift"], ["{{ t.tiltak }}", ""], ["{%tr endfor %}", ""]],
    )
    funn = en(sjekk_mal(sti, DEF), "alt annet i raden")
    assert funn.hvor == "Tabell 1, rad 1, celle 1"


# -- (d) smart quotes ----------------------------------------------------------------------


def test_norske_anforselstegn_i_tagg(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "Før", "{% if fravaerstype == «Skolevegring» %}Vegring{% endif %}")
    funn = sjekk_mal(sti, DEF)
    assert len(funn) == 1
    assert funn[0].hvor == "Brødtekst, avsnitt 2"
    assert "« »" in funn[0].melding
    assert "Rette anførselstegn" in funn[0].melding


def test_engelske_typografiske_anforselstegn_er_en_advarsel(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "{% if fravaerstype == “Skolevegring” %}Vegring{% endif %}")
    funn = sjekk_mal(sti, DEF)
    assert [f.alvor for f in funn] == ["advarsel"]
    assert "“ ”" in funn[0].melding


# -- (e) a loop over table rows without row tags --------------------------------------------


def test_lokke_over_tabellrader_uten_tr(tmp_path: Path) -> None:
    sti = tabellmal(
        tmp_path,
        [["Tiltak", "Ansvarlig"], ["{% for t in tiltak %}{{ t.tiltak }}", "{{ t.ansvarlig }}"],
         ["{% endfor %}", ""]],
    )  # fmt: skip
    funn = en(sjekk_mal(sti, DEF), "i en annen rad")
    assert funn.hvor == "Tabell 1, rad 2, celle 1"
    assert "{%tr for … %}" in funn.melding


def test_lokke_over_tabellceller_uten_tr(tmp_path: Path) -> None:
    sti = tabellmal(tmp_path, [["{% for t in tiltak %}{{ t.tiltak }}", "{% endfor %}"]])
    funn = en(sjekk_mal(sti, DEF), "i en annen celle")
    assert funn.hvor == "Tabell 1, rad 1, celle 1"


def test_lokke_som_slutter_utenfor_tabellen(tmp_path: Path) -> None:
    doc = Document()
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "{% for t in tiltak %}{{ t.tiltak }}"
    doc.add_paragraph("{% endfor %}")
    funn = en(sjekk_mal(_lagre(doc, tmp_path), DEF), "ødelagt")
    assert funn.hvor == "Tabell 1, rad 1, celle 1"
    assert "(Brødtekst, avsnitt 1)" in funn.melding


# -- every problem in one run -----------------------------------------------------------------


def test_alle_feil_i_en_runde(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ elev_nav }}")
    doc.add_paragraph("{{ trinn }")
    doc.add_paragraph("{% if fravaerstype == «Skolevegring» %}x{% endif %}")
    t = doc.add_table(rows=2, cols=1)
    t.cell(0, 0).text = "{% for t in tiltak %}{{ t.tiltak }}"
    t.cell(1, 0).text = "{% endfor %}"
    doc.sections[0].header.paragraphs[0].text = "{{ skolee }}"
    funn = sjekk_mal(_lagre(doc, tmp_path), DEF)
    assert [f.hvor for f in funn] == [
        "Brødtekst, avsnitt 1",
        "Brødtekst, avsnitt 2",
        "Brødtekst, avsnitt 3",
        "Tabell 1, rad 1, celle 1",
        "Topptekst, avsnitt 1",
    ]
    assert all(f.alvor == "feil" for f in funn)


def test_funn_som_en_linje(tmp_path: Path) -> None:
    sti = tabellmal(tmp_path, [["{{ elev_nav }}"]])
    (funn,) = sjekk_mal(sti, DEF)
    linje = funn.tekst()
    assert "\n" not in linje
    assert linje.startswith("FEIL – Tabell 1, rad 1, celle 1 («{{ elev_nav }}»): Feltet «elev_nav»")


def test_lang_tekst_kortes_rundt_problemet(tmp_path: Path) -> None:
    sti = mal_med(tmp_path, "a" * 200 + " {{ elev_nav }} " + "b" * 200)
    (funn,) = sjekk_mal(sti, DEF)
    assert funn.tekst_rundt.startswith("…")
    assert funn.tekst_rundt.endswith("…")
    assert "{{ elev_nav }}" in funn.tekst_rundt
    assert len(funn.tekst_rundt) < 100


def test_ikke_et_word_dokument(tmp_path: Path) -> None:
    sti = tmp_path / "mal.docx"
    sti.write_text("ikke word")
    with pytest.raises(MalError, match="ikke et Word-dokument"):
        sjekk_mal(sti, DEF)
    with pytest.raises(MalError, match="Fant ikke"):
        sjekk_mal(tmp_path / "finnes-ikke.docx", DEF)


# -- a template that tries to run code ----------------------------------------------------------


@pytest.mark.parametrize(
    "kode",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('touch {fil}').read() }}",
        "{{ lipsum.__globals__['os'].popen('touch {fil}').read() }}",
        "{{ elev_navn|attr('__class__') }}",
        "{% set x = joiner.__init__.__globals__ %}{{ x.os.popen('touch {fil}') }}",
    ],
)
def test_mal_som_prover_a_kjore_kode_blir_avvist(tmp_path: Path, kode: str) -> None:
    spor = tmp_path / "HACKET"
    sti = mal_med(tmp_path, "Hei", kode.replace("{fil}", str(spor)))
    funn = sjekk_mal(sti, DEF)
    assert funn
    assert all(f.hvor == "Brødtekst, avsnitt 2" and f.melding.startswith(KODE) for f in funn)

    ctx = kontekst(full_data())
    with pytest.raises(MalError, match=r"Malen «mal\.docx» prøver å"):
        Mal(sti).render(ctx, tittel="Test")
    assert not spor.exists()


# -- a school's own template with a logo --------------------------------------------------------


def test_skolens_egen_mal_med_logo_fylles_ut(tmp_path: Path) -> None:
    doc = Document()
    topp = doc.sections[0].header.paragraphs[0]
    topp.add_run().add_picture(io.BytesIO(png()), width=Mm(30))
    topp.add_run("\t{{ skole }} – Unntatt offentlighet")
    doc.add_heading("{{ plan_tittel }}", level=1)
    doc.add_paragraph("Elev: {{ elev_navn }}, {{ trinn_klasse }}")
    tabell = doc.add_table(rows=4, cols=2)
    tabell.cell(0, 0).text, tabell.cell(0, 1).text = "Tiltak", "Ansvarlig"
    tabell.cell(1, 0).text = "{%tr for t in tiltak %}"
    tabell.cell(2, 0).text, tabell.cell(2, 1).text = "{{ t.tiltak }}", "{{ t.ansvarlig }}"
    tabell.cell(3, 0).text = "{%tr endfor %}"
    sti = _lagre(doc, tmp_path, "skolens plan.docx")
    assert sjekk_mal(sti, DEF) == []

    ut = tmp_path / "ut"
    _rapport, plan, _notat = lag_dokumenter(full_data(), ut, maler={"plan": sti})
    tekst = all_tekst(plan)
    assert "Amins plan for å komme tilbake til skolen" in tekst
    assert "Foreldrene vekker Amin om morgenen." in tekst
    assert any("Solbakken skole" in linje for linje in topptekst(plan))
    with zipfile.ZipFile(plan) as z:
        bilder = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(bilder) == 1
        assert z.read(bilder[0]) == png()
        topptekster = [n for n in z.namelist() if n.startswith("word/header")]
        assert any("<pic:pic" in z.read(n).decode() for n in topptekster if n.endswith(".xml"))


def test_eksempeldata_fyller_alle_felter() -> None:
    data = eksempeldata(DEF)
    assert all(v is not None for v in data.verdier.values())
    ctx = kontekst(data)
    assert {r["omrade"] for r in ctx["tiltak"]} >= {"Skolen", "Hjemmet", "Eleven"}
    assert ctx["tiltak_rader"] and ctx["push_ja"] and ctx["fravaer_rader"]


def test_feil_i_tabell_i_topptekst(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ elev_navn }}")
    topp = doc.sections[0].header
    tabell = topp.add_table(rows=1, cols=2, width=Mm(160))
    tabell.cell(0, 1).text = "{{ kontaktlarer }}"
    funn = en(sjekk_mal(_lagre(doc, tmp_path), DEF), "kontaktlarer")
    assert funn.hvor == "Topptekst, tabell 1, rad 1, celle 2"
    assert "mente du «kontaktlaerer»?" in funn.melding


@pytest.mark.libreoffice
def test_innebygd_mal_lagret_av_libreoffice_har_ingen_funn(tmp_path: Path) -> None:
    from lo import konverter

    kopi = tmp_path / "plan.docx"
    shutil.copy(maler_mappe() / "plan.docx", kopi)
    (lagret,) = konverter([kopi], tmp_path / "lagret", "docx")
    assert sjekk_mal(lagret, DEF) == []


# -- the renderer's closed sandbox, checked before it runs ---------------------------------


@pytest.mark.parametrize(
    ("kode", "tekst"),
    [
        (
            "{{ elev_navn.center(30) }}",
            "«elev_navn.center» kan ikke brukes: Skjemaverk tillater ikke «center» i en mal. "
            "På «elev_navn» kan en mal bare bruke metodene for tekst",
        ),
        (
            "{{ tiltak.append(1) }}",
            "«tiltak.append» kan ikke brukes: Skjemaverk tillater ikke «append» i en mal.",
        ),
        (
            "{% for t in tiltak %}{{ t.pop('tiltak') }}{% endfor %}",
            "På «t» kan en mal bare bruke items, keys, values og get.",
        ),
        (
            "{% for t in tiltak %}{{ loop.foo }}{% endfor %}",
            "«loop.foo» kan ikke brukes: Skjemaverk tillater ikke «foo» i en mal. På en løkke",
        ),
        (
            "{{ fravaer_diagram_fag.alt }}",
            "«fravaer_diagram_fag.alt» kan ikke brukes: et bilde har ingen egenskaper i en mal. "
            "Sett det inn med {{ fravaer_diagram_fag }}",
        ),
        (
            "{{ logo.hoyde_mm }}",
            "«logo.hoyde_mm» kan ikke brukes: et bilde har ingen egenskaper i en mal.",
        ),
    ],
)
def test_det_sandkassen_nekter_blir_funnet_med_sted(tmp_path: Path, kode: str, tekst: str) -> None:
    sti = mal_med(tmp_path, "Hei", kode)
    funn = en(sjekk_mal(sti, DEF), tekst)
    assert funn.hvor == "Brødtekst, avsnitt 2"
    assert funn.alvor == "feil"


@pytest.mark.parametrize(
    ("kode", "hva", "grunn"),
    [
        ("{{ cycler('a', 'b').next() }}", "«cycler»", "Det gir tilgang til Python-koden"),
        ("{% set j = joiner() %}", "«joiner»", "Det gir tilgang til Python-koden"),
        ("{{ lipsum(2) }}", "«lipsum»", "Det gir tilgang til Python-koden"),
        ("{{ elev_navn|center(80) }}", "filteret «center»", "En Word-mal trenger det ikke"),
        ("{{ elev_navn|safe }}", "filteret «safe»", "En Word-mal trenger det ikke"),
        (
            "{% for t in tiltak recursive %}{% endfor %}",
            "en løkke som kaller seg selv (recursive)",
            "ikke kalle seg selv",
        ),
    ],
)
def test_forbudte_navn_og_filtre_far_sin_grunn(
    tmp_path: Path, kode: str, hva: str, grunn: str
) -> None:
    sti = mal_med(tmp_path, "Hei", kode)
    funn = en(sjekk_mal(sti, DEF), f"bruker {hva}, som ikke er tillatt i en mal.")
    assert funn.hvor == "Brødtekst, avsnitt 2"
    assert grunn in funn.melding


def test_provefyllingen_sier_hvor_en_grense_ble_passert(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ elev_navn }}")
    doc.sections[0].header.paragraphs[
        0
    ].text = "{{ skole }}{% for i in range(100000) %}{{ '-' * 1000 }}{% endfor %}"
    (funn,) = sjekk_mal(_lagre(doc, tmp_path, "lang.docx"), DEF)
    assert funn.hvor == "Topptekst"
    assert funn.tekst_rundt.startswith("{{ skole }}{% for i in range(100000) %}")
    assert funn.melding.startswith(
        "Malen «lang.docx» ble stoppet: den lager mer enn 20 000 000 tegn tekst og lister."
    )


def test_en_makro_kan_kalles_etter_at_den_er_definert(tmp_path: Path) -> None:
    sti = mal_med(
        tmp_path,
        "{% macro rad(t) %}{{ t.tiltak }} ({{ t.ansvarlig }}){% endmacro %}",
        "{%p for t in tiltak %}",
        "{{ rad(t) }}",
        "{%p endfor %}",
    )
    assert sjekk_mal(sti, DEF) == []


def test_the_check_has_the_renderers_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toolkit.render

    assert toolkit.render.MAKS_SEKUNDER == 30.0  # the production limit, for both
    doc = Document()
    for _ in range(50):
        doc.add_paragraph("{{ elev_navn }} {% if skole %}{{ skole }}{% endif %}")
    sti = _lagre(doc, tmp_path, "mange.docx")
    assert sjekk_mal(sti, DEF) == []
    # A deadline already passed shows what happens at it without waiting: the tags of a
    # template of many megabytes would take longer to check than to fill in.
    monkeypatch.setattr(toolkit.render, "MAKS_SEKUNDER", 0.0)
    (funn,) = sjekk_mal(sti, DEF)
    assert funn.alvor == "feil"
    assert funn.melding.startswith(
        "Malen «mange.docx» ble stoppet: sjekken har brukt mer enn 0 sekunder. En vanlig mal "
        "kommer aldri i nærheten av en slik grense."
    )

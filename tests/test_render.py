"""The template context and the safe renderer."""

from __future__ import annotations

import io
import re
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from docx import Document
from hjelpere_docx import all_tekst, full_data, kontekst, sparsom_data, xml_deler

from tests.conftest import ROT
from toolkit.avledning import avledninger, grunnlag
from toolkit.avledning.moter import Motedatoer
from toolkit.dokumenter import render_dokumenter
from toolkit.errors import MalError
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.inntak import les_skjema
from toolkit.kjoring import lag_dokumenter
from toolkit.kontekst import kjente_keys
from toolkit.modell import Skjemadata
from toolkit.register import standard_definisjon
from toolkit.render import Mal, hent_mal, rens_tekst
from toolkit.ressurser import maler_mappe
from toolkit.tekst import genitiv
from toolkit.visning import Visning

DEF = standard_definisjon()
DEF_VISNING = Visning()
RAPPORT = maler_mappe() / "kartleggingsrapport.docx"
PLAN = maler_mappe() / "plan.docx"
NOTAT = maler_mappe() / "evalueringsnotat.docx"


def _mal_med(tmp_path: Path, *avsnitt: str, navn: str = "egen.docx") -> Path:
    doc = Document()
    for tekst in avsnitt:
        doc.add_paragraph(tekst)
    sti = tmp_path / navn
    doc.save(sti)
    return sti


def _render_til_fil(mal: Path | Mal, ctx: dict, ut: Path, tittel: str = "Test") -> Path:
    mal = mal if isinstance(mal, Mal) else Mal(mal)
    ut.write_bytes(mal.render(ctx, tittel=tittel))
    return ut


# -- context ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("navn", "ventet"),
    [
        ("Amin", "Amins"),
        ("Celine", "Celines"),
        ("Jonas", "Jonas'"),
        ("Max", "Max'"),
        ("Fritz", "Fritz'"),
        ("Anne-Lise", "Anne-Lises"),
        ("Åse", "Åses"),
        ("JONAS", "JONAS'"),
        ("", ""),
    ],
)
def test_genitiv(navn: str, ventet: str) -> None:
    assert genitiv(navn) == ventet


def test_kontekst_navn_og_tittel() -> None:
    ctx = kontekst(sparsom_data(elev_navn="  Jonas   Lie "))
    assert ctx["elev_fornavn"] == "Jonas"
    assert ctx["elev_genitiv"] == "Jonas'"
    assert ctx["elev_navn_genitiv"] == "Jonas Lies"
    assert ctx["plan_tittel"] == "Jonas' plan for å komme tilbake til skolen"
    ctx = kontekst(full_data())
    assert ctx["plan_tittel"] == "Amins plan for å komme tilbake til skolen"
    assert ctx["elev_navn_genitiv"] == "Amin Hassans"
    ctx = kontekst(sparsom_data(elev_navn=None))
    assert ctx["plan_tittel"] == "Plan for å komme tilbake til skolen"


def test_kontekst_verdier_som_tekst() -> None:
    ctx = kontekst(full_data(), idag=date(2026, 3, 14))
    assert ctx["kartlegging_dato"] == "12.03.2026"
    assert ctx["rel_redd_laerer"] == "Ja"
    assert ctx["push_presset_ut"] == "Nei"
    # The services with valid consent: BUP's was withdrawn on 16.03.2026.
    assert ctx["samtykke"] == "PPT og BUP"
    assert kontekst(full_data(), idag=date(2026, 3, 16))["samtykke"] == "PPT"
    assert ctx["generert_dato"] == "14.03.2026"
    assert ctx["tiltak"][3]["evaluering"] == ""
    assert ctx["fravaer"][1]["dokumentert"] == "Ja"
    sparsom = kontekst(sparsom_data())
    assert sparsom["klasse"] == ""
    assert sparsom["rel_redd_laerer"] == ""
    assert sparsom["samtykke"] == ""
    assert kontekst(sparsom_data(rel_redd_laerer=False))["rel_redd_laerer"] == "Nei"
    assert sparsom["trinn_klasse"] == "8. trinn"


def test_kontekst_har_alle_kjente_keys() -> None:
    for data in (full_data(), sparsom_data()):
        assert set(kontekst(data)) == kjente_keys(DEF)


def test_kontekst_faktorer_push_pull() -> None:
    ctx = kontekst(full_data())
    assert [f["navn"] for f in ctx["faktorer"]] == [
        "Hjemmeforhold",
        "Individuelle faktorer",
        "Relasjon til medelever",
        "Foreldres tillit til skolen",
        "Mestring på skolen",
        "Forhold til voksne på skolen",
        "Struktur på skolen",
        "Fritidsaktiviteter",
    ]
    assert [f["navn"] for f in ctx["faktorer_risiko"]] == ["Mestring på skolen"]
    assert "Forhold til voksne på skolen" in [f["navn"] for f in ctx["faktorer_beskyttende"]]
    assert [f["navn"] for f in ctx["faktorer_begge"]] == ["Hjemmeforhold"]
    push = [s["sporsmal"] for s in ctx["push_ja"]]
    assert "Opplever eleven å bli presset ut av skolen?" not in push  # answered Nei
    assert "Prøver eleven å unngå skremmende situasjoner på skolen?" in push
    assert all(not s["sporsmal"].startswith(("Push", "Pull")) for s in ctx["push_ja"])
    assert len(ctx["pull_ja"]) == 2


def test_kontekst_tiltak_side_om_side() -> None:
    ctx = kontekst(full_data())
    rader = ctx["tiltak_rader"]
    assert len(rader) == 2  # the school has two measures, the others one
    assert rader[0]["skolen"]["tiltak"].startswith("Miljøarbeideren")
    assert rader[1]["skolen"]["tiltak"].startswith("Kontaktlærer")
    assert rader[0]["hjelpetjenestene"]["ansvarlig"] == "PPT"
    assert rader[1]["hjemmet"] == {
        "omrade": "",
        "tiltak": "",
        "ansvarlig": "",
        "oppstart": "",
        "evaluering": "",
        "status": "",
        "finnes": False,
        "detaljer": [],
    }
    # The other columns of a measure, for the plan's cells: whatever the table has.
    assert rader[0]["hjelpetjenestene"]["detaljer"][0] == {"etikett": "Ansvarlig", "tekst": "PPT"}
    assert [len(v) for v in ctx["tiltak_per_omrade"].values()] == [2, 1, 1, 1]


def moter(neste: date | None, innstillinger: Innstillinger = STANDARD) -> list[dict]:
    """The meeting schedule the plan shows for a next meeting on `neste`."""
    data = Skjemadata(verdier={"plan_neste_mote": neste}, definisjon=DEF)
    [avledet] = [a for a in avledninger(DEF) if isinstance(a, Motedatoer)]
    g = grunnlag(DEF, data, innstillinger, date(2026, 3, 12))
    return avledet.kontekst(g, avledet.beregn(g), DEF_VISNING, {}, False)["evalueringer"]


def test_kontekst_evalueringsdatoer() -> None:
    datoer = moter(date(2026, 3, 17))
    assert [d["dato"] for d in datoer] == ["17.03.2026", "24.03.2026", "07.04.2026", "05.05.2026"]
    assert [d["hva"] for d in datoer] == [
        "Neste evalueringsmøte",
        "Evalueringsmøte, 1 uke etter forrige møte",
        "Evalueringsmøte, 2 uker etter forrige møte",
        "Evalueringsmøte, 4 uker etter forrige møte",
    ]
    assert moter(None) == []


def test_kontekst_fravaer() -> None:
    ctx = kontekst(full_data())
    assert (ctx["fravaer_dager"], ctx["fravaer_timer"], ctx["fravaer_for_sent"]) == (2, 5, 1)
    assert ctx["fravaer_oppsummering"] == "2 hele dager, 5 enkelttimer og 1 gang for sent"
    assert (ctx["fravaer_fra"], ctx["fravaer_til"]) == ("02.03.2026", "06.03.2026")
    tom = kontekst(sparsom_data())
    assert tom["har_fravaer"] is False
    assert tom["fravaer_oppsummering"] == ""


def test_kontekst_vis_flagg() -> None:
    full = kontekst(full_data())
    assert all(full[f"vis_{d.key}"] for d in DEF.deler)
    sparsom = kontekst(sparsom_data())
    assert sparsom["vis_om_eleven"] and sparsom["vis_plan"]
    assert {d.key for d in DEF.deler} == {
        "om_eleven",
        "samtykke",
        "elevsamtale",
        "foreldresamtale",
        "kartlegging",
        "ressurser",
        "push_pull",
        "faktorer",
        "relasjoner",
        "onde_sirkel",
        "plan",
        "evaluering",
        "videre",
        "fravaer",
    }
    for d in DEF.deler:
        if d.key not in ("om_eleven", "plan"):
            assert sparsom[f"vis_{d.key}"] is False, d.key
    # "Nei" is an answer; blank text is not.
    assert kontekst(sparsom_data(sirkel_glemt=False))["vis_onde_sirkel"] is True
    assert kontekst(sparsom_data(venner="   "))["vis_kartlegging"] is False


def test_kontekst_holder_rå_tekst() -> None:
    ctx = kontekst(sparsom_data(plan_mal="a & <b>"))
    assert ctx["plan_mal"] == "a & <b>"


# -- rendering: values survive exactly ---------------------------------------------------

VANSKELIG = "& < > \" ' &amp; &lt; {{ x }}? æøå ÆØÅ 🙂👍🏽"
LANG = ("Lang tekst med æøå. " * 300)[:5000]


def test_vanskelige_verdier_overlever(tmp_path: Path) -> None:
    data = full_data()
    data.verdier["plan_mal"] = VANSKELIG
    data.verdier["faglig_fungering"] = "første linje\nandre linje\r\ntredje linje"
    data.verdier["venner"] = "før\x01\x0b\x0c\x1f\ufffeetter & <ok>"
    data.verdier["forsokt"] = LANG
    data.verdier["utfylt_av"] = "Ola & Kari <rådgivere>"
    ctx = kontekst(data)
    for mal in (RAPPORT, PLAN):
        ut = _render_til_fil(mal, ctx, tmp_path / f"ut-{mal.name}")
        tekst = all_tekst(ut)
        assert VANSKELIG in tekst
        assert "\x01" not in tekst and "\x0b" not in tekst
        if mal == RAPPORT:
            assert "første linje\nandre linje\ntredje linje" in tekst
            assert "føretter & <ok>" in tekst
            assert LANG in tekst
            assert "Ola & Kari <rådgivere>" in tekst


def test_linjeskift_blir_linjeskift(tmp_path: Path) -> None:
    sti = _mal_med(tmp_path, "Svar: {{ a }}")
    ut = _render_til_fil(sti, {"a": "en\nto"}, tmp_path / "ut.docx")
    (p,) = [p for p in Document(str(ut)).paragraphs if p.text]
    assert p.text == "Svar: en\nto"
    assert len(p._p.findall(".//{*}br")) == 1


def test_rens_tekst() -> None:
    assert rens_tekst("a\x00b\x01c\x0bd\te\nf\rg\x7fh\ud800i") == "abcd\te\nf\nghi"


def test_ingen_mal_koder_igjen(tmp_path: Path) -> None:
    # The evaluation note is made only for a form with a meeting (the full one).
    for data, maler in ((full_data(), (RAPPORT, PLAN, NOTAT)), (sparsom_data(), (RAPPORT, PLAN))):
        ctx = kontekst(data)
        for mal in maler:
            ut = _render_til_fil(mal, ctx, tmp_path / f"ut-{mal.name}")
            for navn, xml in xml_deler(ut).items():
                assert "{{" not in xml and "{%" not in xml, navn
                assert "}}" not in xml and "%}" not in xml, navn


def test_dokumentegenskaper(tmp_path: Path) -> None:
    innhold = render_dokumenter(full_data()).innhold["kartleggingsrapport"]
    ut = tmp_path / "ut.docx"
    ut.write_bytes(innhold)
    cp = Document(str(ut)).core_properties
    assert cp.title == "Kartleggingsrapport"
    assert cp.language == "nb-NO"
    assert cp.author == "Solbakken skole"
    assert cp.last_modified_by == "Solbakken skole"
    assert cp.comments == ""
    assert cp.created is not None and cp.created.year >= 2025
    alle = "\n".join(xml_deler(ut).values())
    assert "python-docx" not in alle and "Skjemaverk</dc:creator>" not in alle


def test_malene_har_skoleformat() -> None:
    for mal in (RAPPORT, PLAN, NOTAT):
        doc = Document(str(mal))
        seksjon = doc.sections[0]
        assert (round(seksjon.page_width.mm), round(seksjon.page_height.mm)) == (210, 297)
        deler = xml_deler(mal)
        topp = "".join(v for k, v in deler.items() if "header" in k)
        assert "{{ skolenavn }}" in topp
        assert "Unntatt offentlighet, jf. offentleglova § 13, jf. forvaltningsloven § 13" in topp
        bunn = "".join(v for k, v in deler.items() if "footer" in k)
        assert " PAGE " in bunn and " NUMPAGES " in bunn and "Side " in bunn and " av " in bunn
        assert "<w:tblHeader/>" in deler["word/document.xml"]
        assert 'w:val="nb-NO"' in deler["word/styles.xml"]


# -- templates are checked before they run -----------------------------------------------


def test_ukjent_felt_gir_malfeil(tmp_path: Path) -> None:
    sti = _mal_med(tmp_path, "Elev: {{ elev_nav }}", navn="min mal.docx")
    mal = Mal(sti)
    with pytest.raises(MalError) as feil:
        mal.render(kontekst(full_data()), tittel="x")
    melding = str(feil.value)
    assert "min mal.docx" in melding and "elev_nav" in melding and "elev_navn" in melding


def test_ukjent_felt_i_topptekst(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ elev_navn }}")
    doc.sections[0].header.paragraphs[0].text = "{{ skolenvan }}"
    sti = tmp_path / "topp.docx"
    doc.save(sti)
    with pytest.raises(MalError, match="skolenvan"):
        Mal(sti).render(kontekst(full_data()), tittel="x")


def test_feil_egenskap_gir_malfeil(tmp_path: Path) -> None:
    sti = _mal_med(tmp_path, "{%p for t in tiltak %}", "{{ t.ansvarlg }}", "{%p endfor %}")
    with pytest.raises(MalError, match="ansvarlg"):
        Mal(sti).render(kontekst(full_data()), tittel="x")


def test_syntaksfeil_gir_malfeil(tmp_path: Path) -> None:
    sti = _mal_med(tmp_path, "Hei {{ elev_navn }", "{%p if x %}", navn="feil.docx")
    with pytest.raises(MalError, match=r"feil\.docx"):
        Mal(sti)


def test_ikke_word_gir_malfeil(tmp_path: Path) -> None:
    sti = tmp_path / "tekst.docx"
    sti.write_text("ikke en zip")
    with pytest.raises(MalError, match="ikke et Word-dokument"):
        Mal(sti)
    with pytest.raises(MalError, match="Fant ikke"):
        Mal(tmp_path / "finnes-ikke.docx")


@pytest.mark.parametrize(
    "kode",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ elev_navn.__class__.__base__.__subclasses__() }}",
    ],
)
def test_farlig_mal_blir_stoppet(tmp_path: Path, kode: str) -> None:
    sti = _mal_med(tmp_path, f"Elev {{{{ elev_navn }}}} {kode}", navn="farlig.docx")
    with pytest.raises(MalError, match=r"farlig\.docx") as feil:
        Mal(sti).render(kontekst(full_data()), tittel="x")
    assert "ikke er tillatt" in str(feil.value)


def test_mal_gjenbrukes(tmp_path: Path) -> None:
    assert hent_mal(RAPPORT) is hent_mal(RAPPORT)
    mal = hent_mal(PLAN)
    a = mal.render(kontekst(full_data()), tittel="Plan")
    b = mal.render(kontekst(sparsom_data()), tittel="Plan")
    assert "Amins plan" in "\n".join(p.text for p in Document(io.BytesIO(a)).paragraphs)
    assert "Celines plan" in "\n".join(p.text for p in Document(io.BytesIO(b)).paragraphs)
    assert "Amin" not in "\n".join(p.text for p in Document(io.BytesIO(b)).paragraphs)


def test_malene_bruker_bare_kjente_felter() -> None:
    for mal in (RAPPORT, PLAN, NOTAT):
        Mal(mal).sjekk(kjente_keys(DEF))


def test_ingen_tomme_overskrifter_i_plan_uten_tiltak(tmp_path: Path) -> None:
    ctx = kontekst(sparsom_data(plan_neste_mote=None))
    ut = _render_til_fil(PLAN, ctx, tmp_path / "plan.docx")
    tekst = all_tekst(ut)
    assert "Ingen tiltak er registrert ennå." in tekst
    # With no date set, the plan proposes the next meeting a week after the mapping (02.02).
    assert "Neste evalueringsmøte\n09.02.2026\nForeslått av Skjemaverk; avtal datoen i møtet." in (
        tekst
    )
    assert "Kontakt\n" not in tekst
    assert not re.search(r"Ansvarlig: *$", tekst, re.M)


@pytest.mark.parametrize(
    ("kode", "ord"),
    [
        ("{{ 1/0 }}", "kunne ikke fylles ut: den har en deling på null"),
        ("{{ 'x' * 4000000000 }}", "ikke er tillatt"),
        ("{{ 10 ** 10 ** 10 }}", "ikke er tillatt"),
    ],
)
def test_a_template_cannot_crash_or_exhaust_the_machine(
    tmp_path: Path, kode: str, ord: str
) -> None:
    sti = _mal_med(tmp_path, f"Elev {{{{ elev_navn }}}} {kode}", navn="tung.docx")
    with pytest.raises(MalError, match=r"tung\.docx") as feil:
        Mal(sti).render(kontekst(full_data()), tittel="x")
    assert ord in str(feil.value)


def test_small_repetitions_still_work(tmp_path: Path) -> None:
    sti = _mal_med(tmp_path, "{{ '-' * 20 }}{{ 2 * 3 }}", navn="strek.docx")
    Mal(sti).render(kontekst(full_data()), tittel="x")


def test_a_workbook_given_as_template_is_named_plainly(tmp_path: Path) -> None:
    with pytest.raises(MalError) as feil:
        Mal(ROT / "eksempler" / "amin.xlsx")
    assert str(feil.value).startswith("Malen «amin.xlsx» er ikke et Word-dokument (.docx).")
    assert feil.value.exit_code == 2


def test_an_evaluation_that_falls_in_a_break_moves_to_the_next_school_day() -> None:
    # 10.11 + 1 week = 17.11, + 2 weeks = 01.12, + 4 weeks = 29.12 (juleferie): the
    # first school day after it is Monday 04.01.2027 (01.01 is a holiday, then a weekend).
    datoer = moter(date(2026, 11, 10))
    assert [d["dato"] for d in datoer] == ["10.11.2026", "17.11.2026", "01.12.2026", "04.01.2027"]
    # The label says the real gap: 01.12 to 04.01 is 34 days, not "4 uker".
    assert datoer[3]["hva"] == "Evalueringsmøte, 4 uker og 6 dager etter forrige møte"
    assert datoer[3]["merknad"] == ("Flyttet til første skoledag fordi 29.12.2026 er i juleferien.")


def test_an_evaluation_in_the_summer_holiday_moves_to_the_first_school_day() -> None:
    # 03.06.2027 + 1 week = 10.06; + 2 weeks = 24.06, after the last school day
    # (18.06.2027): the first school day of 2027/28 is Monday 23.08.2027; + 4 weeks = 20.09.
    datoer = [d["dato"] for d in moter(date(2027, 6, 3))]
    assert datoer == ["03.06.2027", "10.06.2027", "23.08.2027", "20.09.2027"]


# -- the closed sandbox: what a template may still do --------------------------------------


def test_what_templates_need_still_works(tmp_path: Path) -> None:
    sti = _mal_med(
        tmp_path,
        "{{ elev_navn.upper() }}|{{ elev_navn.split()[0].lower() }}|"
        "{{ skole.replace('skole', 'S') }}",
        "{{ tiltak|map(attribute='ansvarlig')|join(', ') }}",
        "{% for g in tiltak|groupby('omrade') %}{{ g.grouper }}={{ g.list|length }};{% endfor %}",
        "{% for t in tiltak %}{{ loop.index }}{{ loop.cycle('a', 'b') }}"
        "{% if not loop.last %},{% endif %}{% endfor %}",
        "{% set ns = namespace(n=0) %}{% for t in fravaer_rader %}{% set ns.n = ns.n + 1 %}"
        "{% endfor %}{{ ns.n }} rader",
        "{{ '%.1f' % 12.345 }}|{{ '{:>5}'.format(7) }}|{{ '%s og %s'|format('a', 'b') }}",
        "{{ tiltak_per_omrade.keys()|list|length }}|{{ dict(a=1).get('a') }}|"
        "{{ range(3)|sum }}|{{ fravaer_tall|sum(attribute='verdi') if false else 'ok' }}",
        "{% for rad in tiltak|batch(2) %}[{{ rad|length }}]{% endfor %}",
        "{{ elev_navn ~ ' (' ~ trinn_klasse ~ ')' }}",
    )
    ut = _render_til_fil(sti, kontekst(full_data()), tmp_path / "ut.docx")
    linjer = [p.text for p in Document(str(ut)).paragraphs if p.text]
    assert linjer == [
        "AMIN HASSAN|amin|Solbakken S",
        "Miljøarbeider, Kontaktlærer, Foresatte, Eleven, PPT",
        "Eleven=1;Hjelpetjenestene=1;Hjemmet=1;Skolen=2;",  # groupby sorts
        "1a,2b,3a,4b,5a",
        "5 rader",
        "12.3|    7|a og b",
        "4|1|3|ok",
        "[2][2][1]",
        "Amin Hassan (5. trinn, 5B)",
    ]


def test_a_report_with_2000_absence_rows_is_within_the_limits(tmp_path: Path) -> None:
    from datetime import timedelta

    data = full_data()
    forste = data.tabeller["fravaer"][0]
    data.tabeller["fravaer"] = [
        {**forste, "dato": date(2025, 8, 18) + timedelta(days=i % 300), "kommentar": f"Rad {i}"}
        for i in range(2000)
    ]
    ctx = kontekst(data, diagrammer=False)
    ut = _render_til_fil(RAPPORT, ctx, tmp_path / "rapport.docx")
    tekst = all_tekst(ut)
    assert "Rad 0" in tekst and "Rad 1999" in tekst


def test_a_picture_is_opaque_and_placed_with_its_alt_text(tmp_path: Path) -> None:
    from toolkit.bilde import Bilde

    bilde = Bilde(b"\x89PNG", "Alt", "Tittel")
    assert str(bilde) == "" and f"{bilde}" == ""
    sti = _mal_med(tmp_path, "{{ bilde.alt }}", navn="bilde.docx")
    with pytest.raises(MalError, match="den bruker «alt» på et bilde") as feil:
        Mal(sti).render({"bilde": bilde}, tittel="x")
    assert "(i dokumentet, ved teksten «{{ bilde.alt }}»)" in str(feil.value)
    # As text a picture is empty: nothing of it reaches the document.
    sti = _mal_med(tmp_path, "[{{ bilde ~ '' }}][{{ bilde|string }}]", navn="tekst.docx")
    ut = _render_til_fil(sti, {"bilde": bilde}, tmp_path / "ut.docx")
    assert [p.text for p in Document(str(ut)).paragraphs if p.text] == ["[][]"]


def test_the_compiled_templates_are_reused(tmp_path: Path) -> None:
    mal = Mal(PLAN)
    kompilert = dict(mal._miljo._kompilert)
    assert kompilert
    for data in (full_data(), sparsom_data()):
        mal.render(kontekst(data), tittel="Plan")
    etter = mal._miljo._kompilert
    assert etter.keys() == kompilert.keys()
    assert all(etter[k] is v for k, v in kompilert.items())


def test_a_limit_in_the_footer_is_named_with_its_place(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("{{ elev_navn }}")
    doc.sections[0].footer.paragraphs[
        0
    ].text = "Side {% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"
    sti = tmp_path / "bunn.docx"
    doc.save(sti)
    with pytest.raises(MalError) as feil:
        Mal(sti).render(kontekst(full_data()), tittel="x")
    melding = str(feil.value)
    assert melding.startswith("Malen «bunn.docx» ble stoppet: den gjentar noe mer enn 200 000")
    assert "(i bunnteksten, ved teksten «Side {% for i in range(1000) %}" in melding
    assert feil.value.exit_code == 1


def test_the_deadline_stops_a_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.render

    # The real deadline is 30 s; one already passed shows what happens at it without waiting.
    monkeypatch.setattr(toolkit.render, "MAKS_SEKUNDER", -1.0)
    sti = _mal_med(
        tmp_path, "Hei", "{% for t in tiltak %}{{ t.tiltak }}{% endfor %}", navn="t.docx"
    )
    with pytest.raises(MalError) as feil:
        Mal(sti).render(kontekst(full_data()), tittel="x")
    assert str(feil.value).startswith(
        "Malen «t.docx» ble stoppet: den har brukt mer enn 30 sekunder (i dokumentet, ved "
        "teksten «{% for t in tiltak %}{{ t.tiltak }}{% endfor %}»)."
    )


def test_a_report_with_only_the_required_fields_has_no_empty_heading(fyll, tmp_path: Path) -> None:
    # «Om eleven og saken» holds only what the report's opening table shows: no heading for it.
    data = les_skjema(fyll())
    rapport = lag_dokumenter(data, tmp_path / "ut")[0]
    stiler = [(p.style.name, p.text) for p in Document(str(rapport)).paragraphs if p.text.strip()]
    for (stil, tekst), (neste, _) in pairwise(stiler):
        assert not (stil == "Heading 1" and neste == "Heading 1"), f"«{tekst}» has nothing under it"
    assert "Om eleven og saken" not in [t for s, t in stiler if s == "Heading 1"]


@pytest.mark.parametrize(
    ("foresatte", "linjer"),
    [
        ("Mona Solberg (mor), tlf. 912 34 567", ["Mona Solberg (mor)"]),
        ("Kari (mor) og Ole (far)", ["Kari (mor)", "Ole (far)"]),
        ("Kari Nilsen (mor) – bor i Bergen", ["Kari Nilsen (mor)"]),
        ("Kari Nilsen, mor\nOle Nilsen", ["Kari Nilsen (mor)", "Ole Nilsen (foresatt)"]),
    ],
)
def test_each_parent_signs_on_a_line_of_their_own_with_name_and_role(
    foresatte: str, linjer: list[str]
) -> None:
    ctx = kontekst(sparsom_data(foresatte=foresatte))
    vist = [f"{u['navn']} ({u['rolle'].lower()})" for u in ctx["underskrifter"] if u["navn"]]
    assert vist[: len(linjer)] == linjer
    assert vist[len(linjer)] == "Celine Berg (eleven)"


# -- the budgets: what one call may go through, and what a template makes -------------


def test_one_filter_or_method_goes_through_at_most_20_million_characters(tmp_path: Path) -> None:
    import toolkit.render

    assert toolkit.render.MAKS_ARBEID == 20_000_000  # the production limit
    # The same text 25 times is 25 million characters to lowercase and compare in one
    # call of max, where the deadline cannot stop it: refused before it starts.
    stor = ["x" * 1_000_000] * 25
    for kode, ok in [
        ("{{ stor|max|length }}", False),
        ("{{ stor|length }}", False),
        ("{{ stor[0].upper()|length }}", True),
        ("{{ stor[:19]|max|length }}", False),  # the slice is a list of 19 million as text
        ("{{ stor[0]|lower|length }}", True),
    ]:
        sti = _mal_med(tmp_path, kode, navn="stor.docx")
        if ok:
            Mal(sti).render({"stor": stor}, tittel="x")
            continue
        with pytest.raises(MalError) as feil:
            Mal(sti).render({"stor": stor}, tittel="x")
        assert any(
            hva in str(feil.value)
            for hva in (
                "ble stoppet: den gir et filter eller en metode mer enn 20 000 000 tegn å gå "
                "gjennom på én gang (i dokumentet, ved teksten «{{ stor",
                "ble stoppet: den lager en tekst eller liste på mer enn 1 000 000 tegn",
            )
        ), str(feil.value)
    sti = _mal_med(tmp_path, "{{ stor|max|length }}", navn="stor.docx")
    with pytest.raises(MalError, match="den gir et filter eller en metode mer enn 20 000 000"):
        Mal(sti).render({"stor": stor}, tittel="x")


def test_what_a_template_builds_up_in_a_loop_stays_within_the_budgets(tmp_path: Path) -> None:
    # A list built item by item shares its items with the one before: only the new list
    # counts: 1 000 rows in two lists are some 8 million.
    sti = _mal_med(
        tmp_path,
        "{% set ns = namespace(l=[], d=[]) %}{% for i in range(1000) %}"
        "{% set ns.l = ns.l + [elev_navn ~ i] %}{% set ns.d = ns.d + [[i, (i, skole)]] %}"
        "{% endfor %}{{ ns.l|length }} {{ ns.d[-1][1][1] }} {{ ns.l[-1] }}",
        navn="bygg.docx",
    )
    ut = _render_til_fil(sti, kontekst(full_data()), tmp_path / "ut.docx")
    assert [p.text for p in Document(str(ut)).paragraphs] == ["1000 Solbakken skole Amin Hassan999"]


def test_a_line_to_write_on_is_no_code(tmp_path: Path) -> None:
    from toolkit.malsjekk import sjekk_mal

    sti = _mal_med(tmp_path, "Underskrift: {{ kontaktlaerer or '____________' }}", navn="u.docx")
    assert sjekk_mal(sti, DEF) == []
    ut = _render_til_fil(sti, {"kontaktlaerer": ""}, tmp_path / "ut.docx")
    assert Document(str(ut)).paragraphs[0].text == "Underskrift: ____________"

"""The anonymised copy for anonymous consultation: no name or date of the form left anywhere."""

from __future__ import annotations

import contextlib
import copy
import html
import io
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hjelpere_docx import all_tekst, kontekst

from toolkit.anonym import anonymiser, forbudte_verdier, sjekk_anonym
from toolkit.register import standard_definisjon
from toolkit.dokumenter import render_dokumenter
from toolkit.lag import lag_dokumenter
from toolkit.inntak import les_skjema
from toolkit.modell import Skjemadata

ROT = Path(__file__).resolve().parent.parent
DEF = standard_definisjon()

# Names that only these forms use, searched as plain text in every part too.
SÆREGNE = {
    "amin": ["Amin", "Yasmin", "Khalid", "Hanne", "Jonas", "Dahl", "Lise", "Solbakken"],
    "celine": ["Celine", "Anita", "Marte", "Holm", "Ingrid", "Solbakken"],
}


def eksempel(navn: str) -> Skjemadata:
    return les_skjema(ROT / f"eksempler/{navn}.xlsx")


def alle_deler(docx: Path) -> dict[str, str]:
    """Every part of the package as text (binary parts left out), and the part names."""
    with zipfile.ZipFile(docx) as pakke:
        deler = {"(delnavn)": " ".join(pakke.namelist())}
        for navn in pakke.namelist():
            with contextlib.suppress(UnicodeDecodeError):  # pictures
                deler[navn] = pakke.read(navn).decode("utf-8")
    return deler


def mangfoldig() -> Skjemadata:
    """A form whose free text uses the names in many forms."""
    data = copy.deepcopy(eksempel("amin"))
    v = data.verdier
    v["elev_navn"] = "Jonas Nilsen"
    v["skole"] = "Vestre Haugen skole"
    v["klasse"] = "7C"
    v["kontaktlaerer"] = "Liv Berg"
    v["foresatte"] = "Kari Nilsen (mor)\nPer Olsen, far"
    v["utfylt_av"] = "Ola Nordmann, miljøterapeut"
    v["deltakere"] = (
        "Jonas\nKari og Per, foresatte\nLiv Berg (kontaktlærer)\nOla Nordmann, miljøterapeut"
    )
    v["venner"] = (
        "Jonas' beste venn er Sara Lunde. JONAS og sara spiller sammen hver dag. "
        "Jonas Nilsen sin lillesøster heter Emma. Nilsens bor like ved Vestre Haugen."
    )
    v["forhold_hjemme"] = (
        "Karis arbeid gjør at hun går tidlig. Per kjører jonas til skolen to dager per uke. "
        "Kari sier at Jonas er trøtt. Far (Per) sier det samme. Det er et godt liv hjemme."
    )
    v["rel_laerer_elev"] = (
        "Liv sier at Jonas trives med henne. Bergs timer er de han liker best. "
        "Ola og Liv har møtt ham sammen."
    )
    v["rel_trygg_voksen_hvem"] = "Miljøterapeuten (Ola Nordmann)"
    v["plan_koordinator"] = "Ola Nordmann, miljøterapeut"
    v["plan_kontaktperson"] = "Liv Berg, kontaktlærer, tlf. på skolen"
    v["sirkel_beskrivelse"] = (
        "Siden 07.09.2026 har Jonas vært mye borte. Vestre Haugen skoles team følger opp."
    )
    for rad in data.tabeller["fravaer"]:
        if rad.get("laerer") == "HB":
            rad["laerer"] = "LB"
    data.tabeller["tiltak"][0]["ansvarlig"] = "Ola Nordmann"
    data.tabeller["tiltak"][1]["tiltak"] = (
        "Liv hilser på Jonas hver morgen, og Jonas' far får melding."
    )
    return data


@pytest.fixture(params=["amin", "celine", "mangfoldig"])
def skjema(request) -> tuple[str, Skjemadata]:
    navn = request.param
    return navn, mangfoldig() if navn == "mangfoldig" else eksempel(navn)


def test_no_name_or_date_of_the_form_in_any_part(skjema, tmp_path):
    navn, data = skjema
    forbudte = forbudte_verdier(DEF, data)

    filer = lag_dokumenter(anonymiser(DEF, data), tmp_path)

    assert len(filer) == 2
    for fil in filer:
        assert sjekk_anonym(fil.read_bytes(), forbudte) == [], fil.name
        for del_, tekst in alle_deler(fil).items():
            for ord_ in SÆREGNE.get(navn, []):
                assert ord_.casefold() not in tekst.casefold(), (fil.name, del_, ord_)
        assert not any(n in fil.name for n in forbudte)


def test_forbidden_values_cover_names_school_class_and_dates():
    forbudte = forbudte_verdier(DEF, eksempel("amin"), idag=date(2030, 1, 1))

    for verdi in (
        "Amin",
        "Solbakken skole",
        "Solbakken",
        "5B",
        "Hanne Berg",
        "Hanne",
        "Berg",
        "Yasmin",
        "Khalid",
        "Jonas Dahl",
        "Lise Strand",
        "HB",
        "12.11.2026",  # kartlegging_dato
        "19.11.2026",  # plan_neste_mote
        "26.11.2026",  # its first evaluation, derived
        "07.09.2026",  # the first absence
    ):
        assert verdi in forbudte


def test_todays_date_is_not_forbidden_since_every_document_carries_it():
    data = eksempel("amin")
    assert "12.11.2026" not in forbudte_verdier(DEF, data, idag=date(2026, 11, 12))


def test_the_original_documents_are_caught(tmp_path):
    data = eksempel("amin")
    (rapport, _) = lag_dokumenter(data, tmp_path)

    funnet = sjekk_anonym(rapport.read_bytes(), forbudte_verdier(DEF, data))

    for verdi in ("Amin", "Solbakken skole", "Hanne Berg", "Yasmin", "12.11.2026"):
        assert verdi in funnet


def lag_pakke(**deler: str) -> bytes:
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w") as pakke:
        for navn, tekst in deler.items():
            pakke.writestr(navn.replace("__", "/"), tekst)
    return ut.getvalue()


def test_check_finds_names_split_over_runs_escaped_in_properties_and_genitive():
    dokument = "<w:p><w:r><w:t>Am</w:t></w:r><w:r><w:t>in kom</w:t></w:r></w:p>"
    egenskaper = "<dc:creator>O&apos;Neill &amp; Co</dc:creator><dc:title>Karis plan</dc:title>"

    funnet = sjekk_anonym(
        lag_pakke(word__document_xml=dokument, docProps__core_xml=egenskaper),
        ["Amin", "O'Neill & Co", "Kari", "Ingen"],
    )

    assert funnet == ["Amin", "O'Neill & Co", "Kari"]


def test_check_finds_names_in_part_names():
    assert sjekk_anonym(lag_pakke(word__media__Amin_png="x"), ["Amin"]) == ["Amin"]


def test_check_ignores_hex_ids_and_common_words_in_lower_case():
    xml = '<w:p w:rsidR="00A5B3C1"><w:r><w:t>to dager per uke, et godt liv</w:t></w:r></w:p>'

    assert sjekk_anonym(lag_pakke(word__document_xml=xml), ["5B", "Per", "Liv", "HB"]) == []


def test_names_in_many_forms_are_replaced_and_read_naturally():
    a = anonymiser(DEF, mangfoldig()).verdier

    assert a["elev_navn"] == "Eleven"
    assert a["skole"] == "Skolen"
    assert a["klasse"] is None
    assert a["kontaktlaerer"] == "Kontaktlæreren"
    assert a["foresatte"] == "Mor\nFar"
    assert a["utfylt_av"] == "Miljøterapeut"
    assert a["deltakere"] == "Eleven\nForesatte\nKontaktlærer\nMiljøterapeut"
    assert a["venner"] == (
        "Elevens beste venn er Person A. Eleven og Person A spiller sammen hver dag. "
        "Eleven sin lillesøster heter Person B. Elevens bor like ved skolen."
    )
    assert a["forhold_hjemme"] == (
        "Mors arbeid gjør at hun går tidlig. Far kjører eleven til skolen to dager per uke. "
        "Mor sier at eleven er trøtt. Far sier det samme. Det er et godt liv hjemme."
    )
    assert a["rel_laerer_elev"] == (
        "Kontaktlæreren sier at eleven trives med henne. Kontaktlærerens timer er de han liker "
        "best. Miljøterapeuten og kontaktlæreren har møtt ham sammen."
    )
    assert a["rel_trygg_voksen_hvem"] == "Miljøterapeuten"
    assert a["plan_kontaktperson"] == "Kontaktlærer, tlf. på skolen"
    assert "Skolens team følger opp." in a["sirkel_beskrivelse"]


def test_the_plan_title_reads_naturally():
    kontekst = kontekst(anonymiser(DEF, eksempel("celine")))

    assert kontekst["plan_tittel"] == "Elevens plan for å komme tilbake til skolen"


def test_teachers_in_the_absence_list_keep_their_pattern():
    data = eksempel("celine")
    a = anonymiser(DEF, data)

    for original, ny in zip(data.tabeller["fravaer"], a.tabeller["fravaer"], strict=True):
        if original["laerer"] is None:
            assert ny["laerer"] is None
    laerere = {
        o["laerer"]: n["laerer"]
        for o, n in zip(data.tabeller["fravaer"], a.tabeller["fravaer"], strict=True)
    }
    assert laerere == {None: None, "OS": "Lærer 1", "MH": "Lærer 2", "KS": "Lærer 3"}


def test_dates_are_shifted_by_whole_weeks_and_none_lands_on_an_original():
    data = eksempel("amin")
    a = anonymiser(DEF, data)

    par = [(data.verdier[k], a.verdier[k]) for k in ("kartlegging_dato", "plan_neste_mote")]
    par += [
        (o["dato"], n["dato"])
        for o, n in zip(data.tabeller["fravaer"], a.tabeller["fravaer"], strict=True)
    ]
    par += [
        (o["oppstart"], n["oppstart"])
        for o, n in zip(data.tabeller["tiltak"], a.tabeller["tiltak"], strict=True)
    ]
    forskyvninger = {n - o for o, n in par}
    assert len(forskyvninger) == 1
    (forskyvning,) = forskyvninger
    assert forskyvning.days % 7 == 0
    assert 5 <= abs(forskyvning.days) // 7 <= 26
    assert all(o.weekday() == n.weekday() for o, n in par)
    originale = {o for o, _ in par}
    assert not {n for _, n in par} & originale


def test_a_given_shift_is_used_also_for_dates_in_free_text():
    data = mangfoldig()
    a = anonymiser(DEF, data, forskyv_dager=-70)

    assert a.verdier["kartlegging_dato"] == date(2026, 11, 12) - timedelta(days=70)
    assert "Siden 29.06.2026 har eleven" in a.verdier["sirkel_beskrivelse"]


def test_the_original_is_not_changed_and_findings_are_not_copied():
    data = eksempel("amin")
    for_ = copy.deepcopy(data)

    a = anonymiser(DEF, data)

    assert data == for_
    assert a is not data
    assert a.funn == []


def test_the_anonymised_documents_say_what_the_form_says(tmp_path):
    (rapport, plan) = lag_dokumenter(anonymiser(DEF, eksempel("amin")), tmp_path)

    assert rapport.name == "Eleven - kartleggingsrapport.docx"
    tekst = all_tekst(plan)
    assert "Elevens plan for å komme tilbake til skolen" in tekst
    assert "Miljøarbeideren sender eleven melding daglig" in tekst


def test_parents_without_a_role_and_a_genitive_before_the_name():
    data = Skjemadata(
        verdier={
            "elev_navn": "Per",
            "foresatte": "Liv Hansen\nOle Hansen",
            "venner": "Per har 2 timer per uke. Ingrids mor og Ingrid er venner av Liv Hansens.",
        }
    )

    a = anonymiser(DEF, data).verdier

    assert a["foresatte"] == "Foresatt 1\nForesatt 2"
    assert a["venner"] == (
        "Eleven har 2 timer per uke. Person As mor og Person A er venner av foresatt 1s."
    )


def _erstatt_i_all_tekst(data: Skjemadata, gammel: str, nye: list[str]) -> None:
    """Replace `gammel` in every text of `data`, by each of `nye` in turn."""
    teller = 0

    def bytt(tekst: str) -> str:
        def neste(_: re.Match[str]) -> str:
            nonlocal teller
            teller += 1
            return nye[teller % len(nye)]

        return re.sub(rf"\b{gammel}\b", neste, tekst)

    for key, verdi in data.verdier.items():
        if isinstance(verdi, str):
            data.verdier[key] = bytt(verdi)
    for rader in data.tabeller.values():
        for rad in rader:
            for key, verdi in rad.items():
                if isinstance(verdi, str):
                    rad[key] = bytt(verdi)


def _tekster_i_pakke(docx: bytes) -> dict[str, str]:
    """Every part of the package: raw, unescaped, and without tags; and the part names."""
    with zipfile.ZipFile(io.BytesIO(docx)) as pakke:
        deler = {"(delnavn)": " ".join(pakke.namelist()).replace("_", " ")}
        for navn in pakke.namelist():
            with contextlib.suppress(UnicodeDecodeError):  # pictures
                raa = pakke.read(navn).decode("utf-8")
                uten = re.sub(r"<[^>]+>", " ", raa)
                deler[navn] = "\n".join((raa, html.unescape(raa), html.unescape(uten)))
    return deler


def bindestreknavn() -> Skjemadata:
    """Celine's form, the pupil now Anne-Lise O'Neill, named in every way in the free text."""
    data = copy.deepcopy(eksempel("celine"))
    data.verdier["elev_navn"] = "Anne-Lise O'Neill"
    _erstatt_i_all_tekst(
        data,
        "Celine",
        ["Anne-Lise", "Anne", "Lise", "O'Neill", "Neill", "O’Neill", "Anne-Lise O'Neill"],
    )
    v = data.verdier
    v["venner"] = (
        "Anne er bestevenn med Sara Lunde. Anne-Lises beste venn er Ingrid, og Lise og "
        "Ingrid går sammen til skolen. Annes og Lises venninner sier at O'Neill er stille."
    )
    v["gjor_i_stedet"] = (
        "Neill er hjemme med mamma. Neills rom er fullt av bøker; anne-lise leser mye. "
        "O’Neills mor sier at ANNE-LISE sover lenge, og at Anne-Lise O'Neill trives hjemme."
    )
    v["sirkel_beskrivelse"] = (
        "Lise blir hjemme. Anne-Lise bestemmer seg om kvelden. Hjemme hos O'Neill dempes "
        "angsten, og Annes mamma koser seg med Lise."
    )
    data.tabeller["tiltak"][1]["tiltak"] = "Mamma ringer hvis det er vanskelig for Anne å gå."
    return data


def test_hyphenated_and_apostrophe_names_leave_no_part_in_any_part_of_the_documents():
    data = bindestreknavn()
    forbudte = forbudte_verdier(DEF, data)
    for verdi in ("Anne-Lise O'Neill", "Anne-Lise", "Anne", "Lise", "O'Neill", "Neill"):
        assert verdi in forbudte
    assert "O" not in forbudte

    dokumenter = render_dokumenter(DEF, anonymiser(DEF, data))

    assert len(dokumenter) == 2
    navn = re.compile(r"(?<!\w)(?:anne|lise|neill|o['’]neill)s?(?!\w)", re.IGNORECASE)
    for dok, innhold in dokumenter.items():
        assert sjekk_anonym(innhold, forbudte) == [], dok
        for del_, tekst in _tekster_i_pakke(innhold).items():
            assert navn.search(tekst) is None, (dok, del_, navn.search(tekst))


def test_hyphenated_and_apostrophe_names_are_replaced_in_every_form():
    a = anonymiser(DEF, bindestreknavn()).verdier

    assert a["venner"] == (
        "Eleven er bestevenn med Person A. Elevens beste venn er Person B, og eleven og "
        "Person B går sammen til skolen. Elevens og elevens venninner sier at eleven er stille."
    )
    assert a["gjor_i_stedet"] == (
        "Eleven er hjemme med mamma. Elevens rom er fullt av bøker; eleven leser mye. "
        "Elevens mor sier at eleven sover lenge, og at eleven trives hjemme."
    )


def test_a_two_letter_part_of_a_name_is_replaced_only_when_capitalised():
    data = Skjemadata(
        verdier={
            "elev_navn": "Jo-Anne Dahl",
            "venner": "Anne og Jo er jo venner av Jo-Annes bror.",
        }
    )

    a = anonymiser(DEF, data).verdier
    forbudte = forbudte_verdier(DEF, data)

    assert a["venner"] == "Eleven og eleven er jo venner av elevens bror."
    assert {"Jo-Anne Dahl", "Jo-Anne", "Anne", "Dahl"} <= set(forbudte)
    assert "Jo" not in forbudte


def ukentlig_fravaer(dager: list[date]) -> Skjemadata:
    """Celine's form with an absence on each of `dager`, as its whole absence list."""
    data = copy.deepcopy(eksempel("celine"))
    mal = data.tabeller["fravaer"][0]
    data.tabeller["fravaer"] = [{**mal, "dato": d} for d in dager]
    data.verdier["fravaer_start"] = dager[0]
    return data


def alle_datoverdier(data: Skjemadata) -> list[date]:
    datoer = [v for v in data.verdier.values() if isinstance(v, date)]
    datoer += [v for rader in data.tabeller.values() for r in rader for v in r.values()]
    return [d for d in datoer if isinstance(d, date)]


# In the school year of the built-in settings (17.08.2026–18.06.2027), whose
# first day the documents name: an absence that day would be a false alarm.
MANDAGER = [date(2026, 8, 24) + timedelta(weeks=i) for i in range(32)]
# Every weekday for 40 weeks.
LOGG_40_UKER = [date(2026, 8, 24) + timedelta(days=i) for i in range(40 * 7) if i % 7 < 5]


@pytest.mark.parametrize("dager", [MANDAGER, LOGG_40_UKER], ids=["32 mandager", "40 uker"])
def test_a_long_weekly_pattern_is_shifted_so_that_no_date_lands_on_an_original(dager):
    data = ukentlig_fravaer(dager)
    originale = alle_datoverdier(data)
    assert len(set(originale)) >= 32

    for _ in range(20):  # the shift is random: try it many times
        a = anonymiser(DEF, data)
        nye = alle_datoverdier(a)
        forskyvninger = {n - o for o, n in zip(originale, nye, strict=True)}
        assert len(forskyvninger) == 1
        (forskyvning,) = forskyvninger
        assert forskyvning.days % 7 == 0
        assert abs(forskyvning.days) >= 5 * 7
        assert not set(nye) & set(originale)
        assert all(o.weekday() == n.weekday() for o, n in zip(originale, nye, strict=True))


@pytest.mark.parametrize("dager", [MANDAGER, LOGG_40_UKER], ids=["32 mandager", "40 uker"])
def test_a_long_weekly_pattern_leaves_no_original_date_in_the_documents(dager):
    data = ukentlig_fravaer(dager)
    forbudte = forbudte_verdier(DEF, data)
    # Every date but today's, which every document carries as the date it was made.
    assert {d.strftime("%d.%m.%Y") for d in dager if d != date.today()} <= set(forbudte)

    dokumenter = render_dokumenter(DEF, anonymiser(DEF, data))

    for dok, innhold in dokumenter.items():
        assert sjekk_anonym(innhold, forbudte) == [], dok

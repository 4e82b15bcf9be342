"""The anonymised copy for anonymous consultation: no name or date of the form left anywhere."""

from __future__ import annotations

import contextlib
import copy
import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hjelpere_docx import all_tekst

from toolkit.anonym import anonymiser, forbudte_verdier, sjekk_anonym
from toolkit.definisjon import standard_definisjon
from toolkit.kontekst import bygg_kontekst
from toolkit.lag import lag_dokumenter
from toolkit.les import les_skjema
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

    filer = lag_dokumenter(DEF, anonymiser(DEF, data), tmp_path)

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
    (rapport, _) = lag_dokumenter(DEF, data, tmp_path)

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
    kontekst = bygg_kontekst(DEF, anonymiser(DEF, eksempel("celine")))

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
    (rapport, plan) = lag_dokumenter(DEF, anonymiser(DEF, eksempel("amin")), tmp_path)

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

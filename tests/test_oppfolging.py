"""The follow-up cycle: evaluation meetings, the plan's versions, the evaluation notes,
consent per service, going further, and a version 1 form moved forward.

The cycle below is counted by hand, from the log in `_FRAVAER` and the standard
school calendar of 2026/27 (no holidays between 04.01 and 19.02.2027; the
winter break is 22.–26.02.2027):

    before the mapping (14.01): the 5 school days 08.01–14.01, away 08, 11, 13.01
        → 3 of 5 = 60,0 %
    the mapping report's figure: school days 17.08.2026–14.01.2027 are
        11 (Aug) + 19 (Sep, autumn break 28.–30.09 out) + 20 (Oct, 01.–02.10 out)
        + 21 (Nov) + 14 (Dec, Christmas from 21.12) + 9 (Jan) = 94; 3 whole days
        → 3,2 %
    meeting 1, 21.01: school days 15.–21.01 = 5, away 18.01, late 20.01
        → 1 of 5 = 20,0 %, down from 60,0 %
    meeting 2, 04.02: school days 22.01–04.02 = 10, away 25.01, 2 hours 01.02
        → 1 of 10 = 10,0 %, down from 20,0 %; T2 did not work twice
    meeting 3, 18.02: school days 05.–18.02 = 10, away 08. and 09.02
        → 2 of 10 = 20,0 %, up from 10,0 %; not down from the report's 3,2 %
    after two and three evaluations, absence is not down from the report's 3,2 %: go
    further. 20,0 % is not over the 20 % threshold.
    next meeting after the third: four weeks, 18.03.2027, proposed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from tests.conftest import GYLDIGE_TILTAK, GYLDIGE_VERDIER, ROT
from toolkit.blank import skriv_blankt
from toolkit.cli import main
from toolkit.fyll import fyll_fra_toml, fyll_skjema
from toolkit.inntak import les_skjema
from toolkit.register import innebygd_register, standard_definisjon

T1 = "Kontaktlærer møter Amin i døra hver morgen."
T2 = "Amin går til skolen sammen med en venn."
T3 = "Foreldrene vekker Amin klokka sju."
T4 = "Amin får en fast og rolig plass i klasserommet."

_TILTAK = [
    {"omrade": "Skolen", "tiltak": T1, "ansvarlig": "Kontaktlærer", "oppstart": date(2027, 1, 15),
     "evaluering": date(2027, 1, 21), "status": "I gang"},
    {"omrade": "Eleven", "tiltak": T2, "ansvarlig": "Eleven", "oppstart": date(2027, 1, 15),
     "evaluering": date(2027, 1, 21), "status": "I gang"},
    {"omrade": "Hjemmet", "tiltak": T3, "ansvarlig": "Foresatte", "oppstart": date(2027, 1, 15),
     "evaluering": date(2027, 2, 4), "status": "I gang"},
    # Added at the first meeting, when T2 did not work.
    {"omrade": "Skolen", "tiltak": T4, "ansvarlig": "Kontaktlærer", "oppstart": date(2027, 1, 22),
     "evaluering": date(2027, 2, 4), "status": "I gang"},
]  # fmt: skip


def _hel(d: date) -> dict[str, object]:
    return {"dato": d, "omfang": "Hel dag", "arsak": "Nektet å gå", "dokumentert": True}


_FRAVAER = [
    _hel(date(2027, 1, 8)),
    _hel(date(2027, 1, 11)),
    _hel(date(2027, 1, 13)),
    _hel(date(2027, 1, 18)),
    {"dato": date(2027, 1, 20), "omfang": "For sent", "arsak": "Forsov seg"},
    _hel(date(2027, 1, 25)),
    {"dato": date(2027, 2, 1), "omfang": "Enkelttimer", "timer": 2, "fag": "Matematikk",
     "arsak": "Vondt i magen eller hodet, uro eller angst"},
    _hel(date(2027, 2, 8)),
    _hel(date(2027, 2, 9)),
]  # fmt: skip

_MOTER = [
    {"mote_dato": date(2027, 1, 21), "deltakere": "Amin\nMor\nKontaktlærer",
     "elevens_ord": "Det er fint at læreren står i døra.", "foresattes_ord": "Morgenene går bedre.",
     "nytt": "Vennen har ikke kommet.", "neste_mote": date(2027, 2, 4)},
    {"mote_dato": date(2027, 2, 4), "deltakere": "Amin\nMor\nFar\nKontaktlærer",
     "elevens_ord": "Plassen ved vinduet er bra.", "foresattes_ord": "Han står opp selv nå.",
     "nytt": "Amin var borte én dag og to timer.", "neste_mote": date(2027, 2, 18)},
    {"mote_dato": date(2027, 2, 18), "deltakere": "Amin\nMor\nKontaktlærer\nSosiallærer",
     "elevens_ord": "Det ble vanskelig igjen etter helga.", "foresattes_ord": "Vi er bekymret.",
     "nytt": "To dager borte på rad.", "neste_mote": None},
]  # fmt: skip


def _ev(dag: date, tiltak: str, effekt: str, beslutning: str, kommentar: str = "") -> dict:
    rad = {"mote_dato": dag, "tiltak": tiltak, "effekt": effekt, "beslutning": beslutning}
    return rad | ({"kommentar": kommentar} if kommentar else {})


M1, M2, M3 = date(2027, 1, 21), date(2027, 2, 4), date(2027, 2, 18)
_EVALUERINGER = [
    [
        _ev(M1, T1, "Virket", "Fortsette"),
        _ev(M1, T2, "Virket ikke", "Endre", "Vennen bor for langt unna."),
    ],
    [
        _ev(M2, T1, "Virket", "Fortsette"),
        _ev(M2, T2, "Virket ikke", "Avslutte"),
        _ev(M2, T3, "Virket delvis", "Fortsette"),
        _ev(M2, T4, "Virket", "Fortsette"),
    ],
    [
        _ev(M3, T1, "Virket", "Avslutte", "Amin går rett inn selv."),
        _ev(M3, T3, "Virket", "Fortsette"),
        _ev(M3, T4, "Virket", "Fortsette"),
    ],
]

# The day after each meeting (and before the first): what the team runs `lag` on.
P = "\u00a0%"  # a percentage: a no-break space before the sign

_DAGEN_ETTER = [date(2027, 1, 15), date(2027, 1, 22), date(2027, 2, 5), date(2027, 2, 19)]


def _skjema(blankt: Path, ut: Path, moter: int) -> Path:
    """The form after `moter` evaluation meetings, with the absence up to the last of them."""
    siste = _MOTER[moter - 1]["mote_dato"] if moter else date(2027, 1, 14)
    verdier = {
        **GYLDIGE_VERDIER,
        "kartlegging_dato": date(2027, 1, 14),
        "plan_neste_mote": date(2027, 1, 21),
    }
    tabeller = {
        "tiltak": [t for t in _TILTAK if moter or t["tiltak"] != T4],
        "fravaer": [r for r in _FRAVAER if r["dato"] <= siste],  # type: ignore[operator]
        "evalueringsmoter": _MOTER[:moter],
        "evaluering": [e for m in _EVALUERINGER[:moter] for e in m],
    }
    fyll_skjema(blankt, ut, verdier, tabeller)
    return ut


def _tekst(sti: Path) -> tuple[str, list[list[list[str]]]]:
    """The document's paragraphs as one text, and every table as rows of cell texts."""
    doc = Document(str(sti))
    avsnitt = " ".join(p.text for p in doc.paragraphs)
    tabeller = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
    return " ".join(avsnitt.split()), tabeller


def _rad(tabeller: list[list[list[str]]], forste: str) -> list[str]:
    """The first table row whose first cell is `forste`."""
    for t in tabeller:
        for r in t:
            if r and r[0] == forste:
                return r
    raise AssertionError(f"no row «{forste}» in {tabeller}")


def _lag(skjema: Path, ut: Path, idag: date) -> dict[str, Path]:
    with time_machine.travel(datetime(idag.year, idag.month, idag.day, 12), tick=False):
        r = CliRunner().invoke(main, ["lag", str(skjema), "--ut", str(ut)])
    assert r.exit_code == 0, r.output
    filer = {p.stem.rsplit(" - ", 1)[1].split(" ")[0]: p for p in ut.glob("*.docx")}
    if "evalueringsnotat" in filer:  # one note per meeting: dated with the latest meeting
        assert filer["evalueringsnotat"].stem.endswith(f" {idag - timedelta(days=1):%d.%m.%Y}")
    return filer


@pytest.fixture(scope="module")
def syklus(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Path]]:
    """The documents made the day after each meeting: 0, 1, 2 and 3 meetings held."""
    mappe = tmp_path_factory.mktemp("syklus")
    blankt = mappe / "blankt.xlsx"
    skriv_blankt(standard_definisjon(), blankt)
    return [
        _lag(_skjema(blankt, mappe / f"skjema{n}.xlsx", n), mappe / f"ut{n}", _DAGEN_ETTER[n])
        for n in range(4)
    ]


def test_before_any_meeting_there_are_the_two_documents_as_before(syklus) -> None:
    assert set(syklus[0]) == {"kartleggingsrapport", "plan"}
    tekst, tabeller = _tekst(syklus[0]["plan"])
    assert "Endringer i planen" not in tekst
    assert not any(r[0] == "Versjon" for t in tabeller for r in t)
    assert _rad(tabeller, "Neste evalueringsmøte")[1:] == ["21.01.2027", ""]


@pytest.mark.parametrize(
    ("moter", "versjon", "historikk"),
    [
        (1, "2", [["2", "21.01.2027", f"Endres: {T2}\nNytt tiltak fra 22.01.2027: {T4}"]]),
        (2, "3", [["3", "04.02.2027", f"Avsluttet: {T2}"]]),
        (3, "4", [["4", "18.02.2027", f"Avsluttet: {T1}"]]),
    ],
)
def test_the_plan_has_a_version_per_meeting_and_what_changed_at_each(
    syklus, moter: int, versjon: str, historikk: list[list[str]]
) -> None:
    assert set(syklus[moter]) == {"kartleggingsrapport", "plan", "evalueringsnotat"}
    tekst, tabeller = _tekst(syklus[moter]["plan"])
    dato = _MOTER[moter - 1]["mote_dato"].strftime("%d.%m.%Y")  # type: ignore[union-attr]
    assert _rad(tabeller, "Versjon")[1] == f"{versjon}, etter evalueringsmøtet {dato}"
    assert "Endringer i planen" in tekst
    [tabell] = [t for t in tabeller if t[0] == ["Versjon", "Møte", "Endringer"]]
    assert len(tabell) == moter + 1
    assert tabell[-1:] == historikk
    # A measure the team stopped leaves the side-by-side table and is listed as stopped.
    sidestilt = " ".join(
        c for t in tabeller if t[0][:2] == ["Skolen", "Hjemmet"] for r in t for c in r
    )
    if moter == 1:  # changed: the new measure T4 takes its place
        assert f"{T2} (endret 21.01.2027)" in tekst and T2 not in sidestilt and T4 in sidestilt
    if moter >= 2:
        assert f"{T2} (avsluttet 04.02.2027)" in tekst and T2 not in sidestilt
    if moter == 3:
        assert f"{T1} (avsluttet 18.02.2027)" in tekst and T1 not in sidestilt
    assert T3 in sidestilt


# (since: period, school days, days, %, hours, late), (before: the same), the sentence's ending
_OPPMOTE = {
    1: (
        ("15.01.2027–21.01.2027", "5", "1", f"20,0{P}", "0", "1"),
        ("08.01.2027–14.01.2027", "5", "3", f"60,0{P}", "0", "0"),
        # Per school day: days 1/5 < 3/5, late 1/5 > 0.
        "Sammenlignet med perioden før: færre hele dager borte og flere ganger for sent.",
    ),
    2: (
        ("22.01.2027–04.02.2027", "10", "1", f"10,0{P}", "2", "0"),
        ("15.01.2027–21.01.2027", "5", "1", f"20,0{P}", "0", "1"),
        # Days 1/10 < 1/5, hours 2/10 > 0, late 0 < 1/5.
        "Sammenlignet med perioden før: færre hele dager borte, flere enkelttimer og færre "
        "ganger for sent.",
    ),
    3: (
        ("05.02.2027–18.02.2027", "10", "2", f"20,0{P}", "0", "0"),
        ("22.01.2027–04.02.2027", "10", "1", f"10,0{P}", "2", "0"),
        # Days 2/10 > 1/10, hours 0 < 2/10.
        "Sammenlignet med perioden før: flere hele dager borte og færre enkelttimer.",
    ),
}


@pytest.mark.parametrize("moter", [1, 2, 3])
def test_each_note_has_the_hand_counted_attendance_and_the_meetings_evaluations(
    syklus, moter: int
) -> None:
    tekst, tabeller = _tekst(syklus[moter]["evalueringsnotat"])
    siden, for_, setning = _OPPMOTE[moter]
    forventet = {
        "Periode": (siden[0], for_[0]),
        "Skoledager": (siden[1], for_[1]),
        "Hele dager borte": (siden[2], for_[2]),
        "Andel av skoledagene": (siden[3], for_[3]),
    }
    if siden[4] != "0" or for_[4] != "0":
        forventet["Enkelttimer borte"] = (siden[4], for_[4])
    if siden[5] != "0" or for_[5] != "0":
        forventet["For sent"] = (siden[5], for_[5])
    [tabell] = [t for t in tabeller if t[0] == ["", "Siden forrige møte", "Perioden før"]]
    assert {r[0]: tuple(r[1:]) for r in tabell[1:]} == forventet
    assert setning in tekst
    mote = _MOTER[moter - 1]
    assert _rad(tabeller, "Evalueringsmøtet")[1] == mote["mote_dato"].strftime("%d.%m.%Y")  # type: ignore[union-attr]
    assert _rad(tabeller, "Planens versjon")[1] == f"{moter + 1} (etter dette møtet)"
    [evaluert] = [
        t for t in tabeller if t[0] == ["Tiltak", "Virket det?", "Beslutning", "Kommentar"]
    ]
    assert evaluert[1:] == [
        [e["tiltak"], e["effekt"], e["beslutning"], e.get("kommentar", "")]
        for e in _EVALUERINGER[moter - 1]
    ]
    for key in ("elevens_ord", "foresattes_ord", "nytt"):
        assert str(mote[key]) in tekst


def test_the_notes_say_what_is_new_and_when_the_next_meeting_is(syklus) -> None:
    tekst1, _ = _tekst(syklus[1]["evalueringsnotat"])
    tekst2, _ = _tekst(syklus[2]["evalueringsnotat"])
    tekst3, _ = _tekst(syklus[3]["evalueringsnotat"])
    # T4 was decided at the first meeting and started the day after.
    assert f"Nye tiltak fra dette møtet {T4} (fra 22.01.2027)" in tekst1
    assert "Nye tiltak" not in tekst2 + tekst3
    assert "Neste møte 04.02.2027" in tekst1
    assert "Neste møte 18.02.2027" in tekst2
    # No date set after the third: four weeks later, proposed.
    assert "Neste møte 18.03.2027 (Foreslått av Skjemaverk; avtal datoen i møtet.)" in tekst3


def test_going_further_is_in_the_note_when_absence_does_not_fall(syklus) -> None:
    tekst1, _ = _tekst(syklus[1]["evalueringsnotat"])
    tekst2, _ = _tekst(syklus[2]["evalueringsnotat"])
    tekst3, _ = _tekst(syklus[3]["evalueringsnotat"])
    # T2 did not work twice, but the team stopped it at the second time: no warning.
    assert "har ikke virket to ganger" not in tekst2
    # Compared with the report's figure for the time before the mapping, 3,2 %.
    assert not [t for t in tekst1.split(".") if "har ikke gått ned" in t]
    for tekst, n, prosent in ((tekst2, 2, "10,0"), (tekst3, 3, "20,0")):
        assert (
            # (the paragraph text has its spaces made plain by _tekst)
            f"Fraværet har ikke gått ned etter {n} evalueringer: {prosent} % siden forrige møte, "
            "mot 3,2 % av skoledagene før kartleggingen."
        ) in tekst
    assert "Vurder å involvere PPT, BUP, kommunens ressursteam og barnevernet." in tekst3
    # 20,0 % is at the threshold of 20 %, not over it.
    assert "over grensen" not in tekst3


def test_the_report_keeps_its_picture_of_the_absence_up_to_the_mapping(syklus) -> None:
    # Registrations after the mapping belong to the follow-up, not to the report.
    for n in range(4):
        tekst, tabeller = _tekst(syklus[n]["kartleggingsrapport"])
        alle = tekst + " ".join(c for t in tabeller for r in t for c in r)
        assert "3 av 94 skoledager" in alle, n
        assert "18.01.2027" not in alle and "08.02.2027" not in alle


# -- the warnings of sjekk, each with its cell --------------------------------------------


def _sjekk(skjema: Path, idag: date) -> list:
    return les_skjema(skjema, idag=idag).funn


def _celle(skjema: Path, ark: str, celle: str) -> object:
    return load_workbook(skjema)[ark][celle].value


def test_the_warnings_of_the_cycle_name_their_cells(blankt: Path, tmp_path: Path) -> None:
    skjema = _skjema(blankt, tmp_path / "skjema.xlsx", 3)
    funn = _sjekk(skjema, date(2027, 2, 19))
    assert all(f.alvor == "advarsel" for f in funn)
    assert not [f for f in funn if "har ikke virket to ganger" in f.melding]  # stopped
    [ned] = [f for f in funn if "Fraværet har ikke gått ned" in f.melding]
    # The meeting it is about: the latest one's date in the table of meetings.
    assert _celle(skjema, ned.ark, ned.celle).date() == date(2027, 2, 18)


def test_a_planned_meeting_that_passed_without_an_evaluation_is_a_warning(
    blankt: Path, tmp_path: Path
) -> None:
    skjema = _skjema(blankt, tmp_path / "skjema.xlsx", 1)
    assert not [f for f in _sjekk(skjema, date(2027, 2, 4)) if "er passert" in f.melding]
    [f] = [f for f in _sjekk(skjema, date(2027, 2, 8)) if "er passert" in f.melding]
    assert f.melding.startswith("Møtet 04.02.2027 er passert")
    assert _celle(skjema, f.ark, f.celle).date() == date(
        2027, 2, 4
    )  # the first meeting's «Neste møte»
    assert f.ark == "Evaluering"


def _fyll(blankt: Path, ut: Path, verdier: dict | None = None, **tabeller: list) -> Path:
    """The valid test form (conftest) with `verdier` and the tables given."""
    fyll_skjema(
        blankt, ut, {**GYLDIGE_VERDIER, **(verdier or {})}, {"tiltak": GYLDIGE_TILTAK, **tabeller}
    )
    return ut


def test_absence_over_the_threshold_since_the_last_meeting_is_a_warning(
    blankt: Path, tmp_path: Path
) -> None:
    # Mapping 26.11.2026; a meeting 03.12.2026: school days 27.11–03.12 are 5, away 2 → 40 %.
    tabeller = {
        "evalueringsmoter": [{"mote_dato": date(2026, 12, 3), "neste_mote": date(2026, 12, 17)}],
        "fravaer": [_hel(date(2026, 11, 30)), _hel(date(2026, 12, 1))],
    }
    ut = _fyll(blankt, tmp_path / "over.xlsx", **tabeller)
    [f] = [f for f in _sjekk(ut, date(2026, 12, 4)) if "over grensen" in f.melding]
    assert f"40,0{P} av skoledagene, over grensen på 20{P}" in f.melding
    assert "Vurder å involvere PPT" in f.melding
    assert f.ark == "Evaluering" and _celle(ut, f.ark, f.celle).date() == date(2026, 12, 3)
    # The reminder of the duty to act comes only when the mapping mentions bullying or the like.
    assert "aktivitetsplan" not in f.melding
    mobbing = {"rel_elev_medelev": "Amin sier at han blir holdt utenfor."}
    ut2 = _fyll(blankt, tmp_path / "mobbing.xlsx", mobbing, **tabeller)
    [f] = [f for f in _sjekk(ut2, date(2026, 12, 4)) if "over grensen" in f.melding]
    assert "aktivitetsplan" in f.melding
    # One day away of five is 20 %: at the threshold, not over it.
    ut3 = _fyll(blankt, tmp_path / "en.xlsx", **{**tabeller, "fravaer": tabeller["fravaer"][:1]})
    assert not [f for f in _sjekk(ut3, date(2026, 12, 4)) if "over grensen" in f.melding]


IKKE = "det er ikke registrert et gyldig samtykke for PPT"


@pytest.mark.parametrize(
    ("samtykker", "advarsel"),
    [
        ([], IKKE),
        ([{"tjeneste": "PPT", "gitt_av": "Mor", "dato": date(2026, 11, 20)}], ""),
        # Written in another case, or with more words: still PPT.
        ([{"tjeneste": "ppt", "dato": date(2026, 11, 20)}], ""),
        ([{"tjeneste": "PPT Bakkeby", "dato": date(2026, 11, 20)}], ""),
        # Given, then withdrawn.
        (
            [{"tjeneste": "PPT", "dato": date(2026, 11, 20), "trukket": date(2026, 11, 25)}],
            "samtykket for PPT ble trukket 25.11.2026",
        ),
        # Dated after today: not given yet.
        ([{"tjeneste": "PPT", "dato": date(2026, 12, 10)}], IKKE),
        # Consent to another service does not cover PPT.
        ([{"tjeneste": "BUP", "dato": date(2026, 11, 20)}], IKKE),
    ],
)
def test_a_measure_by_a_service_needs_a_valid_consent(
    blankt: Path, tmp_path: Path, samtykker: list, advarsel: str
) -> None:
    tiltak = [
        *GYLDIGE_TILTAK,
        {
            "omrade": "Hjelpetjenestene",
            "tiltak": "PPT utreder lesevansker.",
            "ansvarlig": "PPT",
            "oppstart": date(2026, 11, 27),
            "evaluering": date(2026, 12, 3),
            "status": "Planlagt",
        },
    ]
    ut = _fyll(blankt, tmp_path / "samtykke.xlsx", tiltak=tiltak, samtykker=samtykker)
    funn = [f for f in _sjekk(ut, date(2026, 11, 29)) if "samtykke" in f.melding]
    if not advarsel:
        assert funn == []
        return
    [f] = funn
    assert f.ark == "Plan" and _celle(ut, f.ark, f.celle) == "PPT"
    assert f"Tiltaket gjelder PPT, men {advarsel}" in f.melding


# -- a form filled in version 1 --------------------------------------------------------------


def test_an_old_amin_form_is_upgraded_with_every_value_in_place(tmp_path: Path) -> None:
    register = innebygd_register()
    [v1_def] = [
        d for d in register.tidligere if d.id == "kartlegging-skolefravaer" and d.versjon == 1
    ]
    blank_v1 = tmp_path / "blankt-v1.xlsx"
    skriv_blankt(v1_def, blank_v1)
    gammel = tmp_path / "Amin.xlsx"
    fyll_fra_toml(blank_v1, ROT / "tests" / "data" / "amin-v1.toml", gammel)

    v1 = les_skjema(gammel)
    assert v1.skjema_versjon == 1 and v1.feil == []
    r = CliRunner().invoke(main, ["oppgrader", str(gammel)])
    assert r.exit_code == 0, r.output
    ny = tmp_path / "Amin (versjon 2).xlsx"
    assert ny.is_file()
    v2 = les_skjema(ny)
    assert v2.skjema_versjon == 2 and v2.feil == []

    # The consent of version 1 was one Ja/Nei and a text: it has no place in the table of
    # consents per service, with a date and who gave it, so it is listed for the team.
    ikke_flyttet = {"samtykke", "samtykke_gjelder"}
    for key in ikke_flyttet:
        assert v1_def.felt(key).etikett in r.output
    assert "Dette har ikke noe sted å gå i den nye versjonen" in r.output
    sammenlignet = 0
    for key, verdi in v1.verdier.items():
        if key in ikke_flyttet:
            continue
        assert v2.verdier[key] == verdi, key
        sammenlignet += verdi is not None
    assert sammenlignet >= 60  # Amin's form is full: most fields hold something
    for key, rader in v1.tabeller.items():
        assert v2.tabeller[key] == rader, key
    assert len(v2.tabeller["fravaer"]) == len(v1.tabeller["fravaer"]) > 10
    # The new parts are empty, ready for the follow-up.
    assert v2.tabeller["evalueringsmoter"] == [] and v2.tabeller["samtykker"] == []
    assert v2.verdier["elev_mal"] is None


def test_wrong_dates_in_the_follow_up_are_found_with_their_cells(
    blankt: Path, tmp_path: Path
) -> None:
    # A meeting typed with next year, an evaluation dated a day with no meeting, the mapping
    # in the future, and absence from the school year before the mapping's.
    ut = _fyll(
        blankt,
        tmp_path / "datoer.xlsx",
        {"kartlegging_dato": date(2026, 11, 26), "plan_neste_mote": date(2026, 12, 3)},
        evalueringsmoter=[{"mote_dato": date(2027, 12, 3), "neste_mote": date(2027, 12, 17)}],
        evaluering=[_ev(date(2026, 12, 2), GYLDIGE_TILTAK[0]["tiltak"], "Virket", "Fortsette")],
        fravaer=[_hel(date(2025, 11, 3))],
    )
    funn = _sjekk(ut, date(2026, 12, 4))
    fram = [f for f in funn if "fram i tid" in f.melding]
    assert {(f.ark, _celle(ut, f.ark, f.celle).date()) for f in fram} == {
        ("Evaluering", date(2027, 12, 3))
    }
    [uten] = [f for f in funn if "Det er ikke ført noe møte 02.12.2026" in f.melding]
    assert _celle(ut, uten.ark, uten.celle).date() == date(2026, 12, 2)
    [aar] = [f for f in funn if f.verdi == "03.11.2025"]
    assert aar.ark == "Fravær" and "før første skoledag i skoleåret (17.08.2026)" in aar.melding
    # The mapping itself dated after today.
    ut2 = _fyll(blankt, tmp_path / "fram.xlsx", {"kartlegging_dato": date(2026, 11, 26)})
    # An error: every figure counts up to the mapping, so nothing else is said about it.
    [f] = [f for f in _sjekk(ut2, date(2026, 11, 20)) if "fram i tid" in f.melding]
    assert "26.11.2026, som er fram i tid (i dag er 20.11.2026)" in f.melding
    assert f.alvor == "feil" and f.etikett == "Dato for kartleggingen"
    assert _celle(ut2, f.ark, f.celle).date() == date(2026, 11, 26)


def test_a_meeting_or_an_evaluation_entered_twice_is_a_warning_on_the_second_row(
    blankt: Path, tmp_path: Path
) -> None:
    tiltak = GYLDIGE_TILTAK[0]["tiltak"]
    mote = {"mote_dato": date(2026, 12, 3), "neste_mote": date(2026, 12, 17)}
    ut = _fyll(
        blankt,
        tmp_path / "to.xlsx",
        evalueringsmoter=[mote, mote],
        evaluering=[
            _ev(date(2026, 12, 3), tiltak, "Virket", "Fortsette"),
            _ev(date(2026, 12, 3), tiltak, "Virket ikke", "Avslutte"),
        ],
    )
    funn = _sjekk(ut, date(2026, 12, 4))
    [mote_to] = [f for f in funn if f.melding.startswith("Møtet er ført to ganger")]
    [tiltak_to] = [f for f in funn if f.melding.startswith("Tiltaket er evaluert to ganger")]
    data = les_skjema(ut, idag=date(2026, 12, 4))
    assert (mote_to.ark, mote_to.celle) == data.celler[("evalueringsmoter", 1, "mote_dato")]
    assert (tiltak_to.ark, tiltak_to.celle)[0] == "Evaluering"
    assert tiltak_to.celle in {
        data.celler[("evaluering", 1, k)][1] for k in ("mote_dato", "tiltak")
    }


def test_a_measure_that_has_not_worked_twice_and_goes_on_is_a_warning_on_its_cell(
    blankt: Path, tmp_path: Path
) -> None:
    tiltak = GYLDIGE_TILTAK[0]["tiltak"]
    moter = [
        {"mote_dato": date(2026, 12, 3), "neste_mote": date(2026, 12, 10)},
        {"mote_dato": date(2026, 12, 10), "neste_mote": date(2026, 12, 17)},
    ]
    evalueringer = [
        _ev(date(2026, 12, 3), tiltak, "Virket ikke", "Fortsette"),
        _ev(date(2026, 12, 10), tiltak, "Virket ikke", "Fortsette"),
    ]
    ut = _fyll(blankt, tmp_path / "to.xlsx", evalueringsmoter=moter, evaluering=evalueringer)
    [f] = [f for f in _sjekk(ut, date(2026, 12, 11)) if "har ikke virket to ganger" in f.melding]
    assert f.ark == "Evaluering" and _celle(ut, f.ark, f.celle) == "Virket ikke"
    rad = int(re.sub(r"\D", "", f.celle))
    assert _celle(ut, f.ark, f"A{rad}").date() == date(2026, 12, 10)
    # Changed at the second time: the team has acted, no warning.
    evalueringer[1] = _ev(date(2026, 12, 10), tiltak, "Virket ikke", "Endre")
    ut2 = _fyll(blankt, tmp_path / "endret.xlsx", evalueringsmoter=moter, evaluering=evalueringer)
    assert not [f for f in _sjekk(ut2, date(2026, 12, 11)) if "to ganger" in f.melding]


def test_a_next_meeting_not_set_whose_proposed_day_has_passed_is_a_warning(
    blankt: Path, tmp_path: Path
) -> None:
    # A meeting on 03.12 with «Neste møte» empty: the plan proposes 17.12 (two weeks).
    moter = [{"mote_dato": date(2026, 12, 3)}]
    ut = _fyll(blankt, tmp_path / "uten.xlsx", evalueringsmoter=moter)
    assert not [f for f in _sjekk(ut, date(2026, 12, 10)) if "ikke satt" in f.melding]
    [f] = [f for f in _sjekk(ut, date(2026, 12, 18)) if "Neste møte er ikke satt" in f.melding]
    assert "17.12.2026, som planen ville foreslått, er passert" in f.melding
    data = les_skjema(ut, idag=date(2026, 12, 18))
    assert (f.ark, f.celle) == data.celler[("evalueringsmoter", 0, "neste_mote")]


@pytest.mark.parametrize(
    ("siden", "for_", "setning"),
    [
        ((5, 0, 0, 1), (5, 1, 0, 1), "Fraværet har gått ned siden perioden før."),
        ((10, 2, 0, 0), (5, 1, 0, 0), "Fraværet er like stort som i perioden før."),
        ((5, 1, 2, 0), (5, 1, 0, 0), "Fraværet har gått opp siden perioden før."),
        # Hours count too when whole days are the same (they were called "like stort").
        ((5, 0, 0, 0), (5, 0, 2, 0), "Fraværet har gått ned siden perioden før."),
    ],
)
def test_up_or_down_counts_days_hours_and_times_late_per_school_day(
    siden: tuple, for_: tuple, setning: str
) -> None:
    from toolkit.avledning.oppfolging import Periode, _retning

    def periode(t: tuple) -> Periode:
        skoledager, dager, timer, sent = t
        return Periode(date(2027, 1, 4), date(2027, 1, 8), skoledager, dager, timer, sent)

    assert _retning(periode(siden), periode(for_)) == setning

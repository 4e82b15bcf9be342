"""The field list as a Word document, for people who write their own templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hjelpere_docx import all_tekst, full_data, kontekst, tabeller

from toolkit.errors import SkriveError
from toolkit.feltdokument import lag_feltdokument
from toolkit.kontekst import beskrivelser
from toolkit.malsjekk import sjekk_mal
from toolkit.register import standard_definisjon
from toolkit.render import Mal

DEF = standard_definisjon()


@pytest.fixture(scope="module")
def feltdokument(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lag_feltdokument(DEF, tmp_path_factory.mktemp("felter") / "felter.docx")


_RADER: dict[Path, dict[str, list[str]]] = {}


def _rad(dokument: Path, kode: str) -> list[str]:
    """The table row whose first cell is `kode`."""
    if dokument not in _RADER:
        _RADER[dokument] = {rad[0]: rad for tabell in tabeller(dokument) for rad in tabell}
    rad = _RADER[dokument].get(kode)
    assert rad is not None, f"{kode} er ikke i feltdokumentet"
    return rad


def test_alle_felter_med_kode_ledetekst_type_og_eksempel(feltdokument: Path) -> None:
    for felt in DEF.felter:
        _kode, etikett, _type, eksempel = _rad(feltdokument, "{{ " + felt.key + " }}")
        assert etikett.startswith(felt.etikett)
        assert eksempel
    assert _rad(feltdokument, "{{ skole }}")[2:] == ["tekst", "Solbakken skole"]
    assert _rad(feltdokument, "{{ kartlegging_dato }}")[2] == "dato (dd.mm.åååå)"


def test_alle_tabellkolonner(feltdokument: Path) -> None:
    for tabell in DEF.tabeller:
        for kolonne in tabell.kolonner:
            rad = _rad(feltdokument, f"{tabell.key[0]}.{kolonne.key}")
            assert rad[1] == kolonne.etikett


def test_alle_utregnede_verdier(feltdokument: Path) -> None:
    for key in beskrivelser(DEF):
        _rad(feltdokument, "{{ " + key + " }}")
    assert "Amins plan for å komme tilbake til skolen" in _rad(feltdokument, "{{ plan_tittel }}")[2]
    assert _rad(feltdokument, "{{ elev_genitiv }}")[2] == "Amins"
    assert (
        "hver har: skolen, hjemmet, eleven, hjelpetjenestene"
        in _rad(feltdokument, "{{ tiltak_rader }}")[2]
    )
    assert _rad(feltdokument, "{{ fravaer_diagram_ukedag }}")[2].startswith("(et bilde")


def test_eksempler_pa_lokke_vilkar_og_diagram(feltdokument: Path) -> None:
    tekst = all_tekst(feltdokument)
    # The loop example is over the definition's first table, «Samtykker».
    assert DEF.tabeller[0].key == "samtykker"
    for kode in (
        "{%tr for s in samtykker %}",
        "{{ s.tjeneste }}",
        "{%tr endfor %}",
        "{%tr for r in tiltak_rader %}",
        "{%p if vis_om_eleven %}",
        "{%p endif %}",
        "{% if kartlegging_dato %}",
        "{%p for d in deler %}",
        "{%p if fravaer_diagram_ukedag %}",
        "{{ fravaer_diagram_ukedag }}",
    ):
        assert kode in tekst
    assert "Rette anførselstegn" in tekst


def test_feltdokumentet_er_selv_en_gyldig_mal(feltdokument: Path, tmp_path: Path) -> None:
    assert sjekk_mal(feltdokument, DEF) == []
    ut = tmp_path / "utfylt.docx"
    ut.write_bytes(Mal(feltdokument).render(kontekst(full_data()), tittel="Test"))
    tekst = all_tekst(ut)
    assert "Foreldrene vekker Amin om morgenen." in tekst
    assert "Mål for planen: Amin er på skolen hele dagen" in tekst
    assert "{%" not in tekst


def test_skriver_ikke_over_uten_lov(feltdokument: Path, tmp_path: Path) -> None:
    sti = tmp_path / "felter.docx"
    sti.write_bytes(b"gammel")
    with pytest.raises(SkriveError, match="finnes allerede"):
        lag_feltdokument(DEF, sti)
    assert sti.read_bytes() == b"gammel"
    lag_feltdokument(DEF, sti, overskriv=True)
    assert "Feltliste for Word-maler" in all_tekst(sti)
    assert [p.name for p in tmp_path.iterdir()] == ["felter.docx"]


def test_mappe_som_ikke_finnes(tmp_path: Path) -> None:
    with pytest.raises(SkriveError, match="finnes ikke"):
        lag_feltdokument(DEF, tmp_path / "mangler" / "felter.docx")


def test_uten_eksempelskjema_brukes_oppdiktede_verdier(tmp_path: Path) -> None:
    sti = lag_feltdokument(DEF, tmp_path / "felter.docx", eksempel=tmp_path / "finnes-ikke.xlsx")
    assert _rad(sti, "{{ elev_navn }}")[3] == "Amin Hassan"
    assert _rad(sti, "{{ skole }}")[3] == "Eksempel på skole"

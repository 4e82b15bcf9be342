"""A mistake in a form definition is a clear Norwegian message, never a traceback.

Each test changes one thing in a school's own definition (tests/data/samtale.toml)
and runs what a school runs. The promise: the message names the file and, where
it can, the line; the exit code is 2; and nothing in a definition makes
Skjemaverk read or write outside the definition's folder or the output folder.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import ROT
from toolkit.blank import bygg_blankt
from toolkit.cli import main
from toolkit.definisjon import last_definisjon
from toolkit.fyll import fyll_bytes

BASE = (ROT / "tests" / "data" / "samtale.toml").read_text(encoding="utf-8")


def _sub(gammel: str, ny: str, tekst: str = BASE) -> str:
    assert gammel in tekst, gammel
    return tekst.replace(gammel, ny, 1)


def _skole(tmp_path: Path, toml: str) -> Path:
    """A school's folder: skjemaverk.toml, skjemaer/samtale.toml and a filled form sara.xlsx."""
    mappe = tmp_path / "skjemaer"
    mappe.mkdir(parents=True, exist_ok=True)
    (mappe / "samtale.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "skjemaverk.toml").write_text('[skjemaer]\nmappe = "skjemaer"\n', encoding="utf-8")
    grunn = tmp_path / "grunn" / "samtale.toml"
    grunn.parent.mkdir(exist_ok=True)
    grunn.write_text(BASE, encoding="utf-8")
    definisjon = last_definisjon(grunn)
    (tmp_path / "sara.xlsx").write_bytes(
        fyll_bytes(
            bygg_blankt(definisjon),
            definisjon,
            {
                "elev_navn": "Sara",
                "samtale_dato": date(2026, 11, 12),
                "tema": "Lekser og venner",
                "neste_samtale": date(2026, 11, 19),
            },
            {"avtaler": [{"hva": "Lese 20 min", "hvem": "Sara", "frist": date(2026, 11, 18)}]},
        )
    )
    return tmp_path


def _kjor(mappe: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(mappe)
    return CliRunner().invoke(main, list(args))


def _avvist(r: Result, *ord: str) -> None:
    """Exit 2 with a Norwegian message naming the definition file, and no traceback."""
    assert r.exit_code == 2, r.output
    assert "samtale.toml" in r.output, r.output
    for o in ord:
        assert o in r.output, r.output
    assert "Traceback" not in r.output and "Uventet feil" not in r.output


def _filer(mappe: Path) -> set[Path]:
    return {p for p in mappe.rglob("*") if p.is_file()}


# -- 4. paths in a definition stay in their folder ------------------------------------------

STIER = {
    "filnavn_dotdot": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "../../../UTENFOR"'),
    "filnavn_abs": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "/tmp/ABS"'),
    "filnavn_stasjon": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "C:referat"'),
    "filnavn_skille": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nfilnavn = "ut\\\\referat"'),
    "blankt_dotdot": ('blankt = "samtaleskjema.xlsx"', 'blankt = "../../BLANK.xlsx"'),
    "blankt_abs": ('blankt = "samtaleskjema.xlsx"', 'blankt = "/tmp/BLANK_ABS.xlsx"'),
    "blankt_docx": ('blankt = "samtaleskjema.xlsx"', 'blankt = "samtaleskjema.docx"'),
    "mal_dotdot": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "../../../../etc/passwd"'),
    "mal_abs": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "/etc/passwd"'),
    "mal_dotdot_docx": ('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "../utenfor.docx"'),
}


@pytest.mark.parametrize("navn", sorted(STIER))
def test_a_path_that_leaves_the_definitions_folder_is_refused_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, navn: str
) -> None:
    mappe = _skole(tmp_path / "skole", _sub(*STIER[navn]))
    (tmp_path / "skole" / "utenfor.docx").write_bytes((ROT / "maler" / "plan.docx").read_bytes())
    for_ = _filer(tmp_path)
    nokkel = navn.split("_")[0]
    for args in (["skjemaer"], ["nytt"], ["lag", "sara.xlsx", "--ut", "ut"]):
        _avvist(_kjor(mappe, monkeypatch, *args), nokkel)
    assert _filer(tmp_path) == for_  # nothing written, anywhere


def test_a_template_outside_the_folder_is_not_used_even_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    utenfor = tmp_path / "utenfor.docx"
    utenfor.write_bytes((ROT / "maler" / "plan.docx").read_bytes())
    mappe = _skole(
        tmp_path / "skole", _sub('vedlegg = "Referat"', 'vedlegg = "Referat"\nmal = "referat.docx"')
    )
    try:
        (mappe / "skjemaer" / "referat.docx").symlink_to(utenfor)
    except OSError:
        pytest.skip("this system cannot make a symbolic link")
    _avvist(_kjor(mappe, monkeypatch, "lag", "sara.xlsx", "--ut", "ut"), "referat.docx")
    assert not (mappe / "ut").exists()


def test_a_documents_file_name_cannot_leave_the_output_folder_even_unchecked() -> None:
    from toolkit.skriv import filnavn

    assert filnavn("Sara", "../../../UTENFOR") == "Sara - UTENFOR.docx"
    assert "/" not in filnavn("Sara", "/tmp/x/ABS") and "\\" not in filnavn("Sara", "C:\\x")


# -- 1. a school's definition and the built-in forms ---------------------------------------


@pytest.mark.parametrize(
    ("skjema_id", "versjon"),
    [
        ("kartlegging-skolefravaer", 1),
        ("kartlegging-skolefravaer", 2),
        ("aktivitetsplan", 1),
    ],
)
def test_a_built_in_id_at_a_version_not_above_the_built_in_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skjema_id: str, versjon: int
) -> None:
    toml = _sub('id = "samtaleskjema"\nversjon = 1', f'id = "{skjema_id}"\nversjon = {versjon}')
    mappe = _skole(tmp_path, toml)
    innebygd = "kartlegging.toml" if skjema_id.startswith("kartlegging") else "aktivitetsplan.toml"
    for args in (["skjemaer"], ["nytt"], ["sjekk", str(ROT / "eksempler" / "amin.xlsx")]):
        _avvist(_kjor(mappe, monkeypatch, *args), skjema_id, innebygd, f"versjon {versjon + 1}")
    assert not (mappe / "kartleggingsskjema.xlsx").exists()


def test_a_schools_higher_version_of_a_built_in_form_keeps_it_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = _sub('id = "samtaleskjema"\nversjon = 1', 'id = "kartlegging-skolefravaer"\nversjon = 3')
    mappe = _skole(tmp_path, toml)
    r = _kjor(mappe, monkeypatch, "skjemaer")
    assert r.exit_code == 0, r.output
    assert "versjon 3, skolens eget" in r.output
    assert "leser også skjemaer fra versjon 1, 2" in r.output
    r = _kjor(mappe, monkeypatch, "nytt", "ny.xlsx")
    assert r.exit_code == 0, r.output
    assert "samtaleskjema" in r.output  # the school's version 3 of the default form


def test_a_schools_own_form_cannot_make_itself_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mappe = _skole(tmp_path, _sub("versjon = 1\n", "versjon = 1\nstandard = true\n"))
    _avvist(_kjor(mappe, monkeypatch, "skjemaer"), "standard", "--skjema")


# -- 5, 6, 7, 10, 11. every mistake: exit 2, Norwegian, the file and the line -----------------

TEMA = 'key = "tema"\netikett = "Tema"\ntype = "langtekst"'
AVTALER_HVEM = 'key = "hvem"\netikett = "Hvem"\ntype = "tekst"'
REGEL = "[[dokument]]"


def _regel(tekst: str) -> tuple[str, str]:
    return REGEL, f"[[regel]]\n{tekst}\n\n{REGEL}"


# name: (old, new, the text on the line the message must name, words it must say)
FEIL: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = {
    # 5. once a traceback (exit 3)
    "maks_lengde_tekst": (TEMA, TEMA + '\nmaks_lengde = "mye"', "maks_lengde", ("helt tall",)),
    "min_tekst": ("min = 1", 'min = "en"', "min = ", ("min", "helt tall")),
    "maks_dager_tekst": (
        *_regel(
            'type = "avstand"\nfor = "samtale_dato"\nfelt = "neste_samtale"\n'
            'maks_dager = "to uker"\nmelding = "For lenge."'
        ),
        "maks_dager",
        ("helt tall",),
    ),
    "uten_dokument": (REGEL, "[[dokumentet]]", "[[dokumentet]]", ("dokumentet",)),
    "rader_over_grensen": ("rader = 5", "rader = 1100000", "rader", ("5000",)),
    "rader_mange": ("rader = 5", "rader = 100000", "rader", ("5000",)),
    # 6. once English
    "versjon_tekst": ("versjon = 1", 'versjon = "to"', "versjon", ("helt tall",)),
    "rader_tekst": ("rader = 5", 'rader = "fem"', "rader", ("helt tall",)),
    "regel_min_tekst": (
        *_regel('type = "rader"\ntabell = "avtaler"\nmin = "to"\nmelding = "Ingen avtaler."'),
        "min = ",
        ("helt tall",),
    ),
    "skjema_liste": ("[skjema]", "[[skjema]]", "[[skjema]]", ("enkle hakeparenteser",)),
    "felt_tekst": (
        REGEL,
        '[[del]]\nkey = "x"\nark = "X"\ntittel = "X"\nfelt = "hei"\n\n' + REGEL,
        'felt = "hei"',
        ("[[del.felt]]",),
    ),
    "toml_to_ganger": (TEMA, TEMA + '\nkey = "tema2"', 'key = "tema2"', ("to ganger",)),
    "toml_anforsel": ('etikett = "Tema"', 'etikett = "Tema', 'etikett = "Tema', ("anførselstegn",)),
    # 7. the line, also after parsing
    "nokkel_to_ganger": (
        'key = "neste_samtale"',
        'key = "tema"',
        'key = "tema"\netikett = "Neste',
        ("to ganger",),
    ),
    "valgfelt_uten_valg": (
        'valg = "stemning"\n',
        "",
        '[[del.felt]]\nkey = "stemning"',
        ("valg",),
    ),
    "regel_ukjent_felt": (
        'felt = "neste_samtale"',
        'felt = "neste_samtal"',
        'felt = "neste_samtal"',
        ("neste_samtale",),
    ),
    # 10. wrong types, not accepted in silence
    "valgliste_tekst": (
        'stemning = ["God", "Middels", "Dårlig"]',
        'stemning = "God"',
        "stemning",
        ("liste",),
    ),
    "pakrevd_tekst": (TEMA + "\npakrevd = true", TEMA + '\npakrevd = "nei"', "pakrevd", ("true",)),
    "versjon_desimal": ("versjon = 1", "versjon = 1.5", "versjon", ("helt tall",)),
    "versjon_sann": ("versjon = 1", "versjon = true", "versjon", ("helt tall",)),
    "versjon_tall_i_tekst": ("versjon = 1", 'versjon = "2"', "versjon", ("versjon = 2",)),
    "versjon_null": ("versjon = 1", "versjon = 0", "versjon", ("fra 1",)),
    "versjon_negativ": ("versjon = 1", "versjon = -3", "versjon", ("fra 1",)),
    "min_over_maks": ("min = 1\nmaks = 10", "min = 10\nmaks = 1", "min = 10", ("større",)),
    "maks_lengde_negativ": (TEMA, TEMA + "\nmaks_lengde = -1", "maks_lengde", ("fra 1",)),
    "rader_negativ": ("rader = 5", "rader = -5", "rader", ("fra 1",)),
    "id_tom": ('id = "samtaleskjema"', 'id = ""', "id = ", ("tom",)),
    "hvis_er_ikke_et_valg": (
        *_regel(
            'type = "hvis"\nhvis = "stemning"\ner = "Kjempedårlig"\nda = "tema"\n'
            'melding = "Skriv hva som skjedde."'
        ),
        "er = ",
        ("God, Middels, Dårlig",),
    ),
    "deler_tekst": (
        'vedlegg = "Referat"',
        'vedlegg = "Referat"\ndeler = "innhold"',
        "deler",
        ('deler = ["innhold"]',),
    ),
    "kolonner_tekst": (
        *_regel('type = "unik"\ntabell = "avtaler"\nkolonner = "hva"\nmelding = "To like."'),
        "kolonner",
        ('kolonner = ["hva"]',),
    ),
    "etikett_for_lang": (
        'etikett = "Tema"',
        'etikett = "' + "T" * 40000 + '"',
        'etikett = "TTT',
        ("32767",),
    ),
    # 11. column keys
    "kolonne_mellomrom": (
        AVTALER_HVEM,
        AVTALER_HVEM.replace('"hvem"', '"hvem er det"'),
        "hvem er det",
        ("nøkkel",),
    ),
    "kolonne_aeoa": (
        AVTALER_HVEM,
        AVTALER_HVEM.replace('"hvem"', '"hvem_får"'),
        "hvem_får",
        ("a–z",),
    ),
    "nokkel_linjeskift": (
        'key = "neste_samtale"',
        'key = "neste_samtale\\n"',
        'key = "neste_samtale\\n"',
        ("nøkkel",),
    ),
}
# Words only tomllib or Python would write.
ENGELSK = re.compile(
    r"invalid literal|object has|attribute|list indices|Cannot|Illegal|Expected|at line|"
    r"column \d|TypeError|ValueError|KeyError"
)


@pytest.mark.parametrize("navn", sorted(FEIL))
def test_a_definition_mistake_is_norwegian_and_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, navn: str
) -> None:
    gammel, ny, linjetekst, ord_ = FEIL[navn]
    toml = _sub(gammel, ny)
    mappe = _skole(tmp_path, toml)
    for args in (["skjemaer"], ["nytt", "ny.xlsx", "--skjema", "samtale"], ["sjekk", "sara.xlsx"]):
        r = _kjor(mappe, monkeypatch, *args)
        _avvist(r, *ord_)
        assert not ENGELSK.search(r.output), r.output
        assert "skjemaer/samtale.toml" in r.output or "skjemaer\\samtale.toml" in r.output
    if linjetekst is not None:
        # The line of `linjetekst` where the change is, or else the last one before it
        # (a table whose setting is missing is named by its header).
        start = BASE.index(gammel)
        sted = toml.find(linjetekst, start)
        sted = sted if sted >= 0 else toml.rfind(linjetekst, 0, start)
        nr = toml[:sted].count("\n") + 1
        assert f"samtale.toml», linje {nr}:" in r.output, (nr, r.output)
    assert not (mappe / "ny.xlsx").exists()


# -- 8, 12. what the templates and Excel need is checked at load -----------------------------

# name: (old, new, appended, words the message must say)
VED_LAST: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # 8. a key the template context has already: the field would vanish from the documents
    **{
        f"reservert_{key}": (TEMA, TEMA.replace('"tema"', f'"{key}"', 1), "", ("reservert",))
        for key in ("deler", "dokument_tittel", "generert_dato", "logo", "skolenavn", "vis_om")
    },
    "avledningens_nokkel": (
        TEMA,
        TEMA.replace('"tema"', '"elev_fornavn"', 1),
        '\n[[avledning]]\ntype = "navn"\nnavn = "elev"\nfelt = "elev_navn"\n',
        ("elev_fornavn", "avledningen «elev»"),
    ),
    # 12. what nytt, felter or lag refused only later
    "ligner_celle": ('key = "neste_samtale"', 'key = "f1"', "", ("cellereferanse",)),
    "ark_veiledning": ('ark = "Innhold"', 'ark = "Veiledning"', "", ("Veiledning",)),
    "ukjent_avledning": ("", "", '\n[[avledning]]\ntype = "finnesikke"\n', ("finnesikke",)),
    "avledning_ukjent_navn": (
        "",
        "",
        '\n[[avledning]]\ntype = "tekst"\nnavn = "t"\nmal = "{finnesikke} plan"\n',
        ("finnesikke",),
    ),
    "mal_mangler": (
        'vedlegg = "Referat"',
        'vedlegg = "Referat"\nmal = "finnesikke.docx"',
        "",
        ("finnes ikke",),
    ),
}


@pytest.mark.parametrize("navn", sorted(VED_LAST))
def test_what_templates_and_excel_need_is_checked_when_the_definition_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, navn: str
) -> None:
    gammel, ny, tillegg, ord_ = VED_LAST[navn]
    toml = (_sub(gammel, ny) if gammel else BASE) + tillegg
    mappe = _skole(tmp_path, toml)
    for args in (["skjemaer"], ["sjekk", "sara.xlsx"], ["felter", "--skjema", "samtale"]):
        r = _kjor(mappe, monkeypatch, *args)
        _avvist(r, *ord_)
        assert re.search(r"samtale\.toml», linje \d+: ", r.output), r.output


# -- 14. a folder of definitions ----------------------------------------------------------------


def test_a_stray_toml_file_is_passed_over_with_a_note_and_the_settings_file_in_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mappe = _skole(tmp_path, BASE)
    (mappe / "skjemaer" / "notater.toml").write_text('tittel = "mine notater"\n', encoding="utf-8")
    (mappe / "skjemaer" / "uferdig.toml").write_text("ikke = [toml\n", encoding="utf-8")
    r = _kjor(mappe, monkeypatch, "skjemaer")
    assert r.exit_code == 0, r.output
    assert "samtale: Samtaleskjema" in r.output and "kartlegging:" in r.output
    assert "notater.toml» ligger i mappen med skolens skjemaer, men er ikke en" in r.output
    assert "uferdig.toml» ligger i mappen" in r.output
    # The same folder as the settings: skjemaverk.toml is not a definition, and not a note.
    (mappe / "skjemaverk.toml").write_text('[skjemaer]\nmappe = "."\n', encoding="utf-8")
    (mappe / "samtale.toml").write_text(BASE, encoding="utf-8")
    r = _kjor(mappe, monkeypatch, "skjemaer")
    assert r.exit_code == 0, r.output
    assert "samtale: Samtaleskjema" in r.output and "skjemaverk.toml" not in r.output


def test_a_definition_with_a_mistake_still_stops_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mappe = _skole(tmp_path, BASE.replace("[skjema]", "[skjma]"))
    r = _kjor(mappe, monkeypatch, "skjemaer")
    _avvist(r, "skjma")


def test_a_form_with_no_document_due_yet_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = _sub('vedlegg = "Referat"', 'vedlegg = "Referat"\nbare_med = "stemning"')
    mappe = _skole(tmp_path, toml)  # Sara's form has no «Stemning»
    r = _kjor(mappe, monkeypatch, "lag", "sara.xlsx", "--ut", "ut")
    assert r.exit_code == 0, r.output
    assert "ingen dokumenter å lage ennå" in r.output and "«Stemning» er fylt ut" in r.output
    assert not (mappe / "ut").exists()


# -- 3. a form of a version whose definition is gone --------------------------------------------


def test_a_form_of_a_version_whose_definition_is_gone_says_how_to_get_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Version 2 with a new question, the old definition not kept beside it.
    ny = _sub("versjon = 1", "versjon = 2").replace(
        "[[del.tabell]]", '[[del.felt]]\nkey = "hjemme"\netikett = "Hjemme"\n\n[[del.tabell]]'
    )
    mappe = _skole(tmp_path, ny)  # Sara's form is of version 1
    for args in (["sjekk", "sara.xlsx"], ["oppgrader", "sara.xlsx"]):
        r = _kjor(mappe, monkeypatch, *args)
        assert r.exit_code == 2, r.output
        assert "versjon 1 av «Samtaleskjema – elevsamtale»" in r.output
        assert "Legg den gamle definisjonen tilbake" in r.output and "samtale-1.toml" in r.output
        assert "skjemaverk oppgrader" in r.output
    # Put back, the form is read, and oppgrader moves it over.
    (mappe / "skjemaer" / "samtale-1.toml").write_text(BASE, encoding="utf-8")
    r = _kjor(mappe, monkeypatch, "sjekk", "sara.xlsx")
    assert r.exit_code == 0 and "Skjemaet er laget i versjon 1" in r.output, r.output
    r = _kjor(mappe, monkeypatch, "oppgrader", "sara.xlsx")
    assert r.exit_code == 0 and "versjon 2" in r.output, r.output


# -- 13. a required field added without a new version -------------------------------------------


def test_a_required_field_added_in_the_same_version_gets_advice_that_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ny = BASE.replace(
        "[[del.tabell]]",
        '[[del.felt]]\nkey = "hjemme"\netikett = "Hjemme"\npakrevd = true\n\n[[del.tabell]]',
    )
    mappe = _skole(tmp_path, ny)  # Sara's form, version 1, made before «Hjemme»
    r = _kjor(mappe, monkeypatch, "sjekk", "sara.xlsx")
    assert r.exit_code == 1, r.output
    assert "Hjemme: Feltet må fylles ut, men det finnes ikke i dette skjemaet" in r.output
    assert "oppgrader" not in r.output and "skjemaverk nytt" in r.output
    r = _kjor(mappe, monkeypatch, "oppgrader", "sara.xlsx")
    assert r.exit_code == 1 and "ingenting å oppgradere" in r.output, r.output


# -- 15. templates for a school's own form -----------------------------------------------------


def test_check_of_a_template_without_skjema_names_the_form_and_the_one_it_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx import Document

    mappe = _skole(tmp_path, BASE)
    doc = Document()
    doc.add_paragraph("Tema: {{ tema }}")
    doc.save(str(mappe / "tema.docx"))
    r = _kjor(mappe, monkeypatch, "sjekk-mal", "tema.docx")
    assert r.exit_code == 1, r.output
    assert "Malen er sjekket mot «Kartleggingsskjema – bekymringsfullt skolefravær»" in r.output
    assert "Den passer til «Samtaleskjema – elevsamtale»" in r.output
    assert "--skjema samtale" in r.output
    r = _kjor(mappe, monkeypatch, "sjekk-mal", "tema.docx", "--skjema", "samtale")
    assert r.exit_code == 0 and "Malen er i orden" in r.output, r.output


def test_a_template_for_a_document_the_form_does_not_have_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mappe = _skole(tmp_path, BASE)
    plan = str(ROT / "maler" / "plan.docx")
    r = _kjor(mappe, monkeypatch, "lag", "sara.xlsx", "--ut", "ut", "--mal", f"plan={plan}")
    assert r.exit_code == 2, r.output
    assert "har ikke dokumentet «plan». Dokumentene er: referat." in r.output
    assert not (mappe / "ut").exists()

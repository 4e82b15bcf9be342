"""The e-mail draft: an .eml that Outlook opens as a new message to check and send."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from toolkit.beskytt import krypter_docx
from toolkit.epost import ADVARSEL_UKRYPTERT, EpostError, brodtekst, lag_utkast, noytralt_emne
from toolkit.innstillinger import Epost
from toolkit.inntak import les_skjema
from toolkit.kjoring import lag_dokumenter

ROT = Path(__file__).resolve().parent.parent
PASSORD = "kanel-fjord-trompet-vaffel-ugle-bjelke-47"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def beskyttet(tmp_path_factory) -> list[Path]:
    """Amin's three documents, password-protected, with æøå in their names."""
    ut = tmp_path_factory.mktemp("amin")
    filer = lag_dokumenter(les_skjema(ROT / "eksempler/amin.xlsx"), ut)
    nye = []
    for fil, navn in zip(
        filer,
        ("Rapport før møtet.docx", "Plan for å komme tilbake – Æ.docx", "Notat etter møtet.docx"),
        strict=True,
    ):
        ny = ut / "beskyttet" / navn
        ny.parent.mkdir(exist_ok=True)
        ny.write_bytes(krypter_docx(fil.read_bytes(), PASSORD))
        nye.append(ny)
    return nye


@pytest.fixture(scope="module")
def ubeskyttet(tmp_path_factory) -> list[Path]:
    ut = tmp_path_factory.mktemp("amin-ubeskyttet")
    return lag_dokumenter(les_skjema(ROT / "eksempler/amin.xlsx"), ut)


def les(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)


def standard_utkast(vedlegg: list[Path], **kwargs) -> bytes:
    return lag_utkast(
        ["foresatt@example.no", "PPT Solbakken <ppt@kommune.example.no>"],
        vedlegg,
        Epost.emne,
        brodtekst(Epost.tekst, "Solbakken skole"),
        **kwargs,
    )


def test_draft_has_the_recipients_and_is_unsent(beskyttet):
    melding = les(standard_utkast(beskyttet))

    adresser = [a.addr_spec for a in melding["To"].addresses]
    assert adresser == ["foresatt@example.no", "ppt@kommune.example.no"]
    assert melding["To"].addresses[1].display_name == "PPT Solbakken"
    assert melding["X-Unsent"] == "1"
    assert melding["From"] is None  # Outlook fills in the user's own address


def test_attachments_are_the_documents_byte_for_byte(beskyttet):
    melding = les(standard_utkast(beskyttet))

    vedlegg = list(melding.iter_attachments())
    assert [v.get_filename() for v in vedlegg] == [p.name for p in beskyttet]
    assert [v.get_content_type() for v in vedlegg] == [DOCX, DOCX, DOCX]
    assert [v.get_content() for v in vedlegg] == [p.read_bytes() for p in beskyttet]


def test_attachment_names_with_aeoa_are_encoded_by_rfc_2231(beskyttet):
    raa = standard_utkast(beskyttet)

    assert raa.isascii()
    assert b"filename*=utf-8''Plan%20for%20%C3%A5%20komme" in raa
    assert b"filename*0*" not in raa  # one piece: not every Outlook joins continuations
    assert b"\r\n" in raa  # CRLF, as mail files from Outlook itself


def test_pdf_attachments_are_application_pdf(tmp_path):
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%fake\n")

    melding = les(standard_utkast([pdf], ukryptert=True))

    (vedlegg,) = melding.iter_attachments()
    assert vedlegg.get_content_type() == "application/pdf"
    assert vedlegg.get_content() == pdf.read_bytes()


def test_subject_is_neutral_and_the_body_comes_from_the_settings(beskyttet):
    melding = les(
        lag_utkast(
            ["foresatt@example.no"],
            beskyttet,
            Epost.emne,
            brodtekst(Epost.tekst, "Solbakken skole"),
            forbudte=["Amin"],
        )
    )

    assert melding["Subject"] == "Dokumenter fra skolen"
    assert "Amin" not in melding["Subject"]
    tekst = melding.get_body(preferencelist=("plain",)).get_content()
    assert tekst.startswith("Hei,")
    assert "får på SMS" in tekst
    assert tekst.rstrip().endswith("Solbakken skole")
    assert "Amin" not in tekst


def test_a_subject_with_the_pupils_name_is_refused(beskyttet):
    with pytest.raises(EpostError, match="navnet «Amin»"):
        lag_utkast(
            ["a@example.no"], beskyttet, "Amins plan", "Hei", forbudte=["Amin Hassan", "Amin"]
        )


@pytest.mark.parametrize("emne", ["Fraværet til eleven", "Skolevegring – møte", "Svar fra BUP"])
def test_a_subject_with_sensitive_words_is_refused(emne):
    with pytest.raises(EpostError, match="sier hva saken gjelder"):
        noytralt_emne(emne)


def test_body_template_keeps_other_braces():
    assert (
        brodtekst("Hilsen {skole} {navn} {", "Solbakken skole") == "Hilsen Solbakken skole {navn} {"
    )


def test_unprotected_documents_are_refused(ubeskyttet):
    with pytest.raises(EpostError) as feil:
        standard_utkast(ubeskyttet)

    assert "ikke beskyttet med passord" in str(feil.value)
    assert "--ukryptert" in str(feil.value)


def test_unprotected_documents_with_ukryptert_and_a_warning_why(ubeskyttet):
    melding = les(standard_utkast(ubeskyttet, ukryptert=True))

    assert [v.get_content() for v in melding.iter_attachments()] == [
        p.read_bytes() for p in ubeskyttet
    ]
    assert "helse og familie" in ADVARSEL_UKRYPTERT
    assert "--passord" in ADVARSEL_UKRYPTERT


@pytest.mark.parametrize(
    "adresse", ["foresatt", "foresatt@", "@example.no", "a b@example.no", "a@b"]
)
def test_an_invalid_address_is_named(beskyttet, adresse):
    with pytest.raises(EpostError, match=f"«{adresse}» er ikke en gyldig e-postadresse"):
        lag_utkast([adresse], beskyttet, Epost.emne, "Hei")


def test_several_addresses_in_one_argument(beskyttet):
    melding = les(
        lag_utkast(["a@example.no; b@example.no,c@example.no"], beskyttet, "Dokumenter", "Hei")
    )

    assert [a.addr_spec for a in melding["To"].addresses] == [
        "a@example.no",
        "b@example.no",
        "c@example.no",
    ]


def test_no_recipients_is_an_error(beskyttet):
    with pytest.raises(EpostError, match="minst én mottaker"):
        lag_utkast([], beskyttet, Epost.emne, "Hei")


def test_other_files_are_not_attached(tmp_path):
    fil = tmp_path / "notat.txt"
    fil.write_text("hei")
    with pytest.raises(EpostError, match=r"bare \.docx og \.pdf"):
        lag_utkast(["a@example.no"], [fil], Epost.emne, "Hei", ukryptert=True)


def test_outlooks_last_first_form_with_a_comma_is_one_address() -> None:
    from toolkit.epost import sjekk_adresser

    adresser = sjekk_adresser(['"Berg, Hanne" <hanne.berg@skole.no>; ppt@kommune.no'])
    assert [(a.display_name, a.addr_spec) for a in adresser] == [
        ("Berg, Hanne", "hanne.berg@skole.no"),
        ("", "ppt@kommune.no"),
    ]

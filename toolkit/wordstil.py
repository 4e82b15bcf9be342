"""Settings every Word document that Skjemaverk makes shares: Norwegian, modern Word."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SPRAK = "nb-NO"


def sett_sprak(doc: Document) -> None:
    """Set the document language nb-NO in the style defaults and in the settings."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), SPRAK)
    lang.set(qn("w:eastAsia"), SPRAK)
    lang.set(qn("w:bidi"), "ar-SA")
    settings = doc.settings.element
    tema = settings.find(qn("w:themeFontLang"))
    if tema is not None:
        tema.set(qn("w:val"), SPRAK)
        tema.attrib.pop(qn("w:eastAsia"), None)
    for navn, verdi in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        el = settings.find(qn(navn))
        if el is not None:
            el.set(qn("w:val"), verdi)
    # Word 2013+ layout, so Word does not open the document in compatibility mode.
    for el in settings.iter(qn("w:compatSetting")):
        if el.get(qn("w:name")) == "compatibilityMode":
            el.set(qn("w:val"), "15")

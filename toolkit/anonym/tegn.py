"""Characters: the one normalisation of a text, and the letters of every alphabet with case.

Text copied from an e-mail, a web page or a PDF carries characters that look
like a space or like nothing at all: a no-break space (U+00A0) in
"412 34 567", a soft hyphen (U+00AD) inside "Amin", a zero-width space, a
byte order mark. A reader sees "412 34 567" and "Amin"; a pattern would not.
`normaliser` turns each into what a reader sees (a space, a hyphen, or
nothing) and composes each letter with its accents (NFC), so "Zoë" typed as
"Zoe" + a combining diaeresis is "Zoë". The anonymiser normalises the form's
text values once, before it reads them, and the final check normalises every
text it reads from a Word document or a PDF the same way, so the two always
see the same text.

`STOR` and `LITEN` are the upper- and lower-case letters of the alphabets
that have case (Latin with all its accents, Greek, Cyrillic, Armenian,
Georgian …), for a regular expression's character class: "Ömer", "Łukasz",
"Čoarvi", "Áilu" begin with a capital letter as "Emil" does. `ANNEN_SKRIFT`
finds a run of letters of a script that is not Latin (Arabic ياسمين,
Cyrillic, Greek, Chinese …): in a Norwegian form such a word is a name or a
word no list here knows.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that are not seen: soft hyphen, zero-width space, non-joiner and joiner, word
# joiner, invisible operators, byte order mark (zero-width no-break space).
_USYNLIGE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
# Spaces that are seen as a space: no-break, the typographic spaces, narrow no-break, the
# mathematical space, the ideographic space.
_MELLOMROM = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_MELLOMROM += "\u202f\u205f\u3000"
# Hyphens that are seen as one: the Unicode hyphen and the no-break hyphen.
_BINDESTREKER = "\u2010\u2011"
_SPESIELLE = _USYNLIGE + _MELLOMROM + _BINDESTREKER
_TABELL = str.maketrans(
    {**dict.fromkeys(_USYNLIGE, None), **dict.fromkeys(_MELLOMROM, " ")}
    | dict.fromkeys(_BINDESTREKER, "-")
)


def normaliser(tekst: str) -> str:
    """Return `tekst` as a reader sees it: no invisible characters, plain spaces, NFC.

    A soft hyphen and a zero-width space are removed, a no-break space becomes
    a space, a no-break hyphen a hyphen, and accents are composed with their
    letters. ASCII text is returned as it is.
    """
    if tekst.isascii():
        return tekst
    if any(t in tekst for t in _SPESIELLE):
        tekst = tekst.translate(_TABELL)
    return unicodedata.normalize("NFC", tekst)


# The blocks where letters with case live: Latin (with its extensions), Greek, Cyrillic,
# Armenian, Georgian, Cherokee, Glagolitic, Coptic, the letterlike symbols, full-width Latin.
_MED_STORE_BOKSTAVER = (
    (0x0041, 0x0590),
    (0x10A0, 0x1100),
    (0x13A0, 0x1400),
    (0x1C80, 0x1CC0),
    (0x1D00, 0x2000),
    (0x2100, 0x2190),
    (0x2C00, 0x2D30),
    (0xA640, 0xA800),
    (0xAB30, 0xABC0),
    (0xFF21, 0xFF5B),
)


def _tegnklasse(stor: bool) -> str:
    """The letters of one case, as the inside of a regular expression's character class."""
    deler: list[str] = []
    for fra, til in _MED_STORE_BOKSTAVER:
        start = forrige = -2
        for kode in range(fra, til):
            tegn = chr(kode)
            if tegn.isupper() if stor else tegn.islower():
                if kode != forrige + 1:
                    if start >= 0:
                        deler.append(_spenn(start, forrige))
                    start = kode
                forrige = kode
        if start >= 0:
            deler.append(_spenn(start, forrige))
    return "".join(deler)


def _spenn(fra: int, til: int) -> str:
    if fra == til:
        return re.escape(chr(fra))
    return f"{re.escape(chr(fra))}-{re.escape(chr(til))}"


STOR = _tegnklasse(stor=True)
LITEN = _tegnklasse(stor=False)

# Letters of the scripts that are not Latin: from Greek on, up to the end of the Basic
# Multilingual Plane, without the Latin blocks, punctuation, symbols and spaces in between.
_ANDRE_SKRIFTER = (
    "\u0370-\u03ff\u0400-\u052f\u0531-\u0556\u0561-\u0587\u05d0-\u05ea\u05f0-\u05f2"
    "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc\u06ff\u0710-\u074f\u0780-\u07b1"
    "\u0800-\u1cff\u1f00-\u1fff\u2c00-\u2c5f\u2c80-\u2dff\u3041-\u9fff\ua000-\ua71f"
    "\ua800-\uab2f\uab70-\ud7ff\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufefe\uff66-\uffdc"
)
# Accents and vowel signs written over or under such letters (Hebrew, Arabic, Indic …).
_TEGN_TIL = "\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_BOKSTAV = rf"(?:(?=[^\W\d_])[{_ANDRE_SKRIFTER}][{_ANDRE_SKRIFTER}{_TEGN_TIL}]*)"
# A run of such words, with the spaces between them: "محمد علي" is one.
ANNEN_SKRIFT = re.compile(rf"{_BOKSTAV}(?:[ \t]+{_BOKSTAV})*")

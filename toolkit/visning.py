"""How a document writes time: as calendar dates, or relative to the form's own date.

The named documents write dates as dd.mm.åååå. The anonymised copy writes no
calendar date at all: every date becomes its distance from the form's date
("3 uker før kartleggingen", "uke −6"), so that the real dates cannot be
worked out from the copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from toolkit import tekst


@dataclass(frozen=True)
class Visning:
    """Writes dates for one document."""

    referanse: date | None = None  # the form's date (the mapping meeting)
    relativ: bool = False
    hendelse: str = "skjemadatoen"  # what the reference date is, in words ("kartleggingen")

    def verdi(self, verdi: object) -> str:
        """Return a form value as the text a document shows ("" when empty)."""
        if verdi is None:
            return ""
        if isinstance(verdi, bool):
            return "Ja" if verdi else "Nei"
        if isinstance(verdi, date):
            return self.dato(verdi)
        return str(verdi)

    def dato(self, d: date) -> str:
        """Return `d` as dd.mm.åååå, or relative to the form's date."""
        d = tekst.dag(d)
        if not self.relativ:
            return tekst.dato(d)
        if self.referanse is None:
            return "en dato"
        dager = (d - self.referanse).days
        if dager == 0:
            return f"samme dag som {self.hendelse}"
        retning = "før" if dager < 0 else "etter"
        antall = abs(dager)
        if antall < 14 or antall % 7:
            mengde = tekst.flertall(antall, "dag", "dager")
        else:
            mengde = tekst.flertall(antall // 7, "uke", "uker")
        return f"{mengde} {retning} {self.hendelse}"

    def periode(self, fra: date, til: date) -> str:
        """Return "12.01.2027–15.01.2027", or the relative form of both ends."""
        if fra == til:
            return self.dato(fra)
        if self.relativ:
            return f"fra {self.dato(fra)} til {self.dato(til)}"
        return f"{self.dato(fra)}–{self.dato(til)}"

    def uke(self, mandag: date) -> str:
        """Return the week that starts on `mandag`: "uke 45", or "uke −2" counted from the form's week."""
        mandag = tekst.dag(mandag)
        if not self.relativ:
            return f"uke {mandag.isocalendar()[1]}"
        if self.referanse is None:
            return "uke"
        ref = self.referanse.toordinal() - self.referanse.weekday()
        nummer = (mandag.toordinal() - mandag.weekday() - ref) // 7
        return f"uke {nummer:+d}".replace("-", "\u2212") if nummer else "uke 0"

    def maaned(self, d: date) -> str:
        """Return "mars 2027", or the month's distance from the form's date."""
        if not self.relativ:
            return tekst.maaned(d)
        return f"måneden {self.dato(d)}"


NAVNGITT = Visning()

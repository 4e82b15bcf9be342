"""How a document writes time and names: as they are, or as the anonymised copy shows them.

The named documents write dates as dd.mm.åååå. The anonymised copy writes no
calendar date at all: every date becomes its distance from the form's date
("3 uker før kartleggingen", "dagen etter kartleggingen", "uke −6"), so that
the real dates cannot be read from the copy, while intervals, weekdays and
every figure computed from the real dates stay as they are. It also writes
the names that a derivation computed from the real form (a teacher in the
absence picture) through the copy's replacement (`navn`: "HB" → "Lærer 1").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from toolkit import tekst

_MINUS = "\u2212"


@dataclass(frozen=True)
class Visning:
    """Writes dates (and, in the anonymised copy, names) for one document."""

    referanse: date | None = None  # the form's date (the mapping meeting)
    relativ: bool = False
    hendelse: str = "skjemadatoen"  # what the reference date is, in words ("kartleggingen")
    # Replaces names in a text computed from the real form (the anonymised copy's names).
    navn: Callable[[str], str] | None = None

    def verdi(self, verdi: object) -> str:
        """Return a form value as the text a document shows ("" when empty)."""
        if verdi is None:
            return ""
        if isinstance(verdi, bool):
            return "Ja" if verdi else "Nei"
        if isinstance(verdi, date):
            return self.dato(verdi)
        return str(verdi)

    def tekst(self, verdi: str) -> str:
        """Return a text computed from the real form (a name, say) as this document writes it."""
        return self.navn(verdi) if self.navn is not None else verdi

    def _avstand(self, dager: int) -> str:
        """Return a distance in words: "4 dager", "1 uke", "10 dager", "3 uker og 2 dager"."""
        if dager < 7 or (dager < 14 and dager % 7):
            return tekst.flertall(dager, "dag", "dager")
        uker, rest = divmod(dager, 7)
        ord_ = tekst.flertall(uker, "uke", "uker")
        return f"{ord_} og {tekst.flertall(rest, 'dag', 'dager')}" if rest else ord_

    def dato(self, d: date) -> str:
        """Return `d` as dd.mm.åååå, or relative to the form's date ("2 uker før kartleggingen")."""
        d = tekst.dag(d)
        if not self.relativ:
            return tekst.dato(d)
        if self.referanse is None:
            return "en dato"
        dager = (d - tekst.dag(self.referanse)).days
        if dager == 0:
            return f"samme dag som {self.hendelse}"
        retning = "før" if dager < 0 else "etter"
        if abs(dager) == 1:
            return f"dagen {retning} {self.hendelse}"
        return f"{self._avstand(abs(dager))} {retning} {self.hendelse}"

    def periode(self, fra: date, til: date) -> str:
        """Return "12.01.2027–15.01.2027", or "fra 3 uker til 2 uker før kartleggingen"."""
        if fra == til:
            return self.dato(fra)
        if not self.relativ:
            return f"{self.dato(fra)}–{self.dato(til)}"
        if self.referanse is not None:
            ref = tekst.dag(self.referanse)
            a, b = (tekst.dag(fra) - ref).days, (tekst.dag(til) - ref).days
            if abs(a) > 1 and abs(b) > 1 and (a < 0) == (b < 0):
                retning = "før" if a < 0 else "etter"
                return (
                    f"fra {self._avstand(abs(a))} til {self._avstand(abs(b))} "
                    f"{retning} {self.hendelse}"
                )
        return f"fra {self.dato(fra)} til {self.dato(til)}"

    def uke(self, mandag: date) -> str:
        """Return the week of `mandag`: "uke 45", or "uke −2" counted from the form's week."""
        mandag = tekst.dag(mandag)
        if not self.relativ:
            return f"uke {mandag.isocalendar()[1]}"
        if self.referanse is None:
            return "uke"
        ref = tekst.dag(self.referanse)
        nummer = (mandag.toordinal() - mandag.weekday() - (ref.toordinal() - ref.weekday())) // 7
        return f"uke {nummer:+d}".replace("-", _MINUS) if nummer else "uke 0"

    def maaned(self, d: date) -> str:
        """Return "mars 2027", or, relative, the month's distance from the form's month."""
        if not self.relativ:
            return tekst.maaned(d)
        if self.referanse is None:
            return "en måned"
        ref = tekst.dag(self.referanse)
        d = tekst.dag(d)
        maaneder = (d.year - ref.year) * 12 + d.month - ref.month
        if maaneder == 0:
            return f"samme måned som {self.hendelse}"
        retning = "før" if maaneder < 0 else "etter"
        return f"{tekst.flertall(abs(maaneder), 'måned', 'måneder')} {retning} {self.hendelse}"


NAVNGITT = Visning()

"""Build the template context: the form's values as text, the parts, and the derived values.

The context holds plain values only: text, numbers, booleans, and lists and
mappings of those, plus opaque pictures (`toolkit.bilde.Bilde`) that the
renderer places as images. Nothing from a library goes into it.

Keys, for any definition:
- every field key (text: dates as the `Visning` writes them, Ja/Nei, "" when
  empty) and every table key (a list of rows, each a mapping of column key to
  text);
- `vis_<part>`: whether a part has any content;
- `deler`: the parts a document shows in its generic section, each with the
  fields and tables its template has not placed by hand (`for_dokument`);
- the keys of the derivations the definition switches on (`toolkit.avledning`);
- `skjema_tittel`, `generert_dato` ("" in the anonymised copy), `logo`,
  `dokument_tittel`, `dokument_undertittel`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from toolkit.avledning import Avledet, Grunnlag, avledninger, grunnlag
from toolkit.bilde import Bilde
from toolkit.definisjon import KONTEKSTNOKLER, Del, Dokument, Skjemadefinisjon
from toolkit.innstillinger import STANDARD, Innstillinger
from toolkit.modell import Skjemadata, Verdi
from toolkit.visning import Visning

# Height of the school's logo in the header.
LOGO_HOYDE_MM = 11.0
# Keys every context has, besides the fields, tables, parts and derivations; defined with
# the definition, which keeps them free of fields.
FASTE_KEYS = KONTEKSTNOKLER


def beskrivelser(definisjon: Skjemadefinisjon) -> dict[str, str]:
    """Return every derived key of `definisjon` with what it is, in Norwegian."""
    ut = {f"vis_{d.key}": f"Sann når noe i «{d.tittel}» er fylt ut." for d in definisjon.deler}
    for a in avledninger(definisjon):
        ut |= {key: "" for key in a.nokler()} | dict(a.beskrivelser())
    return ut | dict(FASTE_KEYS)


def har_verdi(verdi: Verdi) -> bool:
    """True when a value was filled in (a "Nei" counts; blank text does not)."""
    if verdi is None:
        return False
    if isinstance(verdi, str):
        return bool(verdi.strip())
    return True


def _del_har_verdi(del_: Del, data: Skjemadata) -> bool:
    if any(har_verdi(data.verdier.get(f.key)) for f in del_.felter):
        return True
    return any(data.tabeller.get(t.key) for t in del_.tabeller)


def skole_felt(definisjon: Skjemadefinisjon) -> str | None:
    """Return the key of the field that holds the school's name, if the form has one."""
    return next((f.key for f in definisjon.felter if f.anonym == "skole"), None)


def _logo(innstillinger: Innstillinger, skole: str) -> Bilde | str:
    if innstillinger.logo is None:
        return ""
    navn = innstillinger.skole_navn or skole
    alt = f"Logoen til {navn}" if navn else "Skolens logo"
    return Bilde(innstillinger.logo, alt, "Logo", hoyde_mm=LOGO_HOYDE_MM)


@dataclass
class Skjemakontekst:
    """The context of one form, before it is fitted to a document's template."""

    definisjon: Skjemadefinisjon
    verdier: dict[str, object]
    deler: list[dict[str, Any]]
    dekning: dict[str, frozenset[str]] = field(default_factory=dict)

    def alt(self) -> dict[str, object]:
        """Return the context of a document that shows every part and places nothing by hand."""
        alle = Dokument(key="", tittel="", filnavn="", vedlegg="")
        return self.for_dokument(alle, ())

    def for_dokument(self, dokument: Dokument, brukte: Iterable[str]) -> dict[str, object]:
        """Return the context for `dokument`, whose template uses the names in `brukte`.

        A field or table the template uses by its key, or through a derived key
        that shows it in full, is placed by hand; every other field with content
        of the document's parts goes into `deler`, for the generic section.
        """
        brukte = set(brukte)
        plassert = set(brukte)
        for key in brukte:
            plassert |= self.dekning.get(key, frozenset())
        valgte = dokument.deler
        deler = []
        for del_ in self.deler:
            if valgte is not None and del_["key"] not in valgte:
                continue
            felter = [f for f in del_["felter"] if f["key"] not in plassert]
            tabeller = [t for t in del_["tabeller"] if t["key"] not in plassert]
            deler.append(
                {
                    **del_,
                    "felter": felter,
                    "grupper": _grupper(felter),
                    "tabeller": tabeller,
                    "vis": bool(felter or tabeller),
                }
            )
        return {
            **self.verdier,
            "deler": deler,
            "dokument_tittel": dokument.tittel,
            "dokument_undertittel": dokument.undertittel,
        }


def _grupper(felter: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group consecutive short answers (shown as a table) apart from long ones (paragraphs)."""
    grupper: list[dict[str, Any]] = []
    for f in felter:
        tabell = not f["lang"]
        if grupper and grupper[-1]["tabell"] == tabell:
            grupper[-1]["felter"].append(f)
        else:
            grupper.append({"tabell": tabell, "felter": [f]})
    return grupper


def _deler(
    definisjon: Skjemadefinisjon, data: Skjemadata, visning: Visning
) -> list[dict[str, Any]]:
    """Every part with the fields and tables that have content, as text."""
    deler = []
    for del_ in definisjon.deler:
        felter = [
            {
                "key": f.key,
                "etikett": f.etikett,
                "tekst": visning.verdi(data.verdier.get(f.key)),
                "lang": f.lang,
            }
            for f in del_.felter
            if har_verdi(data.verdier.get(f.key))
        ]
        tabeller = []
        for t in del_.tabeller:
            tekster = [
                [visning.verdi(rad.get(k.key)) for k in t.kolonner]
                for rad in data.tabeller.get(t.key) or []
            ]
            tekster = [r for r in tekster if any(r)]
            # Only the columns that have a value in some row, so the table fits the page.
            med = [i for i, k in enumerate(t.kolonner) if any(r[i] for r in tekster)]
            if tekster:
                tabeller.append(
                    {
                        "key": t.key,
                        "etikett": t.etikett,
                        # No heading that only repeats the part's title.
                        "overskrift": ""
                        if t.etikett.casefold() == del_.tittel.casefold()
                        else t.etikett,
                        "kolonner": [
                            {"key": t.kolonner[i].key, "etikett": t.kolonner[i].etikett}
                            for i in med
                        ],
                        "rader": [
                            {"celler": [{"key": t.kolonner[i].key, "tekst": r[i]} for i in med]}
                            for r in tekster
                        ],
                    }
                )
        deler.append(
            {
                "key": del_.key,
                "tittel": del_.tittel,
                "innledning": del_.innledning,
                "felter": felter,
                "tabeller": tabeller,
                "innhold": bool(felter or tabeller),
            }
        )
    return deler


def beregn_avledninger(definisjon: Skjemadefinisjon, g: Grunnlag) -> list[tuple[Avledet, object]]:
    """Compute every derivation of `definisjon` once; the results serve every document."""
    return [(a, a.beregn(g)) for a in avledninger(definisjon)]


def bygg_kontekst(
    definisjon: Skjemadefinisjon,
    data: Skjemadata,
    *,
    idag: date | None = None,
    innstillinger: Innstillinger = STANDARD,
    diagrammer: bool = True,
    visning: Visning | None = None,
    beregnet: list[tuple[Avledet, object]] | None = None,
) -> Skjemakontekst:
    """Return the context of a filled form (see the module docstring for its keys).

    `visning` writes the dates (default: calendar dates); `beregnet` reuses
    derivations already computed (the anonymised copy reuses the named
    report's figures). `diagrammer=False` draws no charts.
    """
    g = grunnlag(definisjon, data, innstillinger, idag)
    if visning is None:
        visning = Visning(g.dato, False, definisjon.dato_navn)
    ctx: dict[str, object] = {}
    for f in definisjon.felter:
        ctx[f.key] = visning.verdi(data.verdier.get(f.key))
    for t in definisjon.tabeller:
        kolonner = [k.key for k in t.kolonner]
        rader = [
            {k: visning.verdi(r.get(k)) for k in kolonner} for r in data.tabeller.get(t.key) or []
        ]
        ctx[t.key] = [r for r in rader if any(r.values())]
    skole = skole_felt(definisjon)
    if skole and innstillinger.skole_navn:
        # The school's own name from the settings, in the header and as the author.
        ctx[skole] = innstillinger.skole_navn
    for del_ in definisjon.deler:
        ctx[f"vis_{del_.key}"] = _del_har_verdi(del_, data)

    dekning: dict[str, frozenset[str]] = {}
    for avledet, resultat in (
        beregnet if beregnet is not None else beregn_avledninger(definisjon, g)
    ):
        ctx.update(avledet.kontekst(g, resultat, visning, ctx, diagrammer))
        dekning.update(avledet.dekker())

    ctx["skolenavn"] = innstillinger.skole_navn or (str(ctx.get(skole, "")) if skole else "")
    ctx["logo"] = _logo(innstillinger, str(ctx["skolenavn"]))
    ctx["skjema_tittel"] = definisjon.tittel
    ctx["generert_dato"] = "" if visning.relativ else visning.dato(g.idag)
    ctx["dokument_tittel"] = ""
    ctx["dokument_undertittel"] = ""
    return Skjemakontekst(definisjon, ctx, _deler(definisjon, data, visning), dekning)


def kjente_keys(definisjon: Skjemadefinisjon) -> frozenset[str]:
    """Return every key a context for `definisjon` holds."""
    keys = [f.key for f in definisjon.felter] + [t.key for t in definisjon.tabeller]
    keys += [f"vis_{d.key}" for d in definisjon.deler]
    for a in avledninger(definisjon):
        keys += a.nokler()
    return frozenset([*keys, *FASTE_KEYS])


def bildekeys(definisjon: Skjemadefinisjon) -> list[str]:
    """Return the context keys that hold pictures (charts, the logo)."""
    return [key for a in avledninger(definisjon) for key in a.bilder()] + ["logo"]

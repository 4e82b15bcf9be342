"""Small derivations that any form can switch on: names, joined values, pairs, groups."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from toolkit import tekst
from toolkit.avledning.grunn import Avledet, Grunnlag
from toolkit.definisjon import Avledning, Skjemadefinisjon
from toolkit.visning import Visning

_PLASSHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def ascii_nokkel(tekst_: str) -> str:
    """Return a template key for a choice: "Hjelpetjenestene" → "hjelpetjenestene"."""
    tekst_ = tekst_.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    tekst_ = unicodedata.normalize("NFKD", tekst_).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", tekst_).strip("_") or "annet"


class Navn(Avledet):
    """A person's first name and the genitives: elev_fornavn, elev_genitiv, elev_navn_genitiv.

    In the anonymised copy (`visning.navn` set) the name is a role ("Eleven"),
    a common noun, so these are in lower case for use inside a sentence:
    "Dette sier eleven", "Med elevens egne ord".
    """

    type = "navn"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.kilde = self.felt()

    def nokler(self) -> tuple[str, ...]:
        return (f"{self.navn}_fornavn", f"{self.navn}_genitiv", f"{self.navn}_navn_genitiv")

    def beskrivelser(self) -> Mapping[str, str]:
        fornavn_key, genitiv_key, hel_key = self.nokler()
        return {
            fornavn_key: "Fornavnet (første ord i navnet).",
            genitiv_key: "Fornavnet i genitiv: Amins, Jonas'.",
            hel_key: "Hele navnet i genitiv.",
        }

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        navn = tekst.en_linje(str(g.data.verdier.get(self.kilde) or ""))
        if visning.navn is not None:
            navn = tekst.liten_forbokstav(navn)
        forste = tekst.fornavn(navn)
        fornavn_key, genitiv_key, hel_key = self.nokler()
        return {
            fornavn_key: forste,
            genitiv_key: tekst.genitiv(forste),
            hel_key: tekst.genitiv(navn),
        }


class Tekst(Avledet):
    """A text made of other values: "{elev_genitiv} plan …", or `uten` when one is empty.

    The text is a title or a sentence, so it begins with a capital letter:
    "Elevens plan …" in the anonymised copy, where `elev_genitiv` is "elevens".
    """

    type = "tekst"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.mal = self.tekst("mal")
        self.uten = self.tekst("uten", "")

    def sjekk_navn(self, kjente: frozenset[str]) -> None:
        for navn in _PLASSHOLDER.findall(self.mal):
            if navn not in kjente:
                raise self.feil(
                    f"mal har {{{navn}}}, men «{navn}» er verken et felt eller noe en avledning "
                    "før denne gir."
                )
        rest = _PLASSHOLDER.sub("", self.mal)
        if "{" in rest or "}" in rest:
            raise self.feil("mal har en { eller } uten sin make; et navn skrives {elev_navn}.")

    def beskrivelser(self) -> Mapping[str, str]:
        vist = _PLASSHOLDER.sub(lambda m: f"[{m.group(1)}]", self.mal)
        return {self.navn: f"Teksten «{vist}», med verdiene i [ ] satt inn."}

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        verdier = {key: str(ctx.get(key) or "") for key in _PLASSHOLDER.findall(self.mal)}
        if not all(verdier.values()):
            return {self.navn: self.uten}
        ferdig = _PLASSHOLDER.sub(lambda m: verdier[m.group(1)], self.mal)
        return {self.navn: tekst.stor_forbokstav(ferdig)}


class Sammen(Avledet):
    """Fields joined on one line: "5. trinn, 5B"."""

    type = "sammen"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        felter = self.verdi("felter", [])
        if not isinstance(felter, list) or not felter:
            raise self.feil("«felter» skal være en liste med felt.")
        for key in felter:
            if not definisjon.har_felt(str(key)):
                raise self.feil(f"feltet «{key}» finnes ikke.")
        self.felter = tuple(map(str, felter))
        self.skille = self.tekst("skille", ", ")

    def dekker(self) -> Mapping[str, frozenset[str]]:
        return {self.navn: frozenset(self.felter)}

    def beskrivelser(self) -> Mapping[str, str]:
        return {self.navn: f"{' og '.join(self.felter)} sammen på én linje."}

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        deler = [visning.verdi(g.data.verdier.get(key)) for key in self.felter]
        return {self.navn: self.skille.join(d for d in deler if d)}


class Vurderinger(Avledet):
    """The fields of a part, each with its assessment field (`<key>_vurdering`) beside it."""

    type = "vurderinger"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.del_key = self.del_()
        self.ending = self.tekst("ending", "_vurdering")
        grupper = self.verdi("grupper", {})
        if not isinstance(grupper, Mapping):
            raise self.feil("«grupper» skal være en tabell: navn = «verdi».")
        self.grupper = {str(k): str(v) for k, v in grupper.items()}
        felter = definisjon.del_(self.del_key).felter
        keys = {f.key for f in felter}
        self.par = [
            (f, f"{f.key}{self.ending}" if f"{f.key}{self.ending}" in keys else None)
            for f in felter
            if not (f.key.endswith(self.ending) and f.key[: -len(self.ending)] in keys)
        ]

    def nokler(self) -> tuple[str, ...]:
        return (self.navn, *(f"{self.navn}_{g}" for g in self.grupper))

    def dekker(self) -> Mapping[str, frozenset[str]]:
        keys = {f.key for f, _ in self.par} | {v for _, v in self.par if v}
        return {self.navn: frozenset(keys)}

    def beskrivelser(self) -> Mapping[str, str]:
        tittel = self.definisjon.del_(self.del_key).tittel
        ut = {self.navn: f"Feltene i «{tittel}», hver med navn, beskrivelse og vurdering."}
        for gruppe, verdi in self.grupper.items():
            ut[f"{self.navn}_{gruppe}"] = f"De som er vurdert som «{verdi}»."
        return ut

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        verdier = g.data.verdier
        liste = [
            {
                "key": f.key,
                "navn": f.etikett,
                "beskrivelse": visning.verdi(verdier.get(f.key)),
                "vurdering": visning.verdi(verdier.get(v)) if v else "",
            }
            for f, v in self.par
        ]
        ut: dict[str, object] = {self.navn: liste}
        for gruppe, verdi in self.grupper.items():
            ut[f"{self.navn}_{gruppe}"] = [r for r in liste if r["vurdering"] == verdi]
        return ut


class JaSvar(Avledet):
    """The Ja/Nei questions of a part answered Ja, with their description field."""

    type = "ja_svar"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.del_key = self.del_()
        self.prefiks = self.tekst("prefiks", "")
        self.beskrivelse = self.tekst("beskrivelse", "_beskrivelse")
        self.sporsmal = [
            f
            for f in definisjon.del_(self.del_key).felter
            if f.type == "janei" and f.key.startswith(self.prefiks)
        ]

    def beskrivelser(self) -> Mapping[str, str]:
        return {self.navn: "Ja/nei-spørsmålene som er besvart ja, med spørsmål og beskrivelse."}

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        svar = []
        for f in self.sporsmal:
            if g.data.verdier.get(f.key) is not True:
                continue
            # "Push: Opplever eleven …" → "Opplever eleven …"
            sporsmal = re.sub(r"^\w+:\s*", "", f.etikett)
            svar.append(
                {
                    "key": f.key,
                    "sporsmal": sporsmal,
                    "beskrivelse": visning.verdi(g.data.verdier.get(f"{f.key}{self.beskrivelse}")),
                }
            )
        return {self.navn: svar}


class Parter(Avledet):
    """A table's rows grouped by a choice column and set side by side (the plan's parties)."""

    type = "parter"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.tabell_key = self.tabell()
        tabell = definisjon.tabell(self.tabell_key)
        self.kolonne_key = self.kolonne(self.tabell_key, "kolonne")
        self.tekst_key = self.kolonne(self.tabell_key, "tekst")
        self.gruppenavn = tabell.kolonne(self.kolonne_key).valg
        if not self.gruppenavn:
            raise self.feil(f"kolonnen «{self.kolonne_key}» skal være et valg fra en liste.")
        self.gruppekeys = {g: ascii_nokkel(g) for g in self.gruppenavn}
        self.kolonner = tabell.kolonner
        self.grupper_key = self.tekst("grupper", f"{self.navn}_grupper")
        # The table of evaluations (`mote_dato`, `tiltak`, `effekt`, `beslutning`), if any.
        self.evaluering = (
            self.tabell("evaluering") if self.verdi("evaluering") is not None else None
        )
        if self.evaluering:
            for kolonne in ("mote_dato", "tiltak", "effekt", "beslutning"):
                self.kolonne(self.evaluering, kolonne, kolonne)

    def nokler(self) -> tuple[str, ...]:
        n, k = self.navn, self.kolonne_key
        return (
            f"{n}_alle",
            f"{n}_per_{k}",
            f"{n}_rader",
            f"{n}_uten_{k}",
            f"har_{n}",
            self.grupper_key,
            f"{n}_avsluttet",
        )

    def dekker(self) -> Mapping[str, frozenset[str]]:
        n, k = self.navn, self.kolonne_key
        hele = frozenset({self.tabell_key})
        return {f"{n}_alle": hele, f"{n}_per_{k}": hele, f"{n}_rader": hele}

    def beskrivelser(self) -> Mapping[str, str]:
        n, k = self.navn, self.kolonne_key
        grupper = ", ".join(self.gruppekeys.values())
        return {
            f"{n}_alle": f"Alle radene i «{self.tabell_key}» som er fylt ut.",
            f"{n}_per_{k}": f"Radene gruppert etter «{k}»: {grupper}.",
            f"{n}_rader": f"Radene side om side: hver rad har {grupper}, hver med kolonnene "
            "og detaljer (de andre kolonnene som er fylt ut).",
            f"{n}_uten_{k}": f"Rader der «{k}» ikke er valgt.",
            f"har_{n}": "Sann når minst én rad er fylt ut (brukes i vilkår).",
            self.grupper_key: f"Gruppene: {', '.join(self.gruppenavn)}.",
            f"{n}_avsluttet": "Rader teamet har avsluttet eller endret ved en evaluering (ikke "
            "side om side), med hvordan («avsluttet», «endret») og når.",
        }

    def _evalueringer(self, g: Grunnlag) -> dict[int, Mapping[str, Any]]:
        """The latest evaluation of each row of the table, by row index."""
        if self.evaluering is None:
            return {}
        tekster = [
            str(r.get(self.tekst_key) or "") for r in g.data.tabeller.get(self.tabell_key) or []
        ]
        siste: dict[int, Mapping[str, Any]] = {}
        for rad in g.data.tabeller.get(self.evaluering) or []:
            nr = tekst.finn_i(rad.get("tiltak"), tekster)
            dato = rad.get("mote_dato")
            if nr is None or not isinstance(dato, date):
                continue
            forrige = siste.get(nr)
            if forrige is None or forrige["mote_dato"] <= dato:
                siste[nr] = rad
        return siste

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        evaluert = self._evalueringer(g)
        alle = []
        avsluttet = []
        for i, rad in enumerate(g.data.tabeller.get(self.tabell_key) or []):
            tekstrad: dict[str, Any] = {k.key: visning.verdi(rad.get(k.key)) for k in self.kolonner}
            if not any(tekstrad.values()):
                continue
            tekstrad["detaljer"] = [
                {"etikett": k.etikett, "tekst": tekstrad[k.key]}
                for k in self.kolonner
                if k.key not in (self.kolonne_key, self.tekst_key) and tekstrad[k.key]
            ]
            siste = evaluert.get(i)
            if siste is not None:
                effekt = visning.verdi(siste.get("effekt"))
                beslutning = visning.verdi(siste.get("beslutning")).lower()
                vurdert = " ".join(
                    d
                    for d in (
                        f"{effekt}." if effekt else "",
                        f"Beslutning: {beslutning}." if beslutning else "",
                    )
                    if d
                )
                tekstrad["detaljer"].append(
                    {"etikett": f"Evaluert {visning.dato(siste['mote_dato'])}", "tekst": vurdert}
                )
                # A measure stopped, or changed (the changed one is a new row of its own),
                # is no longer one of the plan's current measures.
                if beslutning in ("avslutte", "endre"):
                    tekstrad["avsluttet"] = visning.dato(siste["mote_dato"])
                    tekstrad["hvordan"] = "avsluttet" if beslutning == "avslutte" else "endret"
                    avsluttet.append(tekstrad)
                    continue
            alle.append(tekstrad)
        gruppert: dict[str, list[dict[str, Any]]] = {key: [] for key in self.gruppekeys.values()}
        uten = []
        for rad in alle:
            key = self.gruppekeys.get(str(rad.get(self.kolonne_key, "")).strip())
            if key is None:
                uten.append(rad)
            else:
                gruppert[key].append(rad)
        tom: dict[str, Any] = dict.fromkeys((k.key for k in self.kolonner), "")
        tom |= {"finnes": False, "detaljer": []}
        rader = [
            {
                key: ({**liste[i], "finnes": True} if i < len(liste) else dict(tom))
                for key, liste in gruppert.items()
            }
            for i in range(max((len(v) for v in gruppert.values()), default=0))
        ]
        n, k = self.navn, self.kolonne_key
        return {
            f"{n}_alle": alle,
            f"{n}_per_{k}": gruppert,
            f"{n}_rader": rader,
            f"{n}_uten_{k}": uten,
            f"har_{n}": bool(alle),
            self.grupper_key: list(self.gruppenavn),
            f"{n}_avsluttet": avsluttet,
        }


class Underskrifter(Avledet):
    """The signature lines of a plan: each person listed in a field, the pupil, and roles.

    `linjer` is a field with one person per line ("Yasmin (mor)"); `elev` the
    pupil's name field; `roller` the school's roles. A role named «Rektor» is
    left out when the settings say the rector does not sign. In the
    anonymised copy each name is a role ("Eleven", "Mor"), so a line shows
    that role alone, not "Eleven (eleven)".
    """

    type = "underskrifter"

    def __init__(self, oppsett: Avledning, definisjon: Skjemadefinisjon) -> None:
        super().__init__(oppsett, definisjon)
        self.linjer = self.felt("linjer") if self.verdi("linjer") is not None else None
        self.elev = self.felt("elev") if self.verdi("elev") is not None else None
        roller = self.verdi("roller", [])
        if not isinstance(roller, list):
            raise self.feil("«roller» skal være en liste.")
        self.roller = tuple(map(str, roller))

    def beskrivelser(self) -> Mapping[str, str]:
        return {
            self.navn: "De som skal skrive under, hver med navn og rolle: hver foresatt for seg, "
            "eleven og skolens roller."
        }

    def dekker(self) -> Mapping[str, frozenset[str]]:
        return {}

    def kontekst(
        self, g: Grunnlag, resultat: Any, visning: Visning, ctx: Mapping[str, object], tegn: bool
    ) -> dict[str, object]:
        ut: list[dict[str, str]] = []
        if self.linjer:
            for linje in str(g.data.verdier.get(self.linjer) or "").splitlines():
                ut += [
                    {"navn": navn, "rolle": tekst.stor_forbokstav(rolle) or "Foresatt"}
                    for navn, rolle in personer_i(linje)
                ]
            if not ut:
                ut.append({"navn": "", "rolle": "Foresatte"})
        if self.elev:
            navn = tekst.en_linje(str(g.data.verdier.get(self.elev) or ""))
            ut.append({"navn": navn, "rolle": "Eleven"})
        for rolle in self.roller:
            if rolle.casefold() == "rektor" and not g.innstillinger.underskrift_rektor:
                continue
            ut.append({"navn": "", "rolle": rolle})
        if visning.navn is not None:
            ut = [
                {"navn": "", "rolle": tekst.stor_forbokstav(_rollenavn(u["navn"]) or u["rolle"])}
                for u in ut
            ]
        return {self.navn: ut}


# "Kari Nilsen (mor)", with what may stand between two of them on a line ("og", ",", ";").
_NAVN_ROLLE = re.compile(r"(?:^|[,;]|\bog\b)\s*([^(),;]+?)\s*\(([^()]*)\)", re.IGNORECASE)


def personer_i(linje: str) -> list[tuple[str, str]]:
    """The people a line names, each (name, role): "Kari (mor) og Ole (far)" gives two.

    A role is in brackets ("Kari Nilsen (mor)") or after a comma ("Kari Nilsen, mor");
    what follows ("– bor i Bergen", ", tlf. 912 34 567") is not part of it.
    """
    par = [(tekst.en_linje(n), tekst.en_linje(r)) for n, r in _NAVN_ROLLE.findall(linje)]
    par = [(n, r) for n, r in par if n]
    if par:
        return par
    navn, _, rest = linje.partition(",")
    rolle = rest.strip()
    # A role is a word or three without digits: "mor", "verge"; not "tlf. 912 34 567".
    if re.search(r"\d", rolle) or len(rolle.split()) > 3:
        rolle = ""
    navn = tekst.en_linje(re.split(r"\s[–-]\s", navn)[0].strip(" ,"))
    return [(navn, rolle)] if navn else []


def _rollenavn(navn: str) -> str:
    """The role that stands for a name in the anonymised copy: "Mor, [telefon]" → "Mor"."""
    return re.split(r"[,(]", navn, maxsplit=1)[0].strip()

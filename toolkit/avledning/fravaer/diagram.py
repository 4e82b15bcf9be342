"""Charts of the absence picture, as PNG pictures with alt text.

matplotlib is imported inside the functions (only a report with absence
draws a chart) and used without pyplot: each chart is its own `Figure` on
the Agg canvas, so no global state is touched and charts can be drawn in
threads. The size and DPI are fixed, so a chart looks the same every time;
the series differ by pattern as well as by shade, so they can be told apart
in grayscale.

A `Bilde` is what the context carries; the renderer turns it into a picture
in the Word document, with the alt text on the drawing. The weekly chart
labels its weeks through a `Visning`: week numbers in the named documents,
weeks counted from the form's date in the anonymised copy.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from toolkit.avledning.fravaer.beregning import Fravaersbilde, Telling
from toolkit.bilde import Bilde
from toolkit.tekst import flertall, stor_forbokstav
from toolkit.tekst import liste as liste_tekst
from toolkit.visning import NAVNGITT, Visning

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 200
BREDDE_MM = 160.0
HOYDE_MM = 62.0
MAKS_FAG = 10  # subjects and teachers shown in a chart; the rest are summed up

# Whole days, single hours and times late: dark, mid with stripes, white with dots.
_SERIER = (
    ("dager", "Hele dager", "#1F3864", ""),
    ("timer", "Enkelttimer", "#8EA9DB", "////"),
    ("for_sent", "For sent (ganger)", "#FFFFFF", "...."),
)
_KANT = "#1F1F1F"
_TEKST = "#262626"
_RUTENETT = "#BFBFBF"
_FERIE = "#EDEDED"


# -- drawing -----------------------------------------------------------------------


def _figur(hoyde_mm: float = HOYDE_MM) -> tuple[Figure, Axes]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(BREDDE_MM / 25.4, hoyde_mm / 25.4), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(_KANT)
    ax.tick_params(labelsize=8.5, colors=_TEKST)
    ax.set_axisbelow(True)
    return fig, ax


def _png(fig: Figure) -> bytes:
    ut = io.BytesIO()
    # No time stamp or software name in the file: the same chart gives the same bytes.
    fig.savefig(ut, format="png", dpi=DPI, metadata={"Software": None})
    return ut.getvalue()


def _tittel(ax: Axes, tekst: str) -> None:
    ax.set_title(tekst, loc="left", fontsize=10, fontweight="bold", color=_TEKST, pad=10)


def _hele_tall(ax: Axes, akse: Literal["x", "y"] = "y") -> None:
    from matplotlib.ticker import MaxNLocator

    locator = MaxNLocator(integer=True, min_n_ticks=1)
    (ax.yaxis if akse == "y" else ax.xaxis).set_major_locator(locator)
    ax.grid(axis=akse, color=_RUTENETT, linewidth=0.6, linestyle=":")


def _serier(tellinger: Sequence[object], felter: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """The series that have any absence, in the fixed order."""
    return [s for s in _SERIER if s[0] in felter and any(getattr(t, s[0]) for t in tellinger)] or [
        _SERIER[0]
    ]


def _stolper(
    ax: Axes,
    etiketter: Sequence[str],
    tellinger: Sequence[object],
    serier: Sequence[tuple[str, str, str, str]],
    *,
    liggende: bool = False,
    tall: bool = True,
) -> None:
    """Draw grouped bars, one group per label and one bar per series."""
    antall = len(serier)
    bredde = 0.8 / antall
    for i, (felt, navn, farge, monster) in enumerate(serier):
        verdier = [getattr(t, felt) for t in tellinger]
        plass = [x - 0.4 + bredde * (i + 0.5) for x in range(len(etiketter))]
        tegn = ax.barh if liggende else ax.bar
        stolper = tegn(
            plass,
            verdier,
            bredde * 0.92,
            color=farge,
            edgecolor=_KANT,
            linewidth=0.6,
            hatch=monster,
            label=navn,
        )
        if tall:
            ax.bar_label(
                stolper,
                labels=[str(v) if v else "" for v in verdier],
                padding=2,
                fontsize=7.5,
                color=_TEKST,
            )
    posisjoner = list(range(len(etiketter)))
    if liggende:
        ax.set_yticks(posisjoner, etiketter)
        ax.invert_yaxis()
        ax.margins(x=0.08)
    else:
        ax.set_xticks(posisjoner, etiketter)
        ax.margins(y=0.12)


def _forklaring(ax: Axes, **valg: object) -> None:
    ax.legend(
        fontsize=8,
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        handlelength=1.6,
        handleheight=1.1,
        **valg,
    )


# -- alt text -------------------------------------------------------------------


def _hva(t: object, felter: Sequence[str]) -> str:
    """Return e.g. "2 hele dager, 3 enkelttimer og 1 gang for sent", or "ikke noe fravær"."""
    navn = {
        "dager": ("hel dag", "hele dager"),
        "timer": ("enkelttime", "enkelttimer"),
        "for_sent": ("gang for sent", "ganger for sent"),
    }
    deler = [flertall(getattr(t, f), *navn[f]) for f in felter if getattr(t, f)]
    return liste_tekst(deler) or "ikke noe fravær"


# -- the charts --------------------------------------------------------------------


def ukedagsdiagram(bilde: Fravaersbilde) -> Bilde:
    """Return a bar chart of the absence per weekday."""
    felter = ("dager", "timer", "for_sent")
    serier = _serier(bilde.ukedager, felter)
    fig, ax = _figur()
    _stolper(ax, [t.navn for t in bilde.ukedager], bilde.ukedager, serier)
    _hele_tall(ax)
    ax.set_ylabel("Antall", fontsize=8.5, color=_TEKST)
    _tittel(ax, "Fravær per ukedag")
    _forklaring(ax)
    fig.tight_layout()
    data = _png(fig)
    deler = [f"{t.navn}: {_hva(t, felter)}." for t in bilde.ukedager]
    alt = (
        "Stolpediagram over fravær per ukedag, med hele dager, enkelttimer og ganger for sent. "
        + " ".join(deler)
    )
    return Bilde(data, alt, "Fravær per ukedag", bredde_mm=BREDDE_MM)


def _topp(tellinger: Sequence[Telling], navn: str) -> list[Telling]:
    if len(tellinger) <= MAKS_FAG:
        return list(tellinger)
    resten = tellinger[MAKS_FAG - 1 :]
    samlet = Telling(
        navn,
        sum(t.dager for t in resten),
        sum(t.timer for t in resten),
        sum(t.for_sent for t in resten),
        sum(t.registreringer for t in resten),
    )
    return [*tellinger[: MAKS_FAG - 1], samlet]


def fagdiagram(bilde: Fravaersbilde) -> Bilde | None:
    """Return a bar chart of single hours and times late per subject, or None without subjects."""
    tellinger = [t for t in _topp(bilde.fag, "Andre fag") if t.timer or t.for_sent]
    if not tellinger:
        return None
    felter = ("timer", "for_sent")
    serier = _serier(tellinger, felter)
    hoyde = max(HOYDE_MM * 0.7, 22.0 + 9.0 * len(tellinger) * max(1, len(serier)) / 2)
    fig, ax = _figur(hoyde)
    _stolper(ax, [t.navn for t in tellinger], tellinger, serier, liggende=True)
    _hele_tall(ax, "x")
    ax.set_xlabel("Antall", fontsize=8.5, color=_TEKST)
    hva = liste_tekst([navn.split(" (")[0].lower() for _, navn, _, _ in serier])
    tittel = f"{hva[0].upper()}{hva[1:]} per fag"
    _tittel(ax, tittel)
    _forklaring(ax)
    fig.tight_layout()
    data = _png(fig)
    deler = [f"{t.navn}: {_hva(t, felter)}." for t in tellinger]
    alt = "Liggende stolpediagram over enkelttimer og ganger for sent per fag. " + " ".join(deler)
    return Bilde(data, alt, "Enkelttimer og for sent per fag", bredde_mm=BREDDE_MM)


def ukediagram(bilde: Fravaersbilde, visning: Visning = NAVNGITT) -> Bilde | None:
    """Return a bar chart of the absence week by week, with the breaks shaded."""
    if not bilde.uker:
        return None
    from matplotlib.patches import Patch

    uker = bilde.uker
    felter = ("dager", "timer", "for_sent")
    serier = _serier(uker, felter)
    fig, ax = _figur()
    etiketter = [visning.uke(u.mandag).removeprefix("uke ") for u in uker]
    for i, uke in enumerate(uker):
        if uke.skoledager == 0:
            ax.axvspan(i - 0.5, i + 0.5, color=_FERIE, zorder=0, linewidth=0)
    # No numbers on the bars: with many narrow bars they crowd; the grid gives the count.
    _stolper(ax, etiketter, uker, serier, tall=False)
    if len(uker) > 26:
        for nr, etikett in enumerate(ax.get_xticklabels()):
            etikett.set_visible(nr % 2 == 0)
    ax.set_xlim(-0.6, len(uker) - 0.4)
    _hele_tall(ax)
    ax.set_ylabel("Antall", fontsize=8.5, color=_TEKST)
    ax.set_xlabel("Uke", fontsize=8.5, color=_TEKST)
    _tittel(ax, "Fravær uke for uke")
    handles, labels = ax.get_legend_handles_labels()
    if any(u.skoledager == 0 for u in uker):
        handles.append(Patch(facecolor=_FERIE, edgecolor="none"))
        labels.append("Ferie")
    ax.legend(
        handles,
        labels,
        fontsize=8,
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        handlelength=1.6,
        handleheight=1.1,
    )
    fig.tight_layout()
    data = _png(fig)

    forste, siste = uker[0], uker[-1]
    if visning.relativ:
        spenn = (
            f"fra {visning.uke(forste.mandag)} til {visning.uke(siste.mandag)}, "
            f"regnet fra uka for {visning.hendelse}"
        )
    elif forste.ar == siste.ar:
        spenn = f"fra uke {forste.nummer} til uke {siste.nummer} i {siste.ar}"
    else:
        spenn = f"fra uke {forste.nummer} i {forste.ar} til uke {siste.nummer} i {siste.ar}"
    med = [u for u in uker if u.dager or u.timer or u.for_sent]
    deler = [f"{stor_forbokstav(visning.uke(u.mandag))}: {_hva(u, felter)}." for u in med]
    ferie = [visning.uke(u.mandag).removeprefix("uke ") for u in uker if u.skoledager == 0]
    alt = f"Stolpediagram over fravær uke for uke, {spenn}. " + " ".join(deler)
    if med:
        alt += " Ikke noe fravær i de andre ukene."
    else:
        alt += " Ikke noe fravær i noen av ukene."
    if ferie:
        alt += f" Ferie uten skoledager: uke {liste_tekst(ferie)}."
    return Bilde(data, alt, "Fravær uke for uke", bredde_mm=BREDDE_MM)


def fravaersdiagrammer(bilde: Fravaersbilde, visning: Visning = NAVNGITT) -> list[Bilde]:
    """Return the charts of an absence picture: per weekday, per subject, week by week."""
    if bilde.tom:
        return []
    diagrammer = [ukedagsdiagram(bilde), fagdiagram(bilde), ukediagram(bilde, visning)]
    return [d for d in diagrammer if d is not None]

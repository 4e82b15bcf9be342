"""Benchmark reading a form and rendering the documents, against plain openpyxl and docxtpl.

Run from the repository root:

    python bench/bench_lag.py [--ganger N]

Each figure is compared with its baseline measured in the same run on the same
machine: plain `openpyxl.load_workbook` for reading, and a fresh
`docxtpl.DocxTemplate` per document (as docxtpl is normally used) for rendering.
Memory is the peak that tracemalloc sees during one operation. Nothing here
asserts on time; the figures are for a person to read.

Reading a form whose absence table is declared down to the last row of the
sheet (`A5:H1048576`, as a slip in Excel or a hostile file can make it) is
measured against reading the same form as it was made.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))
sys.path.insert(0, str(ROT / "bench"))

from docxtpl import DocxTemplate  # noqa: E402
from jinja2.sandbox import SandboxedEnvironment  # noqa: E402
from maal import minne, tid  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from toolkit.inntak import les_skjema  # noqa: E402
from toolkit.kontekst import bygg_kontekst  # noqa: E402
from toolkit.register import standard_definisjon  # noqa: E402
from toolkit.render import Mal  # noqa: E402

SKJEMA = ROT / "eksempler" / "amin.xlsx"
MAL = ROT / "maler" / "plan.docx"


def rad(navn: str, ms: float, mib: float, grunnlinje: tuple[float, float] | None) -> str:
    if grunnlinje is None:
        return f"  {navn:<44} {ms:8.1f} ms  {mib:7.1f} MiB   (grunnlinje)"
    return (
        f"  {navn:<44} {ms:8.1f} ms  {mib:7.1f} MiB   "
        f"{ms / grunnlinje[0]:4.2f}× tid, {mib / grunnlinje[1]:4.2f}× minne"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ganger", type=int, default=15, help="målinger per figur")
    ganger = parser.parse_args().ganger

    definisjon = standard_definisjon()
    data = les_skjema(SKJEMA, definisjon=definisjon)
    forberedt = Mal(MAL)
    kontekst = bygg_kontekst(definisjon, data, diagrammer=False).for_dokument(
        definisjon.dokument("plan"), forberedt.brodtekst
    )

    def openpyxl_alene() -> object:
        return load_workbook(SKJEMA, data_only=True)

    def skjemaverk_les() -> object:
        return les_skjema(SKJEMA, definisjon=definisjon)

    miljo = SandboxedEnvironment(autoescape=True)

    def docxtpl_alene() -> bytes:
        tpl = DocxTemplate(MAL)
        tpl.render(dict(kontekst), jinja_env=miljo, autoescape=True)
        ut = io.BytesIO()
        tpl.save(ut)
        return ut.getvalue()

    def skjemaverk_render() -> bytes:
        return forberedt.render(kontekst, tittel="Plan")

    def skjemaverk_mal_hver_gang() -> bytes:
        return Mal(MAL).render(kontekst, tittel="Plan")

    print(f"Skjemaverk-benchmark, median av {ganger} målinger (Python {sys.version.split()[0]})")
    print("\nLese og sjekke skjemaet (eksempler/amin.xlsx):")
    grunn = (tid(openpyxl_alene, ganger), minne(openpyxl_alene))
    print(rad("openpyxl.load_workbook", *grunn, None))
    print(
        rad(
            "les_skjema (åpne, lese, sjekke)",
            tid(skjemaverk_les, ganger),
            minne(skjemaverk_les),
            grunn,
        )
    )

    with tempfile.TemporaryDirectory() as mappe:
        utvidet = Path(mappe) / "utvidet.xlsx"
        bok = load_workbook(SKJEMA)
        tabell = bok["Fravær"].tables["fravaer"]
        tabell.ref = tabell.autoFilter.ref = "A5:H1048576"
        bok.save(utvidet)

        def skjemaverk_les_utvidet() -> object:
            return les_skjema(utvidet, definisjon=definisjon)

        print("\nLese skjemaet med fraværstabellen utvidet til A5:H1048576:")
        grunn = (tid(skjemaverk_les, ganger), minne(skjemaverk_les))
        print(rad("les_skjema, tabellen som laget", *grunn, None))
        print(
            rad(
                "les_skjema, tabellen utvidet til arkets bunn",
                tid(skjemaverk_les_utvidet, ganger),
                minne(skjemaverk_les_utvidet),
                grunn,
            )
        )

    print("\nFylle ut planen (maler/plan.docx), uten diagrammer:")
    grunn = (tid(docxtpl_alene, ganger), minne(docxtpl_alene))
    print(rad("docxtpl, ny mal per dokument", *grunn, None))
    print(
        rad(
            "Mal, forberedt én gang og gjenbrukt",
            tid(skjemaverk_render, ganger),
            minne(skjemaverk_render),
            grunn,
        )
    )
    print(
        rad(
            "Mal, ny per dokument (med sjekk av felter)",
            tid(skjemaverk_mal_hver_gang, ganger),
            minne(skjemaverk_mal_hver_gang),
            grunn,
        )
    )

    def kontekst_med_diagrammer() -> object:
        return bygg_kontekst(definisjon, data)

    def kontekst_uten() -> object:
        return bygg_kontekst(definisjon, data, diagrammer=False)

    print("\nKontekst (avledede verdier):")
    grunn = (tid(kontekst_uten, ganger), minne(kontekst_uten))
    print(rad("uten diagrammer", *grunn, None))
    print(
        rad(
            "med tre diagrammer (matplotlib)",
            tid(kontekst_med_diagrammer, max(3, ganger // 3)),
            minne(kontekst_med_diagrammer),
            grunn,
        )
    )


if __name__ == "__main__":
    main()

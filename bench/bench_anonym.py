"""Benchmark the anonymised copy (`skjemaverk lag --anonym`) against the named run.

Run from the repository root:

    python bench/bench_anonym.py [--ganger N] [--pdf]

Both runs make Amin's documents with `toolkit.kjoring.lag`, the API the CLI
calls: read and check the form, render, and write (the anonymised one also
makes the form anonymous, and checks every part of the copy). They are
measured in the same run on the same machine, and the ratio is printed; the
issue asks for at most 2×. Then the steps of the anonymised copy one by one,
and the final check with about 200 forbidden values, the size that made the
old check (one regular expression per value) take 18 s. With `--pdf` both
runs make PDFs too (LibreOffice then dominates both). Nothing here asserts on
time; the figures are for a person to read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT))
sys.path.insert(0, str(ROT / "bench"))

from maal import tid  # noqa: E402

from toolkit.anonym import TIDSPUNKT, anonymiser  # noqa: E402
from toolkit.anonym.ordfinner import Regel  # noqa: E402
from toolkit.anonym.sjekk import Sjekker  # noqa: E402
from toolkit.dele import Deling  # noqa: E402
from toolkit.dokumenter import render_dokumenter  # noqa: E402
from toolkit.inntak import les_skjema  # noqa: E402
from toolkit.kjoring import lag  # noqa: E402

SKJEMA = ROT / "eksempler" / "amin.xlsx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ganger", type=int, default=10, help="målinger per figur")
    parser.add_argument("--pdf", action="store_true", help="lag PDF-er også (LibreOffice)")
    valg = parser.parse_args()
    ganger = valg.ganger if not valg.pdf else max(3, valg.ganger // 3)

    with tempfile.TemporaryDirectory() as mappe:

        def kjor(anonym: bool) -> Callable[[], object]:
            deling = Deling(anonym=anonym, pdf=valg.pdf)
            ut = Path(mappe) / ("anonym" if anonym else "navngitt")

            def lag_en() -> object:
                kjoring = lag([SKJEMA], ut_mappe=ut, deling=deling, overskriv=True)
                if kjoring.exit_code != 0:
                    raise SystemExit(kjoring.skjemaer[0].feil)
                return kjoring

            return lag_en

        navngitt = tid(kjor(False), ganger)
        anonym = tid(kjor(True), ganger)

    print(f"Amins skjema, {ganger} målinger (median){', med PDF' if valg.pdf else ''}:")
    print(f"  skjemaverk lag           {navngitt:8.1f} ms")
    print(
        f"  skjemaverk lag --anonym  {anonym:8.1f} ms   {anonym / navngitt:4.2f}× (krav: høyst 2×)"
    )

    data = les_skjema(SKJEMA)
    definisjon = data.definisjon
    assert definisjon is not None
    a = anonymiser(definisjon, data)
    innhold = render_dokumenter(
        a.data, definisjon=definisjon, visning=a.visning, tidspunkt=TIDSPUNKT
    ).innhold
    anonymt = tid(lambda: anonymiser(definisjon, data), ganger)
    sjekket = tid(lambda: [a.sjekker.docx(d) for d in innhold.values()], ganger)
    print("\nDen anonyme kopien, steg for steg:")
    print(f"  gjør skjemaet anonymt            {anonymt:8.1f} ms")
    print(f"  sjekker dokumentene        {sjekket:8.1f} ms   {len(a.sjekker.forbudte)} verdier")

    mange = {f"Fornavn{i} Etternavn{i}": Regel.ALLE for i in range(100)}
    mange |= {f"Navn{i}": Regel.ALLE for i in range(100)}
    stor = Sjekker(mange, tidspunkt=TIDSPUNKT)
    stor_tid = tid(lambda: [stor.docx(d) for d in innhold.values()], ganger)
    print(f"  sjekker dokumentene        {stor_tid:8.1f} ms   {len(mange)} verdier")


if __name__ == "__main__":
    main()

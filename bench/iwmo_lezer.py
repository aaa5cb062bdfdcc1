"""`python -m bench.iwmo_lezer`: how fast the iWmo XML reader reads, alone, on one core.

Only the reader (pipelines/ingest/read_iwmo_xml.py) is timed: no validation, no database. The
messages are official and hand-made fixtures from tests/fixtures/iwmo/, multiplied:

- one WMO323 with N prestaties (the example's two clients repeated), read from bytes and from a
  file; reported as prestaties per second;
- small messages as they come out of a zip: a WMO301 with three ToegewezenProduct (3.9 KB) and
  a WMO305 with four StartProduct (2.2 KB), each read from bytes; reported as messages per
  second.

Nothing is asserted: the bench reports what it saw (best of a few rounds, to keep the noise of
a shared machine out). `--prestaties` sets N.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import REPO
from pipelines.ingest import read_iwmo_xml

FIXTURES = REPO / "tests" / "fixtures" / "iwmo"
KLEIN = ("WMO301_3.2_handgemaakt.xml", "WMO305_3.2_voorbeeld.xml")


def groot_323(prestaties: int) -> bytes:
    """The WMO323 example with its Clienten repeated until it holds `prestaties` prestaties."""
    tekst = (FIXTURES / "WMO323_3.2_voorbeeld.xml").read_text(encoding="utf-8")
    begin, eind = tekst.index("<wmo323:Client>"), tekst.index("</wmo323:Clienten>")
    clienten = tekst[begin:eind]
    per_herhaling = len(re.findall(r"<wmo323:Prestatie>", clienten))
    herhalingen = max(1, prestaties // per_herhaling)
    return (tekst[:begin] + clienten * herhalingen + tekst[eind:]).encode("utf-8")


def beste_tijd(functie: Callable[[], object], rondes: int) -> float:
    tijden = []
    for _ in range(rondes):
        start = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - start)
    return min(tijden)


def lees_uit_bytes(inhoud: bytes, naam: str) -> read_iwmo_xml.IwmoBericht:
    lezer = getattr(read_iwmo_xml, "lees_iwmo_bericht", None)
    if lezer is not None:
        return lezer(inhoud, naam)  # type: ignore[no-any-return]
    # The reader before #9 read files only: go through a temporary file, as a caller had to.
    with tempfile.NamedTemporaryFile(suffix=".xml") as bestand:
        bestand.write(inhoud)
        bestand.flush()
        return read_iwmo_xml.lees_iwmo_xml(Path(bestand.name))


def meet(prestaties: int, berichten: int, rondes: int) -> dict[str, object]:
    resultaat: dict[str, object] = {"prestaties": prestaties, "kleine_berichten": berichten}
    inhoud = groot_323(prestaties)
    aantal = len(lees_uit_bytes(inhoud, "groot.xml").rijen)
    duur = beste_tijd(lambda: lees_uit_bytes(inhoud, "groot.xml"), rondes)
    resultaat["wmo323_uit_bytes"] = {
        "megabyte": round(len(inhoud) / 1e6, 1),
        "prestaties_per_seconde": round(aantal / duur),
    }
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / "groot.xml"
        pad.write_bytes(inhoud)
        duur = beste_tijd(lambda: read_iwmo_xml.lees_iwmo_xml(pad), rondes)
    resultaat["wmo323_uit_bestand"] = {"prestaties_per_seconde": round(aantal / duur)}

    for naam in KLEIN:
        klein = (FIXTURES / naam).read_bytes()
        rijen = len(lees_uit_bytes(klein, naam).rijen)

        def alle(klein: bytes = klein, naam: str = naam) -> None:
            for _ in range(berichten):
                lees_uit_bytes(klein, naam)

        duur = beste_tijd(alle, rondes)
        resultaat[naam] = {
            "kilobyte": round(len(klein) / 1e3, 1),
            "rijen_per_bericht": rijen,
            "berichten_per_seconde": round(berichten / duur),
        }
    return resultaat


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.iwmo_lezer",
        description="Meet de iWmo-XML-lezer alleen: prestaties per seconde in één groot WMO323 "
        "en kleine berichten (WMO301, WMO305) per seconde, uit bytes. Niets wordt getoetst.",
    )
    parser.add_argument("--prestaties", type=int, default=20_000, help="prestaties in de WMO323")
    parser.add_argument("--berichten", type=int, default=2_000, help="kleine berichten per meting")
    parser.add_argument("--rondes", type=int, default=3, help="herhalingen; de snelste telt")
    args = parser.parse_args(argv)
    print(json.dumps(meet(args.prestaties, args.berichten, args.rondes), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

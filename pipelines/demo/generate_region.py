"""Deterministic demo region: synthetic iWmo data for one real inkoopregio (Eemland).

`genereer_regio()` writes the contract tables of a synthetic Wmo region into `doelmap/bron/`
(toewijzingen, zorgperiodes, declaraties, aanbieders, meldingen, verantwoording), the ground
truth of injected irregularities into `doelmap/grondwaarheid.csv` and the honest look-alikes
into `doelmap/lookalikes.csv`. The shipped reference defaults in `data/reference/`
(producten, tarieven, gemeenten, samenloopregels) apply to the region and are not copied;
products and tariffs are read from there.

How the honest region is built, one module per part:
- referentie.py: the seven real gemeenten of jeugdzorgregio Eemland, clients spread by
  inhabitants; products, regional tariffs and the providers' product ranges (profiles);
- aanbieders.py: providers with a profile and a heavy-tailed size, a few onderaannemers,
  and the role each plays (scheme, honest look-alike, ordinary);
- clienten.py: per client one or two care needs (an "episode" per product: start, end, end
  reason), placed so every client has care in the window;
- toewijzingen.py: episodes cut into toewijzingen of 3–24 months (some open-ended) with
  re-indications, and start/stop messages (305/307) as zorgperiodes;
- declaraties.py and facturering.py: monthly prestaties per toewijzing (period = month ∩
  toewijzing ∩ zorgperiode, volume = a realised share of the allocated volume, regional
  tariff), ~1.5% corrections (credit + rebill), a monthly invoice per provider;
- meldingen.py and verantwoording.py: quality signals and the providers' own accounts;
- lookalikes.py and injected_schemes.py (one module per scheme in schemas/): the honest
  look-alikes and the schemes on top.

All randomness comes from numpy generators spawned from one seed, and all tables are
sorted before writing, so the same seed gives byte-identical files. Names, AGB codes and
BSNs are synthetic: BSNs are drawn in the 99xxxxxxx block and pass the elfproef.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from pipelines.demo import referentie
from pipelines.demo.aanbieders import aanbieders_tabel, contractdata, plan_aanbieders
from pipelines.demo.begroting import begroting
from pipelines.demo.clienten import maak_episodes, schemas_op_episodes
from pipelines.demo.cm_gesprek import cm_gesprek_tabellen
from pipelines.demo.declaraties import declaratie_eenheden, declaratieregels
from pipelines.demo.facturering import declaraties_tabel
from pipelines.demo.injected_schemes import SCHEMAS, grondwaarheid
from pipelines.demo.iwmo_xml import schrijf_xml_en_tweeling
from pipelines.demo.lookalikes import (
    OVERNAME_DAG,
    kleine_aanbieders,
    lookalikes_tabel,
    overname_en_overstap,
)
from pipelines.demo.meldingen import meldingen
from pipelines.demo.model import Context
from pipelines.demo.onderaanneming import grondwaarheid_onderaanneming, onderaanneming_tabellen
from pipelines.demo.schemas import STERKTES
from pipelines.demo.toewijzingen import (
    nummer_toewijzingen,
    toewijzingen_tabel,
    toewijzingen_van_episode,
    zorgperiodes_tabel,
)
from pipelines.demo.uitvoer import getal, schrijf
from pipelines.demo.verantwoording import verantwoording

FORMATEN = ("csv", "iwmo-xml")
ZIP_NAAM = "iwmo_berichten.zip"


@dataclass(frozen=True)
class RegioSamenvatting:
    """What genereer_regio wrote: rows per file and the size of the region."""

    rijen: dict[str, int]
    aanbieders: int
    clienten: int
    schemas: int
    lookalikes: int
    doelmap: Path
    # formaat "iwmo-xml": messages written per type (301, 305, 307, 323) and prestaties.
    berichten: dict[str, int] | None = None
    prestaties: int = 0

    def __str__(self) -> str:
        bestanden = ", ".join(f"{naam} {getal(aantal)}" for naam, aantal in self.rijen.items())
        tekst = (
            f"{self.aanbieders} aanbieders, {getal(self.clienten)} cliënten, {self.schemas} "
            f"ingebrachte schema's, {self.lookalikes} eerlijke look-alikes; rijen: {bestanden}"
        )
        if self.berichten is not None:
            per_soort = ", ".join(f"WMO{s} {getal(n)}" for s, n in self.berichten.items())
            tekst += f"; iWmo 3.2-berichten: {per_soort} ({getal(self.prestaties)} prestaties)"
        return tekst

    @property
    def bronnen(self) -> list[Path]:
        """What to load: bron/ (for XML the message folders and the other tables in it)."""
        return [self.doelmap / "bron"]

    def bronnen_met_zip(self, zip_pad: Path) -> list[Path]:
        """The messages from the zip, the tables that have no message as CSV next to it."""
        return [zip_pad, *sorted((self.doelmap / "bron").glob("*.csv"))]


@dataclass(frozen=True)
class RegioTabellen:
    """The generated region before it is written: contract tables and ground truth."""

    tabellen: dict[str, pl.DataFrame]
    antwoorden: dict[str, pl.DataFrame]
    aanbieders: int
    clienten: int


def maak_tabellen(
    seed: int = 20261123,
    *,
    met_schemas: bool = True,
    aantal_aanbieders: int = 100,
    aantal_clienten: int = 10_000,
    jaren: tuple[int, ...] = (2023, 2024, 2025),
    sterkte: str | None = None,
) -> RegioTabellen:
    """Build the demo region in memory (see the module docstring); genereer_regio writes it.

    `sterkte` (zwak, middel or sterk) puts every scheme in that band; by default each
    scheme's band is drawn from the seed (see schemas/__init__.py)."""
    jaren = _controleer_jaren(jaren)
    if aantal_clienten < 100:
        raise ValueError("aantal_clienten moet minstens 100 zijn")
    if sterkte is not None and sterkte not in STERKTES:
        raise ValueError(f"onbekende sterkte {sterkte!r}; kies uit {', '.join(STERKTES)}")
    # The seventh generator only draws the schemes' parameters: SeedSequence children do
    # not depend on how many are spawned, so the other six stay what they were.
    rng_aanb, rng_cli, rng_tw, rng_regels, rng_schema, rng_meld, rng_sterkte = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(7)
    )
    producten = referentie.lees_producten()
    codes = tuple(producten)
    ctx = Context(
        jaren=jaren,
        w0=dt.date(jaren[0], 1, 1),
        w1=dt.date(jaren[-1], 12, 31),
        producten=producten,
        tarief_cent=referentie.lees_tarieven(codes, jaren),
        codes=codes,
        gemeenten=referentie.regio_gemeenten(),
        aanbieders=[],
        rollen={},
        schemas=SCHEMAS if met_schemas else (),
        tweede_jaar=dt.date(jaren[1], 1, 1),
        overname=dt.date(jaren[len(jaren) // 2], *OVERNAME_DAG),
        parameters={s.id: s.trek_parameters(rng_sterkte, sterkte) for s in SCHEMAS},
    )
    plan_aanbieders(ctx, aantal_aanbieders, rng_aanb, SCHEMAS)
    episodes = maak_episodes(ctx, aantal_clienten, rng_cli)
    kleine_aanbieders(ctx, episodes, rng_cli)
    schemas_op_episodes(ctx, episodes, rng_schema)
    overstap = overname_en_overstap(ctx, episodes, rng_cli)
    toewijzingen = [t for ep in episodes for t in toewijzingen_van_episode(ctx, ep, rng_tw)]
    toewijzingen = [
        t for t in toewijzingen if t.ingang <= ctx.w1 and (t.einde is None or t.einde >= ctx.w0)
    ]
    for schema in ctx.schemas:
        toewijzingen = schema.op_toewijzingen(ctx, toewijzingen, rng_schema)
    nummer_toewijzingen(ctx, toewijzingen)
    contractdata(ctx, toewijzingen, rng_aanb)
    eenheden = declaratie_eenheden(ctx, toewijzingen, rng_regels, rng_schema)
    regels = declaratieregels(ctx, eenheden, rng_regels, rng_schema)
    tabellen = {
        "toewijzingen": toewijzingen_tabel(ctx, toewijzingen),
        "zorgperiodes": zorgperiodes_tabel(ctx, toewijzingen),
        "declaraties": declaraties_tabel(ctx, regels, rng_regels),
        "aanbieders": aanbieders_tabel(ctx),
        "meldingen": meldingen(ctx, regels, rng_meld),
        "verantwoording": verantwoording(ctx, regels, rng_meld),
        **cm_gesprek_tabellen(ctx, regels, seed),
    }
    tabellen["begroting"] = begroting(ctx, tabellen["declaraties"])
    tabellen |= onderaanneming_tabellen(ctx, tabellen["declaraties"])
    antwoorden = {
        "grondwaarheid": pl.concat(
            [
                grondwaarheid(ctx, regels),
                grondwaarheid_onderaanneming(tabellen["onderaannemers"], tabellen["declaraties"]),
            ]
        ).sort("aanbieder_agb", "jaar", "schema"),
        "lookalikes": lookalikes_tabel(ctx, regels, overstap),
    }

    return RegioTabellen(
        tabellen=tabellen,
        antwoorden=antwoorden,
        aanbieders=len(ctx.aanbieders),
        clienten=len({t.client for t in toewijzingen}),
    )


def genereer_regio(
    doelmap: Path,
    seed: int = 20261123,
    *,
    met_schemas: bool = True,
    aantal_aanbieders: int = 100,
    aantal_clienten: int = 10_000,
    jaren: tuple[int, ...] = (2023, 2024, 2025),
    formaat: str = "csv",
    met_zip: bool = False,
    sterkte: str | None = None,
) -> RegioSamenvatting:
    """Generate the demo region into `doelmap` (see the module docstring).

    formaat "iwmo-xml" writes toewijzingen, zorgperiodes and declaraties as iWmo 3.2 messages
    in bron/301, bron/305, bron/307 and bron/323 (with `met_zip` also as
    iwmo_berichten.zip), the tables without an iWmo message as CSV in bron/, and the same
    region as CSV in csv_tweeling/ (see iwmo_xml.py).
    """
    if formaat not in FORMATEN:
        raise ValueError(f"onbekend formaat {formaat!r}; kies uit {', '.join(FORMATEN)}")
    if met_zip and formaat != "iwmo-xml":
        raise ValueError("een zip met berichten hoort bij formaat iwmo-xml")
    regio = maak_tabellen(
        seed,
        met_schemas=met_schemas,
        aantal_aanbieders=aantal_aanbieders,
        aantal_clienten=aantal_clienten,
        jaren=jaren,
        sterkte=sterkte,
    )
    tabellen, antwoorden = regio.tabellen, regio.antwoorden

    bron = doelmap / "bron"
    bron.mkdir(parents=True, exist_ok=True)
    rijen: dict[str, int] = {}
    berichten: dict[str, int] | None = None
    prestaties = 0
    if formaat == "iwmo-xml":
        geschreven, rijen = schrijf_xml_en_tweeling(
            tabellen,
            bron,
            doelmap / "csv_tweeling",
            zip_pad=doelmap / ZIP_NAAM if met_zip else None,
        )
        berichten, prestaties = geschreven.aantal, geschreven.prestaties
    else:
        for naam, tabel in tabellen.items():
            schrijf(tabel, bron / f"{naam}.csv")
            rijen[naam] = tabel.height
    for naam, tabel in antwoorden.items():
        schrijf(tabel, doelmap / f"{naam}.csv")
        rijen[naam] = tabel.height
    return RegioSamenvatting(
        rijen=rijen,
        aanbieders=regio.aanbieders,
        clienten=regio.clienten,
        schemas=antwoorden["grondwaarheid"].select("aanbieder_agb", "schema").unique().height,
        lookalikes=antwoorden["lookalikes"].select("aanbieder_agb", "soort").unique().height,
        doelmap=doelmap,
        berichten=berichten,
        prestaties=prestaties,
    )


def _controleer_jaren(jaren: tuple[int, ...]) -> tuple[int, ...]:
    jaren = tuple(int(j) for j in jaren)
    if len(jaren) < 2 or list(jaren) != list(range(jaren[0], jaren[0] + len(jaren))):
        raise ValueError("jaren moet uit minstens twee opeenvolgende jaren bestaan")
    return jaren


def main() -> None:
    """`python -m pipelines.demo.generate_region DOELMAP [SEED]` — for a quick look."""
    doelmap = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/demo")
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261123
    begin = time.perf_counter()
    samenvatting = genereer_regio(doelmap, seed)
    duur = time.perf_counter() - begin
    print(f"Demoregio {referentie.REGIO} geschreven naar {doelmap} in {duur:.1f} s")
    for naam, aantal in samenvatting.rijen.items():
        print(f"  {naam:16s} {getal(aantal):>9s} rijen")


if __name__ == "__main__":
    main()

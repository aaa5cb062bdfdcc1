"""The demo region generator: deterministic, contract-shaped, internally consistent."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import polars as pl
import pytest

from pipelines.contract import TABELLEN
from pipelines.demo.generate_region import RegioSamenvatting, genereer_regio
from pipelines.demo.injected_schemes import CATEGORIEEN, SCHEMAS

REPO = Path(__file__).resolve().parents[2]
# Small enough to run in well under a second, large enough for every scheme to appear.
KLEIN = {"aantal_aanbieders": 30, "aantal_clienten": 800, "jaren": (2024, 2025)}
BRONBESTANDEN = (
    "toewijzingen",
    "zorgperiodes",
    "declaraties",
    "aanbieders",
    "meldingen",
    "verantwoording",
    "begroting",  # #13: the demo shows uitputting and the expected result
    # #13: optional tables of the contract administration.
    "onderaannemers",
    "organisaties",
    "managementinformatie",
    "wachttijden",
)


@pytest.fixture(scope="module")
def regio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RegioSamenvatting]:
    doelmap = tmp_path_factory.mktemp("regio")
    return doelmap, genereer_regio(doelmap, **KLEIN)


def lees(doelmap: Path, naam: str) -> pl.DataFrame:
    """A generated table as text: contract tables live in bron/, the answers beside it."""
    map_ = doelmap if naam in ("grondwaarheid", "lookalikes") else doelmap / "bron"
    return pl.read_csv(map_ / f"{naam}.csv", infer_schema_length=0)


def alle_bestanden(doelmap: Path) -> dict[str, bytes]:
    return {str(p.relative_to(doelmap)): p.read_bytes() for p in sorted(doelmap.rglob("*.csv"))}


def elfproef(bsn: str) -> bool:
    cijfers = [int(c) for c in bsn]
    som = sum((9 - i) * c for i, c in enumerate(cijfers[:8])) - cijfers[8]
    return len(bsn) == 9 and bsn.isdigit() and som % 11 == 0


def test_zelfde_seed_geeft_identieke_bestanden(
    regio: tuple[Path, RegioSamenvatting], tmp_path: Path
) -> None:
    doelmap, _ = regio
    genereer_regio(tmp_path, **KLEIN)
    assert alle_bestanden(tmp_path) == alle_bestanden(doelmap)


def test_zelfde_seed_in_een_ander_proces_geeft_identieke_bestanden(
    regio: tuple[Path, RegioSamenvatting], tmp_path: Path
) -> None:
    # Another interpreter with another string-hash seed: no output may depend on the
    # iteration order of a set or on anything else that differs between processes.
    doelmap, _ = regio
    code = (
        "import sys; from pathlib import Path; "
        "from pipelines.demo.generate_region import genereer_regio; "
        f"genereer_regio(Path(sys.argv[1]), **{KLEIN!r})"
    )
    pythonpad = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
    omgeving = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": pythonpad}
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, env=omgeving)
    assert alle_bestanden(tmp_path) == alle_bestanden(doelmap)


def test_zelfde_seed_zonder_schemas_geeft_identieke_bestanden(tmp_path: Path) -> None:
    genereer_regio(tmp_path / "een", seed=7, met_schemas=False, **KLEIN)
    genereer_regio(tmp_path / "twee", seed=7, met_schemas=False, **KLEIN)
    assert alle_bestanden(tmp_path / "een") == alle_bestanden(tmp_path / "twee")


def test_andere_seed_geeft_andere_regio(
    regio: tuple[Path, RegioSamenvatting], tmp_path: Path
) -> None:
    doelmap, _ = regio
    genereer_regio(tmp_path, seed=7, **KLEIN)
    eerste, tweede = alle_bestanden(doelmap), alle_bestanden(tmp_path)
    assert eerste.keys() == tweede.keys()
    assert eerste["bron/declaraties.csv"] != tweede["bron/declaraties.csv"]
    assert eerste["bron/toewijzingen.csv"] != tweede["bron/toewijzingen.csv"]


def test_bronbestanden_hebben_precies_de_contractkolommen(
    regio: tuple[Path, RegioSamenvatting],
) -> None:
    doelmap, _ = regio
    assert sorted(p.name for p in (doelmap / "bron").iterdir()) == sorted(
        f"{n}.csv" for n in BRONBESTANDEN
    )
    for naam in BRONBESTANDEN:
        verwacht = ["bsn" if k == "client_id" else k for k in TABELLEN[naam].kolomnamen]
        assert lees(doelmap, naam).columns == verwacht, naam


def test_elke_bsn_haalt_de_elfproef(regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, _ = regio
    for naam in ("toewijzingen", "zorgperiodes", "declaraties"):
        bsns = lees(doelmap, naam)["bsn"].unique().to_list()
        assert bsns and all(elfproef(b) for b in bsns), naam


def test_codes_houden_voorloopnullen(regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, _ = regio
    declaraties = lees(doelmap, "declaraties")
    assert declaraties["gemeentecode"].str.len_chars().unique().to_list() == [4]
    assert declaraties["aanbieder_agb"].str.len_chars().unique().to_list() == [8]
    assert set(declaraties["productcategorie"]) <= {"01", "02", "04", "07", "15"}
    # Time is declared in whole minutes (01): iWmo 3.2 volumes are integers.
    assert set(declaraties["eenheid"]) <= {"01", "14", "16"}


def test_toewijzingnummer_uniek_per_gemeente(regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, samenvatting = regio
    toewijzingen = lees(doelmap, "toewijzingen")
    assert not toewijzingen.select("gemeentecode", "toewijzingnummer").is_duplicated().any()
    assert toewijzingen["bsn"].n_unique() == samenvatting.clienten == KLEIN["aantal_clienten"]


def test_referentienummer_uniek_per_aanbieder(regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, _ = regio
    declaraties = lees(doelmap, "declaraties")
    assert not declaraties.select("aanbieder_agb", "referentienummer").is_duplicated().any()


def test_creditregels_verwijzen_naar_bestaande_debetregel_van_dezelfde_aanbieder(
    regio: tuple[Path, RegioSamenvatting],
) -> None:
    doelmap, _ = regio
    declaraties = lees(doelmap, "declaraties")
    credits = declaraties.filter(pl.col("debet_credit") == "C")
    assert credits.height > 0
    assert credits["vorig_referentienummer"].null_count() == 0
    origineel = declaraties.select(
        "aanbieder_agb",
        pl.col("referentienummer").alias("vorig_referentienummer"),
        pl.col("debet_credit").alias("origineel_dc"),
        pl.col("ingediend_bedrag").alias("origineel_bedrag"),
    )
    gekoppeld = credits.join(origineel, on=["aanbieder_agb", "vorig_referentienummer"], how="left")
    assert gekoppeld["origineel_dc"].to_list() == ["D"] * credits.height
    assert (gekoppeld["ingediend_bedrag"] == gekoppeld["origineel_bedrag"]).all()
    debet = declaraties.filter(pl.col("debet_credit") == "D")
    assert debet["vorig_referentienummer"].null_count() == debet.height


def test_bedrag_is_volume_maal_tarief_op_centen(regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, _ = regio
    declaraties = lees(doelmap, "declaraties")
    cent = Decimal("0.01")
    for volume, tarief, bedrag in declaraties.select(
        "geleverd_volume", "producttarief", "ingediend_bedrag"
    ).iter_rows():
        verwacht = (Decimal(volume) * Decimal(tarief)).quantize(cent, rounding=ROUND_HALF_UP)
        assert Decimal(bedrag) == verwacht
        assert Decimal(bedrag) > 0


def test_declaratieperiode_binnen_een_maand(regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, _ = regio
    declaraties = lees(doelmap, "declaraties").with_columns(
        pl.col("begindatum", "einddatum", "declaratiedatum").str.to_date()
    )
    assert (declaraties["einddatum"] >= declaraties["begindatum"]).all()
    assert (
        declaraties["begindatum"].dt.month_start() == declaraties["einddatum"].dt.month_start()
    ).all()
    assert (declaraties["declaratiedatum"] > declaraties["einddatum"]).all()


def test_grondwaarheid_noemt_bestaande_aanbieders_en_alle_categorieen(
    regio: tuple[Path, RegioSamenvatting],
) -> None:
    doelmap, samenvatting = regio
    grondwaarheid = lees(doelmap, "grondwaarheid")
    agbs = set(lees(doelmap, "aanbieders")["aanbieder_agb"])
    assert set(grondwaarheid["aanbieder_agb"]) <= agbs
    assert set(grondwaarheid["categorie"]) == set(CATEGORIEEN)
    # The injected schemes, and the onderaannemer without akkoord of the contract tables (#13).
    assert set(grondwaarheid["schema"]) <= {s.id for s in SCHEMAS} | {
        "onderaannemer_zonder_akkoord"
    }
    assert grondwaarheid.select("aanbieder_agb", "schema").n_unique() == samenvatting.schemas
    assert samenvatting.schemas >= 11
    # One provider per scheme, and never also an honest look-alike.
    assert (
        grondwaarheid.group_by("schema")
        .agg(pl.col("aanbieder_agb").n_unique())["aanbieder_agb"]
        .to_list()
        == [1] * grondwaarheid["schema"].n_unique()
    )
    lookalikes = lees(doelmap, "lookalikes")
    assert set(lookalikes["aanbieder_agb"]) <= agbs
    assert not set(lookalikes["aanbieder_agb"]) & set(grondwaarheid["aanbieder_agb"])


def test_elk_geregistreerd_schema_laat_regels_na(regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, _ = regio
    # Plus the onderaannemer without akkoord (#13), which comes from the contract tables.
    assert set(lees(doelmap, "grondwaarheid")["schema"]) == {s.id for s in SCHEMAS} | {
        "onderaannemer_zonder_akkoord"
    }


def test_tarief_is_regionaal_behalve_bij_het_tariefschema(
    regio: tuple[Path, RegioSamenvatting],
) -> None:
    doelmap, _ = regio
    tarieven = pl.read_csv(
        REPO / "data" / "reference" / "tarieven.csv",
        infer_schema_length=0,
    ).select(
        "productcode",
        pl.col("geldig_vanaf").str.slice(0, 4).alias("jaar"),
        pl.col("tarief").alias("regionaal"),
    )
    declaraties = lees(doelmap, "declaraties").with_columns(
        jaar=pl.col("begindatum").str.slice(0, 4)
    )
    # Time is declared per minute: the regional hourly tariff / 60, rounded to a cent.
    regionaal_cent = (pl.col("regionaal").cast(pl.Float64) * 100).round().cast(pl.Int64)
    verwacht_cent = (
        pl.when(pl.col("eenheid") == "01")
        .then((regionaal_cent + 30) // 60)
        .otherwise(regionaal_cent)
    )
    afwijkend = declaraties.join(tarieven, on=["productcode", "jaar"], how="left").filter(
        (pl.col("producttarief").cast(pl.Float64) * 100).round().cast(pl.Int64) != verwacht_cent
    )
    grondwaarheid = lees(doelmap, "grondwaarheid")
    tariefschema = grondwaarheid.filter(pl.col("schema") == "boven_contracttarief")
    assert afwijkend.height > 0
    assert set(afwijkend["aanbieder_agb"]) == set(tariefschema["aanbieder_agb"])


def test_zonder_schemas_een_lege_grondwaarheid(tmp_path: Path) -> None:
    samenvatting = genereer_regio(tmp_path, met_schemas=False, **KLEIN)
    inhoud = (tmp_path / "grondwaarheid.csv").read_text(encoding="utf-8")
    assert inhoud == "aanbieder_agb,jaar,schema,categorie,omschrijving,sterkte,parameters\n"
    assert samenvatting.schemas == 0
    assert samenvatting.rijen["grondwaarheid"] == 0
    # The honest look-alikes stay.
    assert lees(tmp_path, "lookalikes").height > 0


def test_te_weinig_aanbieders_geeft_een_nederlandse_fout(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="aantal_aanbieders moet minstens"):
        genereer_regio(tmp_path, aantal_aanbieders=10, aantal_clienten=800)

"""UPC06 (individueel waar peers groep leveren): on allocations on category level (no
productcode) a provider that declares the individual product far more often than peers with the
same group offer is flagged; a provider that declares another product than its allocation names
is a rule signal's (TR340: SPK01, or UPC03 when heavier), not counted here again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sql.kleine_regio import bouw, declaratie, rijen, signalen, toewijzing

INDIVIDUEEL, GROEP = "02A16", "02A17"  # Begeleiding basis (individueel), Begeleiding groep
OPVALLEND = "47009001"
PRODUCT_ANDERS = "47009002"
ALLEEN_INDIVIDUEEL = "47009003"


def _regel(
    tabellen: dict[str, list[Any]],
    agb: str,
    client: str,
    code: str,
    *,
    toegewezen: str = "",
) -> None:
    """One allocation (on category level unless `toegewezen` names a product) and a March
    2024 declaration of `code`; a group hour costs less than an individual one."""
    nummer = f"T{len(tabellen['toewijzingen'])}"
    tabellen["toewijzingen"].append(
        toewijzing(nummer, client, aanbieder_agb=agb, productcode=toegewezen)
    )
    tarief = 30.0 if code == GROEP else 70.0
    tabellen["declaraties"].append(
        declaratie(
            f"R{len(tabellen['declaraties'])}",
            client,
            nummer,
            aanbieder_agb=agb,
            productcode=code,
            tarief=tarief,
        )
    )


def _regio(tmp_path: Path, *, opvallend_groep: int):  # type: ignore[no-untyped-def]
    tabellen: dict[str, list[Any]] = {"toewijzingen": [], "declaraties": []}
    # Nine providers with a group offer: of 12 clients on category level, 4 get group.
    for i in range(9):
        agb = f"4700{i:04d}"
        for c in range(12):
            _regel(tabellen, agb, f"{agb}-{c}", GROEP if c < 4 else INDIVIDUEEL)
    # The provider under test: 20 clients on category level, `opvallend_groep` in a group;
    # one client whose allocation names the group product shows it offers group.
    for c in range(20):
        _regel(
            tabellen, OPVALLEND, f"{OPVALLEND}-{c}", GROEP if c < opvallend_groep else INDIVIDUEEL
        )
    _regel(tabellen, OPVALLEND, f"{OPVALLEND}-G", GROEP, toegewezen=GROEP)
    # Allocations that name the group product, declared as individual: UPC03, not UPC06.
    for c in range(12):
        _regel(tabellen, PRODUCT_ANDERS, f"{PRODUCT_ANDERS}-{c}", INDIVIDUEEL, toegewezen=GROEP)
    # No group offer at all (a specialist profile): not comparable, not judged.
    for c in range(12):
        _regel(tabellen, ALLEEN_INDIVIDUEEL, f"{ALLEEN_INDIVIDUEEL}-{c}", INDIVIDUEEL)
    return bouw(tmp_path, **tabellen)


def test_upc06_gaat_af_bij_individueel_op_categorieniveau(tmp_path: Path) -> None:
    con = _regio(tmp_path, opvallend_groep=0)
    upc06 = {s["aanbieder_agb"]: s for s in signalen(con, "UPC06")}
    assert {agb for agb, s in upc06.items() if s["gemarkeerd"]} == {OPVALLEND}
    assert PRODUCT_ANDERS not in upc06
    assert ALLEEN_INDIVIDUEEL not in upc06
    opvallend = upc06[OPVALLEND]
    assert opvallend["reikwijdte"] == "Begeleiding"
    assert opvallend["waarde"] == 1.0
    # Pooled peers (leave-one-out, +0,5/+1): (72 + 0,5) / (108 + 1).
    assert opvallend["referentiewaarde"] == (72 + 0.5) / (108 + 1)
    assert "9 andere aanbieders met groepsaanbod in Begeleiding" in opvallend["peergroep"]
    # Extra individual lines × (mean individual line − mean group line) in the region:
    # 12 hours × € 70 = € 840 against 12 × € 30 = € 360.
    extra = 20 - 20 * (72 + 0.5) / (108 + 1)
    assert float(opvallend["geschat_belang_eur"]) == round(extra * 480.0, 2)
    assert opvallend["onrechtmatig_eur"] == 0
    bewijs = rijen(
        con,
        "SELECT productcode FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        opvallend["signaal_id"],
    )
    assert [b["productcode"] for b in bewijs] == [INDIVIDUEEL] * 20
    # The product named by the allocation and declared heavier is already unlawful money in
    # a rule signal (TR340: UPC03 for a heavier product in the perceel, else SPK01).
    upc03 = {s["aanbieder_agb"]: s for s in signalen(con, "UPC03")}
    assert upc03[PRODUCT_ANDERS]["gemarkeerd"]
    assert upc03[PRODUCT_ANDERS]["onrechtmatig_eur"] > 0


def test_upc06_stil_bij_gewone_mix(tmp_path: Path) -> None:
    con = _regio(tmp_path, opvallend_groep=6)
    upc06 = signalen(con, "UPC06")
    assert len(upc06) == 10
    assert not any(s["gemarkeerd"] for s in upc06)

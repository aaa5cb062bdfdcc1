"""stel_samen (#13) on hand-written rows: the CM-gesprek's agenda for one period."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

from pipelines.exports.cm_gesprek import (
    AFSCHERMING,
    jaar_van,
    maanden_van,
    stel_samen,
    zonder_kleine_aantallen,
)

PROFIEL = {
    "naam": "Zorggroep De Kievit",
    "aantal_peers": 4,
    "hoofdperceel": "Begeleiding",
    "percelen": "Begeleiding",
    "hoofdaannemer_agb": None,
    "hoofdaannemer_naam": None,
    "gedeclareerd_eur": Decimal("200000.00"),
    "peer_gedeclareerd_eur": Decimal("150000.00"),
    "aantal_clienten": 40,
    "peer_aantal_clienten": 30,
    "euro_per_client": Decimal("5000.00"),
    "peer_euro_per_client": Decimal("4800.00"),
    "realisatiegraad": 0.9,
    "peer_realisatiegraad": 0.85,
    "groei": 0.1,
    "peer_groei": 0.05,
    "uren": 1000.0,
    "is_afgeschermd": False,
    "clienten_weergave": None,
}
PERIODE_RIJ = {
    "gedeclareerd_eur": Decimal("100000.00"),
    "aantal_clienten": 30,
    "clienten_weergave": None,
    "groei": 0.2,
    "peer_groei": 0.04,
    "realisatiegraad": 0.92,
    "peer_realisatiegraad": 0.88,
    "instroom": None,
    "instroom_weergave": "<5",
    "uitstroom": 6,
    "uitstroom_weergave": None,
    "mediaan_dagen_tot_start": 21.0,
    "peer_mediaan_dagen_tot_start": 14.0,
    "klachten_per_100_clienten": 3.3,
    "peer_klachten_per_100_clienten": 1.0,
    "calamiteiten_per_100_clienten": 0.0,
    "peer_calamiteiten_per_100_clienten": 0.0,
    "clientervaring": 7.4,
    "peer_clientervaring": 7.9,
    "heeft_verantwoording": False,
    "aantal_wachtenden": None,
    "wachtenden_weergave": None,
    "is_afgeschermd": False,
}


def _samen(**frames: pl.DataFrame):  # type: ignore[no-untyped-def]
    leeg = pl.DataFrame()
    return stel_samen(
        aanbieder="11112222",
        jaar=2025,
        profiel=PROFIEL,
        per_maand=frames.get("per_maand", leeg),
        mix=leeg,
        signalen=frames.get("signalen", leeg),
        onderaannemers=frames.get("onderaannemers", leeg),
        gegenereerd_op=datetime(2026, 1, 5, 9, 0),
        gegevens_tot=None,
        periode="2025-H2",
        periode_rij=PERIODE_RIJ,
        productie=frames.get("productie"),
        managementinformatie=frames.get("managementinformatie"),
    )


def test_alleen_gemarkeerde_signalen_met_hun_reden() -> None:
    signalen = pl.DataFrame(
        {
            "indicator": ["SPK01", "VOL01"],
            "indicator_naam": ["Zorg zonder toewijzing", "Groei"],
            "categorie": ["spookzorg", "volume"],
            "gemarkeerd": [True, False],
            "financieel_belang": [Decimal("1200.00"), Decimal("90000.00")],
            "toelichting": ["3 van de 12 cliënten zonder toewijzing; 1 cliënt twee keer", "x"],
        }
    )
    profiel = _samen(signalen=signalen)
    assert [s.indicator for s in profiel.signalen] == ["SPK01"]
    assert profiel.signalen[0].toelichting == (
        "<5 van de 12 cliënten zonder toewijzing; <5 cliënt twee keer"
    )


def test_agenda_productie_en_managementinformatie() -> None:
    productie = pl.DataFrame(
        {
            "indeling": ["gemeente", "gemeente"],
            "omschrijving": ["Hoorn", "Enkhuizen"],
            "gedeclareerd_eur": [Decimal("90000.00"), None],
            "aantal_clienten": [26, None],
            "vorig_jaar_eur": [Decimal("80000.00"), None],
            "groei": [0.125, None],
            "is_afgeschermd": [False, True],
            "clienten_weergave": [None, "<5"],
        }
    )
    management = pl.DataFrame(
        {
            "kenmerk": ["aantal_clienten", "omzet", "personeelsverloop"],
            "waarde_aanbieder": [None, "99000", "12,5"],
            "toelichting": [None, "eigen administratie", None],
            "onze_waarde": [30.0, 100000.0, None],
            "clienten_weergave": ["<5", None, None],
        },
        schema_overrides={"toelichting": pl.String},
    )
    onder = pl.DataFrame(
        {"aanbieder_agb": ["22223333"], "naam": ["Onder BV"], "gedeclareerd_eur": [25000.0]}
    )
    profiel = _samen(productie=productie, managementinformatie=management, onderaannemers=onder)
    agenda = {k.label: k for k in profiel.agenda}
    assert agenda["Instroom (nieuwe cliënten)"].weergave == "<5"
    assert agenda["Uitstroom (vertrokken cliënten)"].waarde == 6
    assert agenda["Dagen van toewijzing tot start (mediaan)"].peers == 14.0
    assert agenda["Klachten per 100 cliënten"].waarde == 3.3
    assert "Wachtenden (laatste peildatum)" not in agenda  # no wachttijden loaded
    assert profiel.verantwoording == "Geen productieverantwoording over 2025 ontvangen."
    assert [(r.omschrijving, r.clienten_weergave) for r in profiel.productie] == [
        ("Hoorn", None),
        ("Enkhuizen", "<5"),
    ]
    assert profiel.afscherming == AFSCHERMING
    mi = {m.kenmerk: m for m in profiel.managementinformatie}
    assert mi["aantal_clienten"].waarde_aanbieder == "<5"
    assert mi["omzet"].onze_waarde == "€ 100.000"
    assert mi["personeelsverloop"].onze_waarde is None
    assert profiel.onderaannemers[0].aandeel_productie == pytest.approx(0.25)
    assert profiel.onderaannemers[0].akkoord == "onbekend"


def test_periodes() -> None:
    assert jaar_van("2025-H2") == 2025 and maanden_van("2025-H2") == (7, 12)
    assert maanden_van("2025") == (1, 12)
    with pytest.raises(ValueError, match="halfjaar"):
        jaar_van("2025-H3")


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("1 cliënt", "<5 cliënt"),
        ("4 van de 4 cliënten", "<5 van de <5 cliënten"),
        ("14 cliënten en 5 cliënten", "14 cliënten en 5 cliënten"),
        ("2 clienten", "<5 clienten"),
        ("3 toewijzingen", "3 toewijzingen"),
    ],
)
def test_zonder_kleine_aantallen(tekst: str, verwacht: str) -> None:
    assert zonder_kleine_aantallen(tekst) == verwacht


def test_maand_van_periode_niet_verplicht() -> None:
    per_maand = pl.DataFrame(
        {
            "maand": [date(2025, 7, 1)],
            "gedeclareerd_eur": [Decimal("10.00")],
            "aantal_clienten": [7],
            "uren": [3.0],
        }
    )
    assert _samen(per_maand=per_maand).per_maand[0].maand == date(2025, 7, 1)

"""Volume VOL01 (int_vol_groei): given these toewijzingen/declaraties, expect these signals.

Every client gets a toewijzing over 2023–2024 and 12 hours (€ 840) per month in the months it
is in care, so a provider's euros are simply 840 × its client-months. Peers are seven providers
with 0% or 20% growth (median 0%); the thresholds are scaled down to the size of the fixture.
"""

from __future__ import annotations

import calendar
from pathlib import Path
from typing import Any

import duckdb

from tests.sql.kleine_regio import bouw, declaratie, signalen, toewijzing

DREMPELS = {
    "min_peers": 3,
    "min_clienten": 1,
    "groei_min_eur": 50_000.0,
    "groei_min_basis_eur": 20_000.0,
}
MAAND_EUR = 840.0
# The region's contract tariff is the declared € 70 per hour: every euro here is rechtmatig, so
# growth is all there is (the shipped tariffs are lower and would make part of it UPC04).
TARIEVEN = [
    {"productcode": "02A16", "geldig_vanaf": "2020-01-01", "geldig_tot": "", "tarief": "70.00"}
]
Maand = tuple[int, int]  # (jaar, maand)
Aanbieder = tuple[str, list[tuple[str, Maand, Maand]]]  # agb, [(client, van, tot), ...]
Rijen = list[dict[str, Any]]


def _client(agb: str, client: str, van: Maand, tot: Maand) -> tuple[Rijen, Rijen]:
    """A client of `agb` in care from month `van` to month `tot` (year, month), inclusive."""
    nummer = f"{agb[-3:]}-{client}"
    laatste_dag = calendar.monthrange(*tot)[1]
    toewijzingen = [
        toewijzing(
            nummer,
            client,
            aanbieder_agb=agb,
            ingangsdatum=f"{van[0]}-{van[1]:02d}-01",
            einddatum=f"{tot[0]}-{tot[1]:02d}-{laatste_dag}",
        )
    ]
    declaraties = []
    jaar, maand = van
    while (jaar, maand) <= tot:
        declaraties.append(
            declaratie(
                f"{nummer}-{jaar}{maand:02d}",
                client,
                nummer,
                jaar=jaar,
                maand=maand,
                aanbieder_agb=agb,
            )
        )
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return toewijzingen, declaraties


def _regio(*aanbieders: Aanbieder) -> tuple[Rijen, Rijen]:
    """Toewijzingen and declaraties for every client of every provider."""
    toewijzingen: Rijen = []
    declaraties: Rijen = []
    for agb, clienten in aanbieders:
        for client, van, tot in clienten:
            t, d = _client(agb, client, van, tot)
            toewijzingen += t
            declaraties += d
    return toewijzingen, declaraties


HEEL: tuple[Maand, Maand] = ((2023, 1), (2024, 12))  # in care both years
ALLEEN_2024: tuple[Maand, Maand] = ((2024, 1), (2024, 12))


def _peers(tot: Maand = (2024, 12)) -> list[Aanbieder]:
    """Seven peers with 5 clients in care until `tot`; two of them gain a sixth client in 2024
    (+20%)."""
    peers = []
    for p in range(7):
        agb = f"4200000{p}"
        clienten = [(f"P{p}C{i}", (2023, 1), tot) for i in range(5)]
        if p in (1, 3):
            clienten.append((f"P{p}C5", (2024, 1), tot))
        peers.append((agb, clienten))
    return peers


def _bouw(
    tmp_path: Path,
    toewijzingen: Rijen,
    declaraties: Rijen,
    drempels: dict[str, Any] | None = None,
    **tabellen: Rijen,
) -> duckdb.DuckDBPyConnection:
    """The region with the fixture's thresholds and its € 70 contract tariff."""
    return bouw(
        tmp_path,
        drempels={**DREMPELS, **(drempels or {})},
        toewijzingen=toewijzingen,
        declaraties=declaraties,
        tarieven=TARIEVEN,
        **tabellen,
    )


def _rij(con, sql: str, agb: str, jaar: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    resultaat = con.execute(sql, [agb, jaar])
    namen = [d[0] for d in resultaat.description]
    return dict(zip(namen, resultaat.fetchone(), strict=True))


def _groei(con, agb: str, jaar: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    sql = "SELECT * FROM intermediate.int_vol_groei WHERE aanbieder_agb = ? AND jaar = ?"
    return _rij(con, sql, agb, jaar)


def _vol01(con, agb: str, jaar: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    sql = "SELECT * FROM indicators.ind_volume_groei WHERE aanbieder_agb = ? AND jaar = ?"
    return _rij(con, sql, agb, jaar)


def test_groeisprong_gemarkeerd_en_zonder_vorig_jaar_geen_signaal(tmp_path: Path) -> None:
    springer = "43000001"
    klein = "43000002"
    nieuw = "43000003"
    toewijzingen, declaraties = _regio(
        *_peers(),
        # 5 clients in 2023, 15 in 2024: +200%, € 100.800 more.
        (
            springer,
            [(f"J{i}", *HEEL) for i in range(5)] + [(f"J{i}", *ALLEEN_2024) for i in range(5, 15)],
        ),
        # A 1-client provider tripling: extreme ratio, small euros.
        (klein, [("K0", *HEEL), ("K1", *ALLEEN_2024), ("K2", *ALLEEN_2024)]),
        # Started in June 2023: 2023 is a build-up year, not a base for growth.
        (
            nieuw,
            [(f"N{i}", (2023, 6), (2024, 12)) for i in range(2)]
            + [(f"N{i}", *ALLEEN_2024) for i in range(2, 14)],
        ),
    )
    con = _bouw(tmp_path, toewijzingen, declaraties)

    rijen = {(s["aanbieder_agb"], s["jaar"]): s for s in signalen(con, "VOL01")}
    signaal = rijen[(springer, 2024)]
    assert signaal["gemarkeerd"] is True
    assert signaal["perceel"] == "Begeleiding"
    # The growth is all new clients: the client flow is the component furthest from the peers.
    vol01 = _vol01(con, springer, 2024)
    assert vol01["onderdeel"] == "clienten"
    assert vol01["groei_gecorrigeerd"] == 2.0  # +200%
    assert signaal["waarde"] == 2.0
    assert signaal["referentiewaarde"] == 0.0  # peer median
    assert "Het verst van de peers ligt de cliëntstroom" in signaal["toelichting"]
    assert signaal["financieel_belang"] == 10 * 12 * MAAND_EUR  # all above the peers' 0%

    groei = _groei(con, springer, 2024)
    assert groei["delta_eur"] == 10 * 12 * MAAND_EUR
    # The decomposition closes: clients + volume per client + price + mix = Δ€.
    delen = ("clienten", "volume_per_client", "prijs", "mix")
    assert abs(sum(groei[f"effect_{d}_eur"] for d in delen) - groei["delta_eur"]) < 0.01
    assert groei["effect_clienten_eur"] == groei["delta_eur"]

    # A tiny provider is not flagged on noise, a year without a prior year gives no signal,
    # and a build-up year is no prior year.
    assert (klein, 2024) not in rijen or rijen[(klein, 2024)]["gemarkeerd"] is False
    assert all(jaar == 2024 for _, jaar in rijen)
    assert _groei(con, nieuw, 2024)["heeft_volledig_vorig_jaar"] is False
    assert (nieuw, 2024) not in rijen
    # Peers growing 20% stay below the euro threshold.
    assert not any(s["gemarkeerd"] for (agb, _), s in rijen.items() if agb != springer)


def test_overname_is_geen_groei(tmp_path: Path) -> None:
    verkoper = "44000001"
    koper = "44000002"
    toewijzingen, declaraties = _regio(
        *_peers(),
        # The seller stops at the end of June 2024; its six clients continue at the buyer.
        (verkoper, [(f"S{i}", (2023, 1), (2024, 6)) for i in range(6)]),
        (
            koper,
            [(f"B{i}", *HEEL) for i in range(5)]
            + [(f"S{i}", (2024, 7), (2024, 12)) for i in range(6)],
        ),
    )
    drempels = {"groei_min_eur": 20_000.0}
    con = _bouw(tmp_path, toewijzingen, declaraties, drempels=drempels)

    groei = _groei(con, koper, 2024)
    # Without the takeover this would be +60% (€ 30.240) against peers at 0%.
    assert groei["delta_eur"] == 6 * 6 * MAAND_EUR
    assert groei["aantal_overname_clienten"] == 6
    assert groei["overname_van"] == verkoper
    assert groei["overname_eur"] == 6 * 6 * MAAND_EUR
    assert groei["delta_gecorrigeerd_eur"] == 0.0
    assert not any(s["gemarkeerd"] for s in signalen(con, "VOL01") if s["aanbieder_agb"] == koper)


def test_groei_in_volume_per_client_valt_op_ook_als_de_totale_groei_van_peers_wijd_uiteenloopt(
    tmp_path: Path,
) -> None:
    """Issue #11: a provider that re-indicates its running clients at 1,5 × the volume grows
    +50%, inside the wide scatter of its peers' total growth (−50% to +100% in clients); the
    component that moved, volume per client, barely varies between peers."""
    peers: list[Aanbieder] = []
    for p, verschil in enumerate((-3, -2, -1, 0, 0, 1, 2, 3, 4, 6)):
        agb = f"4500000{p}"
        clienten = [
            (f"Q{p}C{i}", *(((2023, 1), (2023, 12)) if i < -verschil else HEEL)) for i in range(6)
        ]
        clienten += [(f"Q{p}N{i}", *ALLEEN_2024) for i in range(max(verschil, 0))]
        peers.append((agb, clienten))
    toewijzingen, declaraties = _regio(*peers)

    intensiveerder = "45009001"
    verzoeken: Rijen = []
    for c in range(12):
        client, oud, nieuw = f"I{c}", f"I{c}-2023", f"I{c}-2024"
        toewijzingen.append(
            toewijzing(
                oud,
                client,
                aanbieder_agb=intensiveerder,
                ingangsdatum="2023-01-01",
                einddatum="2023-12-31",
            )
        )
        # Re-indicated at the provider's request (317): 5 instead of 3 hours a week.
        toewijzingen.append(toewijzing(nieuw, client, aanbieder_agb=intensiveerder, volume="5"))
        verzoeken.append(
            {
                "verzoeknummer": f"V{c}",
                "soort": "317",
                "aanbieder_agb": intensiveerder,
                "gemeentecode": "0321",
                "client_id": client,
                "toewijzingnummer": oud,
                "productcategorie": "02",
                "productcode": "02A16",
                "volume": "5",
                "eenheid": "04",
                "frequentie": "2",
                "ingangsdatum": "2024-01-01",
                "einddatum": "2024-12-31",
                "verzoekdatum": "2023-12-01",
                "uitkomst": "toegekend",
            }
        )
        for jaar, nummer, uren in ((2023, oud, 12), (2024, nieuw, 18)):
            for maand in range(1, 13):
                declaraties.append(
                    declaratie(
                        f"{nummer}-{maand:02d}",
                        client,
                        nummer,
                        jaar=jaar,
                        maand=maand,
                        uren=uren,
                        aanbieder_agb=intensiveerder,
                    )
                )

    con = _bouw(tmp_path, toewijzingen, declaraties, verzoeken=verzoeken)
    vol01 = _vol01(con, intensiveerder, 2024)
    assert vol01["groei_gecorrigeerd"] == 0.5
    # On total growth alone it would not stand out: the peers scatter too widely.
    assert abs(vol01["z_per_onderdeel"]["totaal"]) < 3.5
    assert vol01["onderdeel"] == "volume_per_client"
    assert vol01["z_per_onderdeel"]["volume_per_client"] > 3.5
    assert vol01["gemarkeerd"] is True
    assert float(vol01["onderdeel_eur"]) == 12 * 12 * 6 * 70
    assert "Het verst van de peers ligt het volume per cliënt" in vol01["toelichting"]
    # Linked to the 317 requests of December 2023 that asked for it.
    assert "In 2023–2024 vroeg de aanbieder 12 keer om meer volume" in vol01["toelichting"]
    assert "waarvan 12 toegekend" in vol01["toelichting"]
    # No peer is flagged: their growth is all client flow, spread wide.
    assert not any(
        s["gemarkeerd"] for s in signalen(con, "VOL01") if s["aanbieder_agb"] != intensiveerder
    )
    # The evidence: the continuing clients' lines with more volume than last year.
    [signaal] = [s for s in signalen(con, "VOL01") if s["aanbieder_agb"] == intensiveerder]
    bewijs = con.execute(
        "SELECT toelichting FROM marts.mart_signaal_bewijsregels WHERE signaal_id = ?",
        [signaal["signaal_id"]],
    ).fetchall()
    assert len(bewijs) == 12 * 12
    assert all("1,5 keer het volume van vorig jaar" in t for (t,) in bewijs), bewijs[0]


def test_overname_in_juli_is_ook_het_jaar_erna_geen_groei(tmp_path: Path) -> None:
    """A takeover in July 2024 counts six months in 2024 and twelve in 2025: that second half
    year is the takeover too, not growth in clients or in volume per client."""
    verkoper = "44000011"
    koper = "44000012"
    tot_2025: tuple[Maand, Maand] = ((2023, 1), (2025, 12))
    peers = _peers(tot=(2025, 12))
    toewijzingen, declaraties = _regio(
        *peers,
        (verkoper, [(f"S{i}", (2023, 1), (2024, 6)) for i in range(6)]),
        (
            koper,
            [(f"B{i}", *tot_2025) for i in range(5)]
            + [(f"S{i}", (2024, 7), (2025, 12)) for i in range(6)],
        ),
    )
    drempels = {"groei_min_eur": 20_000.0}
    con = _bouw(tmp_path, toewijzingen, declaraties, drempels=drempels)
    groei = _groei(con, koper, 2025)
    assert groei["overname_eur"] == 6 * 6 * MAAND_EUR  # the second half year of the six
    assert groei["delta_gecorrigeerd_eur"] == 0.0
    assert not any(s["gemarkeerd"] for s in signalen(con, "VOL01") if s["aanbieder_agb"] == koper)
    # Neither component moved: no client flow and no more volume per client-month of its own.
    rij = con.execute(
        "SELECT z_per_onderdeel FROM intermediate.int_waarneming_volume_groei "
        "WHERE aanbieder_agb = ? AND jaar = 2025",
        [koper],
    ).fetchone()
    assert rij is not None
    assert all(abs(z) < 1 for z in rij[0].values()), rij[0]


def test_een_aanbieder_die_vorig_jaar_nog_nieuw_was_laat_vol01_aan_vol02(tmp_path: Path) -> None:
    """Contracted in April 2023, a provider grows from 2024 to 2025 as young providers do: that
    is build-up, judged by VOL02 against other new providers, not by VOL01 against established
    ones. The same growth at a provider that was there from the start of the data is VOL01's."""
    jong = "43000011"
    gevestigd = "43000012"
    peers = _peers(tot=(2025, 12))

    def groeier(agb: str, letter: str, begin: Maand) -> Aanbieder:
        return (
            agb,
            [(f"{letter}V{i}", begin, (2025, 12)) for i in range(5)]
            + [(f"{letter}N{i}", (2025, 1), (2025, 12)) for i in range(10)],
        )

    toewijzingen, declaraties = _regio(
        *peers, groeier(jong, "Y", (2023, 4)), groeier(gevestigd, "G", (2023, 1))
    )
    aanbieders = [
        {"aanbieder_agb": jong, "naam": "Jong", "contract_vanaf": "2023-04-01"},
        {"aanbieder_agb": gevestigd, "naam": "Gevestigd", "contract_vanaf": "2020-01-01"},
    ]
    con = _bouw(tmp_path, toewijzingen, declaraties, aanbieders=aanbieders)
    vol01 = {(s["aanbieder_agb"], s["jaar"]): s for s in signalen(con, "VOL01")}
    assert vol01[(gevestigd, 2025)]["gemarkeerd"] is True
    assert (jong, 2025) not in vol01
    # Its previous year was a full year of declarations: only its youth keeps it out.
    assert _groei(con, jong, 2025)["heeft_volledig_vorig_jaar"] is True


def _jaar_zorg(
    agb: str, client: str, jaar: int, toewijzing_velden: dict[str, Any], **declaratie_velden: Any
) -> tuple[Rijen, Rijen]:
    """One toewijzing of `client` at `agb` for the whole of `jaar` and a declaration for each
    of its twelve months (12 hours at € 70 unless `declaratie_velden` say otherwise)."""
    nummer = f"{client}-{jaar}"
    toewijzingen = [
        toewijzing(
            nummer,
            client,
            aanbieder_agb=agb,
            ingangsdatum=f"{jaar}-01-01",
            einddatum=f"{jaar}-12-31",
            **toewijzing_velden,
        )
    ]
    declaraties = [
        declaratie(
            f"{nummer}-{maand:02d}",
            client,
            nummer,
            jaar=jaar,
            maand=maand,
            aanbieder_agb=agb,
            **declaratie_velden,
        )
        for maand in range(1, 13)
    ]
    return toewijzingen, declaraties


def test_een_overstap_naar_een_andere_eenheid_is_geen_groei_in_volume_of_prijs(
    tmp_path: Path,
) -> None:
    """Units of different dimensions never add up: a provider that declared 24 sessions a month
    (stuks inspanning, € 35) in 2023 and 12 hours (€ 70) in 2024, the same € 840, did not grow
    its volume per client 30-fold (24 stuks → 720 minutes) nor cut its price per unit: the
    switch is mix, and the decomposition still closes."""
    wisselaar = "46000001"
    toewijzingen, declaraties = _regio(*_peers())
    for c in range(6):
        for t, d in (
            _jaar_zorg(
                wisselaar,
                f"W{c}",
                2023,
                {"volume": "6", "eenheid": "84"},
                uren=24,
                tarief=35.0,
                eenheid="84",
            ),
            _jaar_zorg(wisselaar, f"W{c}", 2024, {}),
        ):
            toewijzingen += t
            declaraties += d
    con = _bouw(tmp_path, toewijzingen, declaraties)

    groei = _groei(con, wisselaar, 2024)
    assert groei["delta_eur"] == 0
    assert groei["effect_clienten_eur"] == 0
    # Before units were kept apart the old SQL gave volume per client + € 1.753.920.
    assert groei["effect_volume_per_client_eur"] == 0
    assert groei["effect_prijs_eur"] == 0
    assert groei["effect_mix_eur"] == 0
    assert not any(
        s["gemarkeerd"] for s in signalen(con, "VOL01") if s["aanbieder_agb"] == wisselaar
    )


def test_geschat_belang_van_een_onderdeel_is_nooit_meer_dan_de_eigen_groei(
    tmp_path: Path,
) -> None:
    """More hours per client (+50%) while the clients halve: the volume-per-client component
    moves + € 20.160, but the provider's own growth is − € 20.160; the gemeente paid nothing
    more, so the estimate is € 0 and there is no growth flag."""
    verdubbelaar = "46000002"
    toewijzingen, declaraties = _regio(*_peers())
    for c in range(8):
        jaren = [_jaar_zorg(verdubbelaar, f"V{c}", 2023, {})]
        if c < 4:  # half the clients stay, at 18 instead of 12 hours
            jaren.append(_jaar_zorg(verdubbelaar, f"V{c}", 2024, {"volume": "5"}, uren=18))
        for t, d in jaren:
            toewijzingen += t
            declaraties += d
    con = _bouw(tmp_path, toewijzingen, declaraties, drempels={"groei_min_eur": 10_000.0})

    groei = _groei(con, verdubbelaar, 2024)
    assert groei["delta_eur"] == 4 * 12 * 18 * 70 - 8 * 12 * 12 * 70  # − € 20.160
    assert groei["effect_volume_per_client_eur"] == 4 * 12 * 6 * 70  # + € 20.160
    rijen = con.execute(
        "SELECT onderdeel, financieel_belang FROM intermediate.int_waarneming_volume_groei "
        "WHERE aanbieder_agb = ? AND jaar = 2024",
        [verdubbelaar],
    ).fetchall()
    assert rijen and all(belang == 0 for _, belang in rijen)
    assert not any(
        s["gemarkeerd"] for s in signalen(con, "VOL01") if s["aanbieder_agb"] == verdubbelaar
    )

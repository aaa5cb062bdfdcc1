"""PRF01 'Afwijkend profiel': an IsolationForest over provider profiles, compared with peers.

The model looks at the whole profile at once (euros per client, realisation, share at the
allocated volume, heavy share, credits, growth, irregular share) and finds providers that
differ from their peers in a way no single rule catches. It never flags on its own
(gemarkeerd = false): it is a lead for the toezichthouder, shown with the features that drive
it, and adds at most a quarter point to the risk score (mart_aanbieder_risico counts only a
provider's strongest PRF01 signal of a year).

Peers, not the whole region. Euros per client differ by perceel by design (a beschermd-wonen
place costs several times an hour of begeleiding), so comparing everyone at once flags the
perceel, not the risk. Therefore:
- A profile is per aanbieder × perceel × jaar, not per aanbieder: a provider that delivers
  both begeleiding and beschermd wonen is compared with begeleiding providers on its
  begeleiding and with beschermd-wonen providers on its beschermd wonen, which is how a
  toezichthouder reads a provider and what the other peer indicators do (VOL01, UPC01, KWA01
  compare per perceel). Its signal carries the perceel in `perceel` and `reikwijdte`.
- The peer group is the perceel in that year, among profiles with at least MIN_CLIENTEN
  clients. Each feature is normalised within its peer group before the forest: the distance to
  the group's median in units of its robust spread (1,4826 × MAD; if that is 0, IQR / 1,349;
  if that is 0 too, the standard deviation). The forest then sees "how far from the peers",
  never the level of the perceel itself.
- A perceel with fewer than `min_peers` profiles that year (drempels.toml, the same minimum
  the other peer indicators use) is not scored: the only larger group is the whole region, and
  comparing a small perceel with the region is exactly the mistake this model avoids. The
  reason is kept per perceel and year in indicators.ind_afwijkend_profiel_peergroepen.
- One forest over all normalised profiles of all years (more trees see more shapes); the most
  deviating tenth gets a signal. The explanation names the three features furthest from the
  peers, each relative to the peer median, and the group: "ten opzichte van de 14 aanbieders in
  Begeleiding (2024); het meest afwijkend: euro's per cliënt € 52.013, 2,4× hun mediaan
  (€ 21.672); ...".

Reproducible: fixed random_state (seed from drempels.toml), fixed feature order, rows sorted
by jaar, perceel and aanbieder before normalising and fitting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import polars as pl

from pipelines.opmaak import euro, getal, procent

KENMERKEN: dict[str, tuple[str, str]] = {
    # naam: (Nederlandse omschrijving, categorie waar een afwijking op wijst)
    "euro_per_client": ("euro's per cliënt", "volume"),
    "realisatiegraad": ("realisatiegraad (geleverd / toegewezen)", "kwaliteit"),
    "aandeel_op_plafond": ("aandeel maanden precies op het toegewezen volume", "spookzorg"),
    "aandeel_zwaarste": ("aandeel cliënten in de zwaarste intensiteit", "upcoding"),
    "creditratio": ("gecrediteerd / gedeclareerd", "spookzorg"),
    "aandeel_onrechtmatig": ("aandeel onrechtmatige euro's", "spookzorg"),
    "groei": ("groei van de omzet t.o.v. vorig jaar", "volume"),
}

KENMERKEN_SQL = """
with regels as (
    -- Rejected by the gemeente (WMO325): never paid, not part of the profile.
    select * from intermediate.int_declaratieregels_status
    where status <> 'afgewezen_door_gemeente'
),
zwaarste as (
    select perceel, max(intensiteit) as max_intensiteit
    from regels group by perceel
),
per_profiel as (
    select
        r.aanbieder_agb,
        r.perceel,
        r.jaar,
        sum(r.bedrag_eur) / count(distinct r.client_id) as euro_per_client,
        median(r.realisatiegraad) as realisatiegraad,
        avg(case when r.realisatiegraad is not null
            then (abs(r.realisatiegraad - 1) <= 0.005)::int end) as aandeel_op_plafond,
        count(distinct r.client_id) filter (where r.intensiteit = z.max_intensiteit
            and z.max_intensiteit > 1)
            / count(distinct r.client_id) as aandeel_zwaarste,
        sum(r.onrechtmatig_eur) / nullif(sum(r.bedrag_eur), 0) as aandeel_onrechtmatig,
        sum(r.bedrag_eur) as omzet,
        count(distinct r.client_id) as aantal_clienten
    from regels as r
    left join zwaarste as z on z.perceel = r.perceel
    group by r.aanbieder_agb, r.perceel, r.jaar
),
-- Credits per perceel: a credit line is not in int_declaratieregels_status (only standing
-- lines are), so its perceel comes from the product catalogue, as for the standing lines.
credits as (
    select
        g.aanbieder_agb,
        coalesce(p.perceel, 'Categorie ' || g.productcategorie) as perceel,
        g.jaar,
        sum(g.ingediend_bedrag_eur) filter (where g.rol = 'gecrediteerd')
            / nullif(sum(g.ingediend_bedrag_eur) filter (where g.debet_credit = 'D'), 0)
            as creditratio
    from intermediate.int_declaraties_gesaldeerd as g
    left join stg.stg_producten as p on p.productcode = g.productcode
    group by all
)
select
    p.aanbieder_agb,
    p.perceel,
    p.jaar,
    p.aantal_clienten,
    p.euro_per_client,
    coalesce(p.realisatiegraad, 1.0) as realisatiegraad,
    coalesce(p.aandeel_op_plafond, 0.0) as aandeel_op_plafond,
    coalesce(p.aandeel_zwaarste, 0.0) as aandeel_zwaarste,
    coalesce(c.creditratio, 0.0) as creditratio,
    coalesce(p.aandeel_onrechtmatig, 0.0) as aandeel_onrechtmatig,
    coalesce(p.omzet / nullif(v.omzet, 0) - 1, 0.0) as groei
from per_profiel as p
left join credits as c
    on c.aanbieder_agb = p.aanbieder_agb and c.perceel = p.perceel and c.jaar = p.jaar
left join per_profiel as v
    on v.aanbieder_agb = p.aanbieder_agb and v.perceel = p.perceel and v.jaar = p.jaar - 1
order by p.jaar, p.perceel, p.aanbieder_agb
"""

KOP = {
    "code": "PRF01",
    "naam": "Afwijkend profiel (IsolationForest)",
    "categorie": "volgt uit het kenmerk dat het meest afwijkt",
    "definitie": (
        "Een IsolationForest (scikit-learn, vaste seed) over het profiel van elke aanbieder per "
        "perceel en jaar: euro's per cliënt, realisatiegraad, aandeel maanden precies op het "
        "toegewezen volume, aandeel zwaarste intensiteit, creditratio, aandeel onrechtmatige "
        "euro's en groei. Elk kenmerk wordt eerst vergeleken met de aanbieders in hetzelfde "
        "perceel (afstand tot hun mediaan, in eenheden van hun spreiding), zodat een perceel dat "
        "nu eenmaal duurder is (beschermd wonen) niet als afwijkend telt. Een perceel met minder "
        "aanbieders dan het minimum voor een peergroep wordt niet beoordeeld. Het tiende deel met "
        "de meest afwijkende profielen krijgt een signaal, met de kenmerken die het verst van de "
        "peers liggen, elk als veelvoud van de mediaan van die peers."
    ),
    "waarom": (
        "Een combinatie van op zichzelf onschuldige afwijkingen kan op een risico wijzen dat "
        "geen enkele regel vangt; het model wijst waar een toezichthouder als eerste kijkt."
    ),
    "drempels": (
        "nooit gemarkeerd (verkennend); telt met hooguit 0,25 punt mee in de score; peergroep "
        "vanaf min_peers aanbieders met minstens 5 cliënten in het perceel"
    ),
    "bron": "Liu, Ting & Zhou (2008), Isolation Forest; scikit-learn IsolationForest",
    # The anomaly score of the forest and its distance to the cut-off: numbers without a unit.
    "eenheid": "getal",
    "eenheid_afwijking": "getal",
    # An estimate if anything (never flagged on its own), in the lane of statistical risk.
    "soort_belang": "schatting",
    "baan": "risico",
    "grain": "één rij per aanbieder × perceel × jaar in het meest afwijkende tiende deel",
    "sleutel": "aanbieder_agb, jaar, reikwijdte (het perceel)",
}
MIN_CLIENTEN = 5
AANDEEL_MET_SIGNAAL = 0.10
# The forest needs enough profiles to learn what normal looks like; below this nothing is scored.
MIN_PROFIELEN = 20
# Below this spread two peers are "equal": a smaller scale would turn rounding noise into z.
MINIMALE_SCHAAL = 1e-9
# Features whose explanation is a multiple of the peer median; growth can be negative or zero,
# so it is shown next to the median instead.
ALS_VEELVOUD = frozenset(KENMERKEN) - {"groei"}


@dataclass(frozen=True)
class Peergroep:
    """One perceel in one year: how many profiles, and whether they are compared (and why not)."""

    jaar: int
    perceel: str
    aantal_aanbieders: int
    is_beoordeeld: bool
    reden: str


def robuuste_schaal(waarden: np.ndarray) -> np.ndarray:
    """Per column: 1,4826 × MAD, or IQR / 1,349 where the MAD is 0, or the standard deviation
    where both are 0; at least MINIMALE_SCHAAL. All three estimate one standard deviation on
    normal data, so features stay comparable whichever one a column needed."""
    mediaan = np.median(waarden, axis=0)
    mad = np.median(np.abs(waarden - mediaan), axis=0) * 1.4826
    kwartielen = np.percentile(waarden, [25, 75], axis=0)
    iqr = (kwartielen[1] - kwartielen[0]) / 1.349
    schaal = np.where(mad > MINIMALE_SCHAAL, mad, iqr)
    schaal = np.where(schaal > MINIMALE_SCHAAL, schaal, np.std(waarden, axis=0))
    return np.asarray(np.maximum(schaal, MINIMALE_SCHAAL), dtype=float)


def peergroepen(profielen: pl.DataFrame, min_peers: int) -> list[Peergroep]:
    """Per jaar × perceel (sorted): the number of profiles and whether it is a peer group."""
    groepen = []
    tellingen = profielen.group_by("jaar", "perceel").len().sort("jaar", "perceel")
    for jaar, perceel, aantal in tellingen.iter_rows():
        beoordeeld = aantal >= min_peers
        reden = (
            f"vergeleken met {aantal} aanbieders in {perceel}"
            if beoordeeld
            else f"niet beoordeeld: {aantal} {'aanbieder' if aantal == 1 else 'aanbieders'} "
            f"met minstens {MIN_CLIENTEN} cliënten in {perceel}, minder dan de {min_peers} "
            "van een peergroep; vergelijken met de hele regio zou het perceel aanwijzen in "
            "plaats van het risico"
        )
        groepen.append(Peergroep(int(jaar), str(perceel), int(aantal), beoordeeld, reden))
    return groepen


def _waarde_tekst(kenmerk: str, waarde: float) -> str:
    if kenmerk == "euro_per_client":
        return euro(waarde)
    if kenmerk == "groei":
        return procent(waarde, teken=True)
    return procent(waarde)


def kenmerk_tegen_peers(kenmerk: str, waarde: float, mediaan: float) -> str:
    """One feature relative to the peer median: 'euro's per cliënt € 52.013, 2,4× hun mediaan
    (€ 21.672)', or, where a multiple means nothing (growth, a value or median of 0), 'tegen hun
    mediaan van ...'."""
    omschrijving = KENMERKEN[kenmerk][0]
    eigen = _waarde_tekst(kenmerk, waarde)
    peers = _waarde_tekst(kenmerk, mediaan)
    if kenmerk in ALS_VEELVOUD and mediaan > 0 and waarde > 0:
        return f"{omschrijving} {eigen}, {getal(waarde / mediaan, 1)}× hun mediaan ({peers})"
    return f"{omschrijving} {eigen} tegen hun mediaan van {peers}"


def normaliseer_per_peergroep(
    profielen: pl.DataFrame, groepen: list[Peergroep], min_peers: int
) -> tuple[pl.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """The profiles of the peer groups that are compared, their features (x), the features as
    distance to the group median in units of the group's robust spread (z), and per profile
    the median of its group (for the explanation). Rows keep the order of `profielen`.

    Euros per client are compared as a ratio (on the log scale): 20% above the median is the
    same deviation in beschermd wonen as in begeleiding. The spread of a small group, estimated
    from a handful of providers, is unreliable and often too small, which would make its
    ordinary members look extreme; so each group's spread is shrunk toward the spread of all
    groups together, with the weight of `min_peers` providers (as the other peer indicators
    shrink a small provider toward its peers)."""
    kolommen = list(KENMERKEN)
    beoordeeld = pl.DataFrame(
        {
            "jaar": [g.jaar for g in groepen if g.is_beoordeeld],
            "perceel": [g.perceel for g in groepen if g.is_beoordeeld],
        },
        schema={"jaar": profielen.schema["jaar"], "perceel": pl.String},
    )
    gekozen = profielen.join(beoordeeld, on=["jaar", "perceel"], how="semi", maintain_order="left")
    x = gekozen.select(kolommen).to_numpy().astype(float)
    if not len(x):
        return gekozen, x, x.copy(), x.copy()
    schaalvrij = x.copy()
    euro = kolommen.index("euro_per_client")
    schaalvrij[:, euro] = np.log(np.maximum(x[:, euro], 1.0))
    sleutels = list(zip(gekozen["jaar"].to_list(), gekozen["perceel"].to_list(), strict=True))
    groep_van = [np.array([s == sleutel for s in sleutels]) for sleutel in dict.fromkeys(sleutels)]
    gecentreerd = np.zeros_like(x)
    mediaan_van_groep = np.zeros_like(x)
    for in_groep in groep_van:
        gecentreerd[in_groep] = schaalvrij[in_groep] - np.median(schaalvrij[in_groep], axis=0)
        mediaan_van_groep[in_groep] = np.median(x[in_groep], axis=0)
    schaal_alle_groepen = robuuste_schaal(gecentreerd)
    z = np.zeros_like(x)
    for in_groep in groep_van:
        n = int(in_groep.sum())
        schaal = (n * robuuste_schaal(gecentreerd[in_groep]) + min_peers * schaal_alle_groepen) / (
            n + min_peers
        )
        z[in_groep] = gecentreerd[in_groep] / schaal
    return gekozen, x, z, mediaan_van_groep


def profielsignalen(
    profielen: pl.DataFrame, min_peers: int, bomen: int, seed: int
) -> tuple[list[list[Any]], list[Peergroep]]:
    """The PRF01 rows (columns of ind_afwijkend_profiel before its final shape) and the peer
    groups, from the profile features (KENMERKEN_SQL). Pure: no database."""
    profielen = profielen.filter(pl.col("aantal_clienten") >= MIN_CLIENTEN).sort(
        "jaar", "perceel", "aanbieder_agb"
    )
    groepen = peergroepen(profielen, min_peers)
    gekozen, x, z, mediaan_van_groep = normaliseer_per_peergroep(profielen, groepen, min_peers)
    if gekozen.height < MIN_PROFIELEN:
        return [], groepen
    omvang = {(g.jaar, g.perceel): g.aantal_aanbieders for g in groepen}
    kolommen = list(KENMERKEN)
    # Imported here: scikit-learn takes ~1,5 s to import, which a `run --select` without this
    # model (and every other command) should not pay.
    from sklearn.ensemble import IsolationForest

    model = IsolationForest(n_estimators=bomen, random_state=seed)
    model.fit(z)
    afwijking = -model.score_samples(z)
    mediaan_afwijking = float(np.median(afwijking))
    rang = afwijking.argsort(kind="stable").argsort(kind="stable") / max(len(afwijking) - 1, 1)
    grens = 1 - AANDEEL_MET_SIGNAAL
    rijen: list[list[Any]] = []
    for i, rij in enumerate(gekozen.iter_rows(named=True)):
        if rang[i] < grens:
            continue
        aantal_peers = omvang[(int(rij["jaar"]), str(rij["perceel"]))]
        groep_tekst = f"{aantal_peers} aanbieders in {rij['perceel']}"
        volgorde = np.argsort(-np.abs(z[i]), kind="stable")[:3]
        uitleg = "; ".join(
            kenmerk_tegen_peers(kolommen[j], float(x[i, j]), float(mediaan_van_groep[i, j]))
            for j in volgorde
        )
        sterkte = float(min(1.0, max(0.0, (rang[i] - grens) / AANDEEL_MET_SIGNAAL)))
        rijen.append(
            [
                KENMERKEN[kolommen[volgorde[0]]][1],
                rij["aanbieder_agb"],
                int(rij["jaar"]),
                rij["perceel"],
                rij["perceel"],
                float(afwijking[i]),
                mediaan_afwijking,
                float(afwijking[i]) - mediaan_afwijking,
                int(rij["aantal_clienten"]),
                sterkte,
                f"{groep_tekst} met minstens {MIN_CLIENTEN} cliënten in {rij['jaar']}",
                f"Afwijkend profiel ten opzichte van de {groep_tekst} ({rij['jaar']}); het meest "
                f"afwijkend: {uitleg}.",
            ]
        )
    return rijen, groepen


def bereken_profielsignalen(con: duckdb.DuckDBPyConnection, drempels: dict[str, Any]) -> None:
    rijen, groepen = profielsignalen(
        con.sql(KENMERKEN_SQL).pl(),
        min_peers=int(drempels.get("min_peers", 8)),
        bomen=int(drempels.get("isolation_forest_bomen", 200)),
        seed=int(drempels.get("seed", 0)),
    )
    con.execute(
        """
        CREATE OR REPLACE TABLE indicators.ind_afwijkend_profiel (
            categorie VARCHAR, aanbieder_agb VARCHAR, jaar INTEGER, perceel VARCHAR,
            reikwijdte VARCHAR, waarde DOUBLE, referentiewaarde DOUBLE, afwijking DOUBLE,
            aantal_clienten INTEGER, sterkte DOUBLE, peergroep VARCHAR, toelichting VARCHAR
        )
        """
    )
    if rijen:
        con.executemany(
            "INSERT INTO indicators.ind_afwijkend_profiel "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rijen,
        )
    # The shape every indicator has (sql/README.md); mart_signalen adds signaal_id and indicator
    # from KOP. The categorie differs per signal, so the model supplies it (KOP says so).
    con.execute(
        """
        CREATE OR REPLACE TABLE indicators.ind_afwijkend_profiel AS
        SELECT
            categorie, aanbieder_agb, jaar, perceel, waarde, referentiewaarde, afwijking,
            0.0 AS financieel_belang, aantal_clienten, false AS gemarkeerd, sterkte, peergroep,
            toelichting, reikwijdte
        FROM indicators.ind_afwijkend_profiel
        """
    )
    # Which percelen were compared and which not, with the reason: a provider without a PRF01
    # signal was either normal among its peers or not scored, and the user can see which.
    con.execute(
        """
        CREATE OR REPLACE TABLE indicators.ind_afwijkend_profiel_peergroepen (
            jaar INTEGER, perceel VARCHAR, aantal_aanbieders INTEGER, is_beoordeeld BOOLEAN,
            reden VARCHAR
        )
        """
    )
    if groepen:
        con.executemany(
            "INSERT INTO indicators.ind_afwijkend_profiel_peergroepen VALUES (?, ?, ?, ?, ?)",
            [[g.jaar, g.perceel, g.aantal_aanbieders, g.is_beoordeeld, g.reden] for g in groepen],
        )

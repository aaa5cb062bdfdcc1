"""PRF01 'Afwijkend profiel': an IsolationForest over provider-year features, explained.

The model looks at the whole profile at once (euros per client, realisation, share at the
allocated volume, heavy share, credits, growth, irregular share) and finds providers that
differ from everyone else in a way no single rule catches. It never flags on its own
(gemarkeerd = false): it is a lead for the toezichthouder, shown with the features that drive
it, and adds at most a quarter point to the risk score. Reproducible: fixed random_state (seed
from drempels.toml), fixed feature order, rows sorted before fitting.
"""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
from sklearn.ensemble import IsolationForest

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
per_aanbieder as (
    select
        r.aanbieder_agb,
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
    group by r.aanbieder_agb, r.jaar
),
credits as (
    select aanbieder_agb, jaar,
        sum(ingediend_bedrag_eur) filter (where rol = 'gecrediteerd')
            / nullif(sum(ingediend_bedrag_eur) filter (where debet_credit = 'D'), 0) as creditratio
    from intermediate.int_declaraties_gesaldeerd
    group by aanbieder_agb, jaar
)
select
    p.aanbieder_agb,
    p.jaar,
    p.aantal_clienten,
    p.euro_per_client,
    coalesce(p.realisatiegraad, 1.0) as realisatiegraad,
    coalesce(p.aandeel_op_plafond, 0.0) as aandeel_op_plafond,
    coalesce(p.aandeel_zwaarste, 0.0) as aandeel_zwaarste,
    coalesce(c.creditratio, 0.0) as creditratio,
    coalesce(p.aandeel_onrechtmatig, 0.0) as aandeel_onrechtmatig,
    coalesce(p.omzet / nullif(v.omzet, 0) - 1, 0.0) as groei
from per_aanbieder as p
left join credits as c on c.aanbieder_agb = p.aanbieder_agb and c.jaar = p.jaar
left join per_aanbieder as v on v.aanbieder_agb = p.aanbieder_agb and v.jaar = p.jaar - 1
order by p.jaar, p.aanbieder_agb
"""

KOP = {
    "code": "PRF01",
    "naam": "Afwijkend profiel (IsolationForest)",
    "categorie": "volgt uit het kenmerk dat het meest afwijkt",
    "definitie": (
        "Een IsolationForest (scikit-learn, vaste seed) over het profiel van elke aanbieder per "
        "jaar: euro's per cliënt, realisatiegraad, aandeel maanden precies op het toegewezen "
        "volume, aandeel zwaarste intensiteit, creditratio, aandeel onrechtmatige euro's en "
        "groei. Het tiende deel met de meest afwijkende profielen krijgt een signaal, met de "
        "kenmerken die het verst van de mediaan liggen."
    ),
    "waarom": (
        "Een combinatie van op zichzelf onschuldige afwijkingen kan op een risico wijzen dat "
        "geen enkele regel vangt; het model wijst waar een toezichthouder als eerste kijkt."
    ),
    "drempels": "nooit gemarkeerd (verkennend); telt met hooguit 0,25 punt mee in de score",
    "bron": "Liu, Ting & Zhou (2008), Isolation Forest; scikit-learn IsolationForest",
    # The anomaly score of the forest and its distance to the cut-off: numbers without a unit.
    "eenheid": "getal",
    "eenheid_afwijking": "getal",
    # An estimate if anything (never flagged on its own), in the lane of statistical risk.
    "soort_belang": "schatting",
    "baan": "risico",
    "grain": "één rij per aanbieder × jaar in het meest afwijkende tiende deel",
    "sleutel": "aanbieder_agb, jaar",
}
MIN_CLIENTEN = 5
AANDEEL_MET_SIGNAAL = 0.10


def _getal(waarde: float) -> str:
    """Dutch notation: 1.234,56."""
    return f"{waarde:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def bereken_profielsignalen(con: duckdb.DuckDBPyConnection, drempels: dict[str, Any]) -> None:
    df = con.sql(KENMERKEN_SQL).pl()
    df = df.filter(df["aantal_clienten"] >= MIN_CLIENTEN)
    kolommen = list(KENMERKEN)
    rijen: list[list[Any]] = []
    if df.height >= 20:
        x = df.select(kolommen).to_numpy().astype(float)
        mediaan = np.median(x, axis=0)
        mad = np.median(np.abs(x - mediaan), axis=0) * 1.4826
        schaal = np.where(mad > 1e-9, mad, np.maximum(np.std(x, axis=0), 1e-9))
        z = (x - mediaan) / schaal
        model = IsolationForest(
            n_estimators=int(drempels.get("isolation_forest_bomen", 200)),
            random_state=int(drempels.get("seed", 0)),
        )
        model.fit(z)
        afwijking = -model.score_samples(z)
        rang = afwijking.argsort().argsort() / max(len(afwijking) - 1, 1)
        grens = 1 - AANDEEL_MET_SIGNAAL
        for i, rij in enumerate(df.iter_rows(named=True)):
            if rang[i] < grens:
                continue
            volgorde = np.argsort(-np.abs(z[i]))[:3]
            uitleg = ", ".join(
                f"{KENMERKEN[kolommen[j]][0]} {_getal(x[i, j])} (peers {_getal(mediaan[j])})"
                for j in volgorde
            )
            categorie = KENMERKEN[kolommen[volgorde[0]]][1]
            sterkte = float(min(1.0, max(0.0, (rang[i] - grens) / AANDEEL_MET_SIGNAAL)))
            rijen.append(
                [
                    categorie,
                    rij["aanbieder_agb"],
                    int(rij["jaar"]),
                    float(afwijking[i]),
                    float(np.median(afwijking)),
                    float(afwijking[i] - np.median(afwijking)),
                    int(rij["aantal_clienten"]),
                    sterkte,
                    f"alle {len(afwijking)} aanbieder-jaren met minstens {MIN_CLIENTEN} cliënten",
                    "Afwijkend profiel ten opzichte van alle aanbieders; het meest afwijkend: "
                    + uitleg
                    + ".",
                ]
            )
    con.execute(
        """
        CREATE OR REPLACE TABLE indicators.ind_afwijkend_profiel (
            categorie VARCHAR, aanbieder_agb VARCHAR, jaar INTEGER,
            waarde DOUBLE, referentiewaarde DOUBLE, afwijking DOUBLE, aantal_clienten INTEGER,
            sterkte DOUBLE, peergroep VARCHAR, toelichting VARCHAR
        )
        """
    )
    if rijen:
        con.executemany(
            "INSERT INTO indicators.ind_afwijkend_profiel VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rijen,
        )
    # The shape every indicator has (sql/README.md); mart_signalen adds signaal_id and indicator
    # from KOP. The categorie differs per signal, so the model supplies it (KOP says so).
    con.execute(
        """
        CREATE OR REPLACE TABLE indicators.ind_afwijkend_profiel AS
        SELECT
            categorie, aanbieder_agb, jaar, waarde, referentiewaarde, afwijking,
            0.0 AS financieel_belang, aantal_clienten, false AS gemarkeerd, sterkte, peergroep,
            toelichting
        FROM indicators.ind_afwijkend_profiel
        """
    )

"""Queries for Volumetrends (app_pages/controller_trends.py): euros, clients and hours over time.

The forecast on that page is a pure function of these figures (dashboard/prognose.py).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from dashboard.queries.verbinding import gecachet, lees


@gecachet
def omvang(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> dict[str, Any]:
    """Euros, unique clients and providers in the filter for the year and the year before."""
    df = lees(
        rol,
        ("clienten_telling",),
        """
        select jaar, gedeclareerd_eur, aantal_clienten, aantal_aanbieders
        from clienten_telling
        where jaar in ($jaar, $jaar - 1) and maand is null
            and gemeentecode is not distinct from $gemeente
            and perceel is not distinct from $perceel
        """,
        {"jaar": jaar, "gemeente": gemeente, "perceel": perceel},
    )
    huidig = df.filter(pl.col("jaar") == jaar)
    vorig = df.filter(pl.col("jaar") == jaar - 1)
    return {
        "gedeclareerd_eur": float(huidig["gedeclareerd_eur"][0]) if huidig.height else 0.0,
        "aantal_clienten": int(huidig["aantal_clienten"][0]) if huidig.height else 0,
        "aantal_aanbieders": int(huidig["aantal_aanbieders"][0]) if huidig.height else 0,
        "vorig_jaar_eur": float(vorig["gedeclareerd_eur"][0]) if vorig.height else None,
        "clienten_vorig_jaar": int(vorig["aantal_clienten"][0]) if vorig.height else None,
    }


@gecachet
def trend_per_maand(
    rol: str, dataversie: str, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    return lees(
        rol,
        ("trends", "clienten_telling"),
        """
        with t as (
            select maand, any_value(jaar) as jaar, sum(gedeclareerd_eur) as gedeclareerd_eur,
                sum(uren) as uren, sum(aantal_regels) as aantal_regels
            from trends
            where ($gemeente is null or gemeentecode = $gemeente)
                and ($perceel is null or perceel = $perceel)
            group by maand
        )
        select t.jaar, t.maand, t.gedeclareerd_eur, c.aantal_clienten, t.uren, t.aantal_regels
        from t
        left join clienten_telling as c
            on c.maand = t.maand and c.gemeentecode is not distinct from $gemeente
            and c.perceel is not distinct from $perceel
        order by t.maand
        """,
        {"gemeente": gemeente, "perceel": perceel},
    )


@gecachet
def jaarvergelijking(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    """Per gemeente × perceel: this year against last year, with the relative difference."""
    return lees(
        rol,
        ("trends", "clienten_telling"),
        """
        with t as (
            select gemeentecode, any_value(gemeente) as gemeente, perceel,
                sum(gedeclareerd_eur) filter (where jaar = $jaar) as gedeclareerd_eur,
                sum(gedeclareerd_eur) filter (where jaar = $jaar - 1) as vorig_jaar_eur
            from trends
            where jaar in ($jaar, $jaar - 1)
                and ($gemeente is null or gemeentecode = $gemeente)
                and ($perceel is null or perceel = $perceel)
            group by gemeentecode, perceel
        )
        select t.gemeente, t.perceel, coalesce(t.gedeclareerd_eur, 0) as gedeclareerd_eur,
            t.vorig_jaar_eur,
            coalesce(t.gedeclareerd_eur, 0) - t.vorig_jaar_eur as verschil_eur,
            case when t.vorig_jaar_eur > 0
                then coalesce(t.gedeclareerd_eur, 0) / t.vorig_jaar_eur - 1 end
                as verschil_aandeel,
            c.aantal_clienten, v.aantal_clienten as clienten_vorig_jaar
        from t
        left join clienten_telling as c
            on c.jaar = $jaar and c.maand is null and c.gemeentecode = t.gemeentecode
            and c.perceel = t.perceel
        left join clienten_telling as v
            on v.jaar = $jaar - 1 and v.maand is null and v.gemeentecode = t.gemeentecode
            and v.perceel = t.perceel
        order by t.gemeente, t.perceel
        """,
        {"jaar": jaar, "gemeente": gemeente, "perceel": perceel},
    )


@gecachet
def specificatie(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    """'Specificatie per zorgsoort': productcode × gemeente in euros, as inkoopplannen show it."""
    lang = lees(
        rol,
        ("trends",),
        """
        select perceel, productcode, any_value(productomschrijving) as productomschrijving,
            gemeente, sum(gedeclareerd_eur) as gedeclareerd_eur
        from trends
        where jaar = $jaar and ($gemeente is null or gemeentecode = $gemeente)
            and ($perceel is null or perceel = $perceel)
        group by perceel, productcode, gemeente
        """,
        {"jaar": jaar, "gemeente": gemeente, "perceel": perceel},
    )
    if lang.is_empty():
        return lang
    gemeenten = sorted(lang["gemeente"].unique().to_list())
    breed = lang.pivot(
        on="gemeente",
        index=["perceel", "productcode", "productomschrijving"],
        values="gedeclareerd_eur",
        aggregate_function="sum",
    ).fill_null(0.0)
    breed = breed.select(["perceel", "productcode", "productomschrijving", *gemeenten])
    breed = breed.with_columns(pl.sum_horizontal(gemeenten).alias("totaal")).sort(
        ["perceel", "productcode"]
    )
    totaalrij = breed.select(
        pl.lit("Totaal").alias("perceel"),
        pl.lit("").alias("productcode"),
        pl.lit("").alias("productomschrijving"),
        *[pl.col(g).sum() for g in [*gemeenten, "totaal"]],
    )
    return pl.concat([breed, totaalrij])


@gecachet
def voorveld(rol: str, dataversie: str, gemeente: str | None) -> pl.DataFrame:
    """Euros per month for begeleiding and dagbesteding (matched by perceel name)."""
    return lees(
        rol,
        ("trends",),
        """
        select maand, perceel, sum(gedeclareerd_eur) as gedeclareerd_eur
        from trends
        where ($gemeente is null or gemeentecode = $gemeente)
            and (lower(perceel) like '%begeleiding%' or lower(perceel) like '%dagbesteding%')
        group by maand, perceel
        order by maand, perceel
        """,
        {"gemeente": gemeente},
    )

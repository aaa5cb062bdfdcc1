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
        select jaar, gedeclareerd_eur, aantal_clienten, aantal_aanbieders, is_afgeschermd,
            clienten_weergave
        from clienten_telling
        where jaar in ($jaar, $jaar - 1) and maand is null
            and gemeentecode is not distinct from $gemeente
            and perceel is not distinct from $perceel
        """,
        {"jaar": jaar, "gemeente": gemeente, "perceel": perceel},
    )
    huidig = df.filter(pl.col("jaar") == jaar)
    vorig = df.filter(pl.col("jaar") == jaar - 1)

    def waarde(rij: pl.DataFrame, kolom: str, soort: type[float] | type[int]) -> Any:
        # A shielded cell (fewer than 5 clients) stays None; no row at all is nothing declared.
        if not rij.height:
            return None
        x = rij[kolom][0]
        return None if x is None else soort(x)

    return {
        "gedeclareerd_eur": waarde(huidig, "gedeclareerd_eur", float) if huidig.height else 0.0,
        "aantal_clienten": waarde(huidig, "aantal_clienten", int) if huidig.height else 0,
        "aantal_aanbieders": waarde(huidig, "aantal_aanbieders", int) if huidig.height else 0,
        "vorig_jaar_eur": waarde(vorig, "gedeclareerd_eur", float),
        "clienten_vorig_jaar": waarde(vorig, "aantal_clienten", int),
        "is_afgeschermd": bool(huidig.height and huidig["is_afgeschermd"][0]),
        "clienten_weergave": huidig["clienten_weergave"][0] if huidig.height else None,
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
            select maand, any_value(jaar) as jaar, sum(uren) as uren,
                sum(aantal_regels) as aantal_regels,
                bool_or(is_afgeschermd) as heeft_afgeschermde_cel
            from trends
            where ($gemeente is null or gemeentecode = $gemeente)
                and ($perceel is null or perceel = $perceel)
            group by maand
        )
        select t.jaar, t.maand, c.gedeclareerd_eur, c.aantal_clienten,
            if(c.is_afgeschermd, null, t.uren) as uren,
            if(c.is_afgeschermd, null, t.aantal_regels) as aantal_regels,
            coalesce(c.is_afgeschermd, false) or t.heeft_afgeschermde_cel as is_afgeschermd,
            c.clienten_weergave
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
        ("clienten_telling", "gemeenten"),
        """
        with cellen as (
            select jaar, gemeentecode, perceel, gedeclareerd_eur, aantal_clienten,
                is_afgeschermd, clienten_weergave
            from clienten_telling
            where jaar in ($jaar, $jaar - 1) and maand is null
                and gemeentecode is not null and perceel is not null
                and ($gemeente is null or gemeentecode = $gemeente)
                and ($perceel is null or perceel = $perceel)
        ),
        t as (
            select gemeentecode, perceel,
                any_value(gedeclareerd_eur) filter (where jaar = $jaar) as gedeclareerd_eur,
                any_value(gedeclareerd_eur) filter (where jaar = $jaar - 1) as vorig_jaar_eur,
                any_value(aantal_clienten) filter (where jaar = $jaar) as aantal_clienten,
                any_value(aantal_clienten) filter (where jaar = $jaar - 1)
                    as clienten_vorig_jaar,
                coalesce(bool_or(is_afgeschermd) filter (where jaar = $jaar), false)
                    as is_afgeschermd,
                coalesce(bool_or(is_afgeschermd) filter (where jaar = $jaar - 1), false)
                    as is_vorig_jaar_afgeschermd,
                any_value(clienten_weergave) filter (where jaar = $jaar) as clienten_weergave
            from cellen
            group by gemeentecode, perceel
        )
        select coalesce(g.naam, t.gemeentecode) as gemeente, t.perceel,
            if(t.is_afgeschermd, null, coalesce(t.gedeclareerd_eur, 0)) as gedeclareerd_eur,
            t.vorig_jaar_eur,
            if(t.is_afgeschermd, null, coalesce(t.gedeclareerd_eur, 0)) - t.vorig_jaar_eur
                as verschil_eur,
            case when t.vorig_jaar_eur > 0 and not t.is_afgeschermd
                then coalesce(t.gedeclareerd_eur, 0) / t.vorig_jaar_eur - 1 end
                as verschil_aandeel,
            t.aantal_clienten, t.clienten_vorig_jaar,
            t.is_afgeschermd or t.is_vorig_jaar_afgeschermd as is_afgeschermd,
            t.clienten_weergave
        from t
        left join gemeenten as g on g.gemeentecode = t.gemeentecode
        order by gemeente, t.perceel
        """,
        {"jaar": jaar, "gemeente": gemeente, "perceel": perceel},
    )


@gecachet
def specificatie(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    """'Specificatie per zorgsoort': productcode × gemeente in euros, as inkoopplannen show it.

    A product × gemeente with a shielded month (contractmanagement, control) is empty: its
    year is not known to be large enough. A total over an empty cell is empty too, since the
    total minus the shown cells would give the hidden one away.
    """
    lang = lees(
        rol,
        ("trends",),
        """
        select perceel, productcode, any_value(productomschrijving) as productomschrijving,
            gemeente,
            if(bool_or(is_afgeschermd), null, sum(gedeclareerd_eur)) as gedeclareerd_eur,
            bool_or(is_afgeschermd) as is_afgeschermd
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
    index = ["perceel", "productcode", "productomschrijving"]
    # "first": one row per product × gemeente; a missing combination is 0 (nothing declared),
    # a shielded one stays null (its flag says which is which).
    breed = lang.pivot(
        on="gemeente", index=index, values="gedeclareerd_eur", aggregate_function="first"
    )
    vlag = lang.pivot(
        on="gemeente", index=index, values="is_afgeschermd", aggregate_function="first"
    ).fill_null(False)
    breed = breed.join(vlag, on=index, suffix="__afgeschermd")
    breed = breed.select(
        *index,
        *[
            pl.when(pl.col(f"{g}__afgeschermd"))
            .then(None)
            .otherwise(pl.col(g).fill_null(0.0))
            .alias(g)
            for g in gemeenten
        ],
    )
    breed = breed.with_columns(
        pl.when(pl.any_horizontal(pl.col(g).is_null() for g in gemeenten))
        .then(None)
        .otherwise(pl.sum_horizontal(gemeenten))
        .alias("totaal")
    ).sort(["perceel", "productcode"])
    totaalrij = breed.select(
        pl.lit("Totaal").alias("perceel"),
        pl.lit("").alias("productcode"),
        pl.lit("").alias("productomschrijving"),
        *[
            pl.when(pl.col(g).is_null().any()).then(None).otherwise(pl.col(g).sum()).alias(g)
            for g in [*gemeenten, "totaal"]
        ],
    )
    return pl.concat([breed, totaalrij], how="vertical_relaxed")


@gecachet
def voorveld_telling(rol: str, dataversie: str) -> pl.DataFrame:
    """Clients per month × gemeente (null = the region) × perceel, every perceel.

    From `clienten_telling`: exact, or empty when that cell is shielded, never a sum of
    shielded cells. Which percelen count is the region's setting (pipelines/voorveld.py).
    """
    return lees(
        rol,
        ("clienten_telling",),
        """
        select jaar, maand, gemeentecode, perceel, aantal_clienten, is_afgeschermd
        from clienten_telling
        where maand is not null and perceel is not null
        order by jaar, maand
        """,
    )


@gecachet
def maanden_met_declaraties(rol: str, dataversie: str) -> pl.DataFrame:
    """The months with any declaration in the region (jaar, maand)."""
    return lees(
        rol,
        ("clienten_telling",),
        """
        select distinct jaar, maand from clienten_telling
        where maand is not null and gemeentecode is null and perceel is null
        order by jaar, maand
        """,
    )


# --- prognose (#13 control): the marts behind the table "vermoedelijke kosten" -------------


def heeft_prognose(rol: str) -> bool:
    """Whether the role's file has the prognosis views (toezicht and control)."""
    from dashboard import roles

    return roles.mag_lezen(rol, "prognose") and roles.mag_lezen(rol, "completeringsfactoren")


@gecachet
def prognose(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Per gemeente × perceel of `jaar`: realisation, completion, begroting and uitputting
    (mart_prognose_gemeente_perceel through the role's view: small cells empty for control)."""
    return lees(
        rol,
        ("prognose",),
        "select * from prognose where jaar = $jaar order by gemeente, perceel",
        {"jaar": jaar},
    )


@gecachet
def gemeentenamen(rol: str, dataversie: str) -> dict[str, str]:
    df = lees(rol, ("gemeenten",), "select gemeentecode, naam from gemeenten")
    return dict(zip(df["gemeentecode"].to_list(), df["naam"].to_list(), strict=True))


@gecachet
def completeringsfactoren(rol: str, dataversie: str) -> pl.DataFrame:
    return lees(
        rol,
        ("completeringsfactoren",),
        "select * from completeringsfactoren order by is_regio, perceel, maanden_na_zorgmaand",
    )


@gecachet
def standaard_index(rol: str, dataversie: str) -> float:
    """prognose_index_procent of the last run (drempels.toml unless `run --drempels` set it)."""
    df = lees(
        rol,
        ("prognose",),
        "select any_value(standaard_index_procent) as index_procent from prognose",
    )
    if df.height and df["index_procent"][0] is not None:
        return float(df["index_procent"][0])
    from pipelines.sql_runner import lees_drempels

    return float(lees_drempels()["prognose_index_procent"])

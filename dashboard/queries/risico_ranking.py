"""Queries for Overzicht (app_pages/risico_ranking.py): KPIs, the risk ranking, categories."""

from __future__ import annotations

from typing import Any

import polars as pl

from dashboard import roles

# The Overzicht tiles start from the same totals as Volumetrends.
from dashboard.queries.controller_trends import omvang
from dashboard.queries.verbinding import gecachet, lees
from dashboard.queries.werkvoorraad import status_per_signaal, verborgen_signalen
from dashboard.roles import GeenToegang
from pipelines.beheeropslag import werkvoorraad

# Shared SQL fragments: "provider active in the filter" and "signal applies to the filter".
_ACTIEF = """
    select distinct aanbieder_agb from aanbieder_activiteit
    where jaar = $jaar
        and ($gemeente is null or gemeentecode = $gemeente)
        and ($perceel is null or perceel = $perceel)
"""
_SIGNAAL_IN_FILTER = """
    s.jaar = $jaar and s.gemarkeerd
    and ($gemeente is null or s.gemeentecode is null or s.gemeentecode = $gemeente)
    and ($perceel is null or s.perceel is null or s.perceel = $perceel)
    and s.aanbieder_agb in (select aanbieder_agb from actief)
    and not list_contains(cast($verborgen as varchar[]), s.signaal_id)
"""


def _filter(
    rol: str, jaar: int | None, gemeente: str | None, perceel: str | None
) -> dict[str, Any]:
    # `verborgen`: signals the role may not see now (contractmanagement: in investigation),
    # read live from the beheeropslag; the dataversie in every cache key holds its version.
    return {
        "jaar": jaar,
        "gemeente": gemeente,
        "perceel": perceel,
        "verborgen": verborgen_signalen(rol),
    }


@gecachet
def kpis(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> dict[str, Any]:
    basis = omvang(rol, dataversie, jaar, gemeente, perceel)
    signalen = lees(
        rol,
        ("signalen", "aanbieder_activiteit", "signalen_eerst_gezien", "laadregister"),
        f"""
        with actief as ({_ACTIEF}),
        gezien as (
            select
                signaal_id,
                bestand_id_bij_eerste_keer
                    = (select max(bestand_id) from laadregister) as is_nieuw,
                (select count(distinct bestand_id_bij_eerste_keer) from signalen_eerst_gezien) > 1
                    as heeft_vorige_lading
            from signalen_eerst_gezien
        )
        select
            coalesce(sum(s.onrechtmatig_eur), 0) as onrechtmatig_eur,
            coalesce(sum(s.geschat_belang_eur), 0) as geschat_belang_eur,
            count(distinct s.aanbieder_agb) as aanbieders,
            count(*) as signalen,
            count(*) filter (where g.is_nieuw) as nieuw,
            coalesce(bool_or(g.heeft_vorige_lading), false) as heeft_vorige_lading
        from signalen as s
        left join gezien as g on g.signaal_id = s.signaal_id
        where {_SIGNAAL_IN_FILTER}
        """,
        _filter(rol, jaar, gemeente, perceel),
    )
    s = signalen.row(0, named=True)
    if gemeente is not None or perceel is not None:
        # A rule signal holds the euros of every gemeente and perceel of the provider: with a
        # gemeente or perceel chosen, only the lines there count, so no tile exceeds what was
        # declared in the selection.
        per_gemeente = lees(
            rol,
            ("onrechtmatig_per_gemeente", "aanbieder_activiteit", "signalen"),
            f"""
            with actief as ({_ACTIEF})
            select coalesce(sum(o.onrechtmatig_eur), 0) as onrechtmatig_eur
            from onrechtmatig_per_gemeente as o
            where o.jaar = $jaar
                and ($gemeente is null or o.gemeentecode = $gemeente)
                and ($perceel is null or o.perceel = $perceel)
                and o.aanbieder_agb in (select aanbieder_agb from actief)
                -- not the money of a signal the role may not see now
                and not exists (
                    select 1 from signalen as s
                    where s.aanbieder_agb = o.aanbieder_agb and s.jaar = o.jaar
                        and s.indicator = o.indicator
                        and list_contains(cast($verborgen as varchar[]), s.signaal_id)
                )
            """,
            _filter(rol, jaar, gemeente, perceel),
        )
        s = {**s, "onrechtmatig_eur": per_gemeente["onrechtmatig_eur"][0]}
    return {
        **basis,
        # Floats like the euros from `omvang`, so the page can divide one by the other.
        "onrechtmatig_eur": float(s["onrechtmatig_eur"]),
        "geschat_belang_eur": float(s["geschat_belang_eur"]),
        "aanbieders_gemarkeerd": s["aanbieders"],
        "signalen_gemarkeerd": s["signalen"],
        "nieuw": s["nieuw"],
        "heeft_vorige_lading": s["heeft_vorige_lading"],
    }


@gecachet
def risicoranking(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    """Flagged providers in rank order, with a monthly spend sparkline and their signals;
    for toezicht also the werkvoorraad status of their flagged signals.

    For contractmanagement a provider's figures leave out the signals in investigation
    (werkvoorraad.verborgen_signalen): its count, money, categories and score are computed from
    the signals it may see, and a provider with none left is not in the ranking.
    """
    ranking = lees(
        rol,
        (
            "risico",
            "signalen",
            "indicatoren",
            "aanbieder_activiteit",
            "aanbieder_maand",
            "signalen_eerst_gezien",
            "laadregister",
        ),
        f"""
        with actief as ({_ACTIEF}),
        maanden as (
            select cast(m as date) as maand
            from generate_series(
                make_date($jaar, 1, 1), make_date($jaar, 12, 1), interval 1 month
            ) as t(m)
        ),
        verloop as (
            -- a month without declarations is 0; a shielded month (fewer than 5 clients,
            -- contractmanagement) is a gap in the sparkline, not a point
            select a.aanbieder_agb,
                list(
                    -- a picture, not money: the chart column draws numbers, and a list of
                    -- decimals reaches the browser as text
                    if(am.is_afgeschermd, null, cast(coalesce(am.gedeclareerd_eur, 0) as double))
                    order by m.maand
                ) as verloop
            from actief as a
            cross join maanden as m
            left join aanbieder_maand as am
                on am.aanbieder_agb = a.aanbieder_agb and am.maand = m.maand
            group by a.aanbieder_agb
        ),
        nieuw as (
            select s.aanbieder_agb, count(*) as nieuw
            from signalen as s
            inner join signalen_eerst_gezien as g on g.signaal_id = s.signaal_id
            where s.jaar = $jaar and s.gemarkeerd
                and g.bestand_id_bij_eerste_keer = (select max(bestand_id) from laadregister)
                and (select count(distinct bestand_id_bij_eerste_keer)
                     from signalen_eerst_gezien) > 1
                and not list_contains(cast($verborgen as varchar[]), s.signaal_id)
            group by s.aanbieder_agb
        ),
        -- providers with a signal the role may not see now: their figures are recomputed
        -- from the visible signals, with the score of mart_aanbieder_risico.sql
        geraakt as (
            select distinct s.aanbieder_agb
            from signalen as s
            where s.jaar = $jaar and list_contains(cast($verborgen as varchar[]), s.signaal_id)
        ),
        ernst (categorie, ernst) as (
            values ('spookzorg', 1.0), ('upcoding', 0.9), ('stapeling', 0.8),
                ('kwaliteit', 0.7), ('volume', 0.6)
        ),
        -- as in the mart: of PRF01 (a profile per perceel) only a provider's strongest counts
        zichtbare_signalen as (
            select s.*
            from signalen as s
            where s.jaar = $jaar
                and s.aanbieder_agb in (select aanbieder_agb from geraakt)
                and not list_contains(cast($verborgen as varchar[]), s.signaal_id)
            qualify s.indicator <> 'PRF01' or row_number() over (
                partition by s.indicator, s.aanbieder_agb, s.jaar order by s.sterkte desc
            ) = 1
        ),
        zichtbaar as (
            select
                s.aanbieder_agb,
                sum(
                    case
                        when s.gemarkeerd
                            then e.ernst * (0.5 + 0.5 * s.sterkte)
                                * (1 + ln(1 + greatest(s.financieel_belang, 0) / 10000))
                        when s.indicator = 'PRF01' then 0.25 * s.sterkte
                        else 0
                    end
                ) as punten,
                count(*) filter (where s.gemarkeerd) as aantal_signalen,
                coalesce(sum(greatest(s.onrechtmatig_eur, 0)) filter (where s.gemarkeerd), 0)
                    as onrechtmatig_eur,
                coalesce(max(greatest(s.geschat_belang_eur, 0)) filter (where s.gemarkeerd), 0)
                    as geschat_belang_eur,
                string_agg(distinct s.categorie, ', ' order by s.categorie)
                    filter (where s.gemarkeerd) as categorieen,
                arg_max(
                    s.indicator,
                    e.ernst * (0.5 + 0.5 * s.sterkte)
                    * (1 + ln(1 + greatest(s.financieel_belang, 0) / 10000))
                ) filter (where s.gemarkeerd) as belangrijkste_indicator
            from zichtbare_signalen as s
            left join ernst as e on e.categorie = s.categorie
            group by s.aanbieder_agb
        ),
        final as (
            select
                r.rang,
                r.aanbieder_agb,
                r.naam,
                case when g.aanbieder_agb is null then r.risicoscore
                    else round(100 * (1 - exp(-coalesce(z.punten, 0) / 3)), 1)
                end as risicoscore,
                case when g.aanbieder_agb is null then r.aantal_signalen
                    else coalesce(z.aantal_signalen, 0)
                end as aantal_signalen,
                coalesce(n.nieuw, 0) as nieuw,
                case when g.aanbieder_agb is null then r.categorieen else z.categorieen
                end as categorieen,
                case when g.aanbieder_agb is null then r.onrechtmatig_eur
                    else cast(coalesce(z.onrechtmatig_eur, 0) as decimal(18, 2))
                end as onrechtmatig_eur,
                case when g.aanbieder_agb is null then r.geschat_belang_eur
                    else cast(coalesce(z.geschat_belang_eur, 0) as decimal(18, 2))
                end as geschat_belang_eur,
                r.rang_zorg,
                r.rang_rechtmatigheid,
                r.rang_risico,
                r.gedeclareerd_eur,
                v.verloop,
                coalesce(
                    i.naam,
                    case when g.aanbieder_agb is null then r.belangrijkste_indicator
                        else z.belangrijkste_indicator end
                ) as belangrijkste_indicator
            from risico as r
            inner join actief as a on a.aanbieder_agb = r.aanbieder_agb
            left join verloop as v on v.aanbieder_agb = r.aanbieder_agb
            left join nieuw as n on n.aanbieder_agb = r.aanbieder_agb
            left join geraakt as g on g.aanbieder_agb = r.aanbieder_agb
            left join zichtbaar as z on z.aanbieder_agb = r.aanbieder_agb
            left join indicatoren as i on i.indicator = case
                when g.aanbieder_agb is null then r.belangrijkste_indicator
                else z.belangrijkste_indicator
            end
            where r.jaar = $jaar
        )
        select * from final
        where aantal_signalen > 0
        order by rang
        """,
        _filter(rol, jaar, gemeente, perceel),
    )
    if rol != roles.TOEZICHT:
        # Renumbered, so a provider left out leaves no gap in the ranks.
        return ranking.with_columns(
            pl.col(k).rank("ordinal").cast(pl.Int64)
            for k in ("rang", "rang_zorg", "rang_rechtmatigheid", "rang_risico")
        )
    return _met_werkvoorraad(ranking, werkvoorraad_signalen(rol, dataversie, jaar))


@gecachet
def werkvoorraad_signalen(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """The flagged signals of the year with their werkvoorraad status (toezicht only)."""
    if rol != roles.TOEZICHT:
        raise GeenToegang("De werkvoorraad is alleen voor toezicht.")
    signalen = lees(
        rol,
        ("signalen", "indicatoren", "aanbieders"),
        """
        select s.signaal_id, s.aanbieder_agb, coalesce(a.naam, s.aanbieder_agb) as naam,
            s.indicator, coalesce(i.naam, s.indicator) as indicator_naam,
            s.financieel_belang
        from signalen as s
        left join indicatoren as i on i.indicator = s.indicator
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.jaar = $jaar and s.gemarkeerd
        order by s.financieel_belang desc, s.signaal_id
        """,
        {"jaar": jaar},
    )
    return (
        signalen.join(status_per_signaal(), on="signaal_id", how="left")
        .with_columns(pl.col("status").fill_null(werkvoorraad.NIEUW))
        .with_columns(is_afgesloten=pl.col("status").is_in(sorted(werkvoorraad.AFGESLOTEN)))
    )


def _met_werkvoorraad(ranking: pl.DataFrame, signalen: pl.DataFrame) -> pl.DataFrame:
    """Per provider: 'status: aantal' over its flagged signals, and how many are still open."""
    per_status = (
        signalen.group_by("aanbieder_agb", "status")
        .agg(pl.len().alias("aantal"))
        .sort("aanbieder_agb", "status")
    )
    samengevat = per_status.group_by("aanbieder_agb", maintain_order=True).agg(
        pl.format("{}: {}", "status", "aantal").str.join(", ").alias("beoordeling"),
        pl.col("status").alias("statussen"),
        pl.col("aantal")
        .filter(~pl.col("status").is_in(sorted(werkvoorraad.AFGESLOTEN)))
        .sum()
        .alias("aantal_open"),
    )
    return ranking.join(samengevat, on="aanbieder_agb", how="left").with_columns(
        pl.col("aantal_open").fill_null(0)
    )


@gecachet
def signalen_per_categorie(
    rol: str, dataversie: str, jaar: int, gemeente: str | None, perceel: str | None
) -> pl.DataFrame:
    return lees(
        rol,
        ("signalen", "aanbieder_activiteit"),
        f"""
        with actief as ({_ACTIEF})
        select s.categorie, count(*) as aantal_signalen,
            sum(s.onrechtmatig_eur) as onrechtmatig_eur,
            sum(s.geschat_belang_eur) as geschat_belang_eur,
            sum(s.financieel_belang) as financieel_belang
        from signalen as s
        where {_SIGNAAL_IN_FILTER}
        group by s.categorie
        order by onrechtmatig_eur desc, geschat_belang_eur desc, s.categorie
        """,
        _filter(rol, jaar, gemeente, perceel),
    )


@gecachet
def vorderingsoverzicht(rol: str, dataversie: str, jaar: int, gemeente: str) -> pl.DataFrame:
    """Every line of hard onrechtmatig money of one gemeente in one year (toezicht only)."""
    return lees(
        rol,
        ("vorderingsoverzicht",),
        """
        select * from vorderingsoverzicht
        where jaar = $jaar and gemeentecode = $gemeente
        order by aanbieder_agb, declaratienummer, referentienummer, indicator
        """,
        {"jaar": jaar, "gemeente": gemeente},
    )


@gecachet
def organisatie_per_aanbieder(rol: str, dataversie: str) -> pl.DataFrame:
    """#13: the organisation (KvK number and name) of each provider that shares its KvK number
    with another AGB code; empty for a role without the group views."""
    if not roles.mag_lezen(rol, "groep_leden"):
        return pl.DataFrame(
            schema={"aanbieder_agb": pl.String, "groep_id": pl.String, "groep_naam": pl.String}
        )
    return lees(
        rol,
        ("groep_leden",),
        """
        select distinct aanbieder_agb, groep_id, groep_naam
        from groep_leden where groep_soort = 'organisatie'
        """,
        {},
    )

"""Queries for Overzicht (app_pages/risico_ranking.py): KPIs, the risk ranking, categories."""

from __future__ import annotations

from typing import Any

import polars as pl

from dashboard import roles

# The Overzicht tiles start from the same totals as Volumetrends.
from dashboard.queries.controller_trends import omvang
from dashboard.queries.verbinding import gecachet, lees

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
"""


def _filter(jaar: int | None, gemeente: str | None, perceel: str | None) -> dict[str, Any]:
    return {"jaar": jaar, "gemeente": gemeente, "perceel": perceel}


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
        _filter(jaar, gemeente, perceel),
    )
    s = signalen.row(0, named=True)
    if gemeente is not None or perceel is not None:
        # A rule signal holds the euros of every gemeente and perceel of the provider: with a
        # gemeente or perceel chosen, only the lines there count, so no tile exceeds what was
        # declared in the selection.
        per_gemeente = lees(
            rol,
            ("onrechtmatig_per_gemeente", "aanbieder_activiteit"),
            f"""
            with actief as ({_ACTIEF})
            select coalesce(sum(onrechtmatig_eur), 0) as onrechtmatig_eur
            from onrechtmatig_per_gemeente
            where jaar = $jaar
                and ($gemeente is null or gemeentecode = $gemeente)
                and ($perceel is null or perceel = $perceel)
                and aanbieder_agb in (select aanbieder_agb from actief)
            """,
            _filter(jaar, gemeente, perceel),
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
    for toezicht also how far their flagged signals have been reviewed."""
    # Reviews exist only in the toezicht schema (roles.py); other roles see no column for them.
    met_beoordeling = rol == roles.TOEZICHT
    beoordeling_sql = (
        """,
        laatste_beoordeling as (
            select signaal_id, arg_max(status, vastgelegd_op) as status
            from beoordelingen
            group by signaal_id
        ),
        per_status as (
            select s.aanbieder_agb, coalesce(b.status, 'nog niet beoordeeld') as status,
                count(*) as aantal
            from signalen as s
            left join laatste_beoordeling as b on b.signaal_id = s.signaal_id
            where s.jaar = $jaar and s.gemarkeerd
            group by all
        ),
        beoordeeld as (
            select aanbieder_agb,
                string_agg(status || ': ' || aantal, ', ' order by status) as beoordeling
            from per_status
            group by aanbieder_agb
        )"""
        if met_beoordeling
        else ""
    )
    beoordeling_kolom_sql = ", bo.beoordeling" if met_beoordeling else ""
    beoordeling_join_sql = (
        "left join beoordeeld as bo on bo.aanbieder_agb = r.aanbieder_agb"
        if met_beoordeling
        else ""
    )
    return lees(
        rol,
        (
            "risico",
            "signalen",
            "indicatoren",
            "aanbieder_activiteit",
            "aanbieder_maand",
            "signalen_eerst_gezien",
            "laadregister",
            *(("beoordelingen",) if met_beoordeling else ()),
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
                    if(am.is_afgeschermd, null, coalesce(am.gedeclareerd_eur, 0))
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
            group by s.aanbieder_agb
        ){beoordeling_sql}
        select
            r.rang,
            r.aanbieder_agb,
            r.naam,
            r.risicoscore,
            r.aantal_signalen,
            coalesce(n.nieuw, 0) as nieuw,
            r.categorieen,
            r.onrechtmatig_eur,
            r.geschat_belang_eur,
            r.rang_zorg,
            r.rang_rechtmatigheid,
            r.rang_risico,
            r.gedeclareerd_eur,
            v.verloop,
            coalesce(i.naam, r.belangrijkste_indicator) as belangrijkste_indicator
            {beoordeling_kolom_sql}
        from risico as r
        inner join actief as a on a.aanbieder_agb = r.aanbieder_agb
        left join verloop as v on v.aanbieder_agb = r.aanbieder_agb
        left join nieuw as n on n.aanbieder_agb = r.aanbieder_agb
        left join indicatoren as i on i.indicator = r.belangrijkste_indicator
        {beoordeling_join_sql}
        where r.jaar = $jaar and r.aantal_signalen > 0
        order by r.rang
        """,
        _filter(jaar, gemeente, perceel),
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
        _filter(jaar, gemeente, perceel),
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

"""Queries for Verantwoording (app_pages/verantwoording.py): turnover against verantwoording."""

from __future__ import annotations

import duckdb
import polars as pl

from dashboard.queries.verbinding import NietBeschikbaar, gecachet, lees


@gecachet
def verantwoording(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Per provider: regional turnover, required verantwoording and the difference.

    Comes from marts.mart_verantwoording_omzet through the role's table macro, in reading
    order, largest turnover first. In a database built before that mart existed the macro
    cannot bind and the page gets NietBeschikbaar.
    """
    try:
        return lees(
            rol,
            ("verantwoording_omzet()",),
            """
            select
                aanbieder_agb,
                naam,
                omzet_regio_eur,
                vereiste_verantwoording,
                heeft_verantwoording,
                verantwoord_eur,
                verschil_eur,
                verschil_aandeel,
                is_verschil_boven_drempel,
                aantal_gemeenten,
                aantal_gemeenten_verantwoord,
                hoogste_omzet_gemeente_eur,
                omzet_per_gemeente,
                is_afgeschermd
            from verantwoording_omzet()
            where jaar = $jaar
            order by omzet_regio_eur desc nulls last, aanbieder_agb
            """,
            {"jaar": jaar},
        )
    except (duckdb.CatalogException, duckdb.BinderException) as fout:
        raise NietBeschikbaar(
            "De verantwoordingscijfers (mart_verantwoording_omzet) zijn in deze database nog "
            "niet berekend. Draai `signaalmonitor run` met een versie die deze mart bevat."
        ) from fout


@gecachet
def verantwoording_jaren(rol: str, dataversie: str) -> list[int]:
    try:
        df = lees(
            rol,
            ("verantwoording_omzet()",),
            "select distinct jaar from verantwoording_omzet() order by jaar desc",
        )
    except (duckdb.CatalogException, duckdb.BinderException):
        return []
    return [int(j) for j in df["jaar"].to_list()]


# --- #13 control: the verantwoording cycle and rechtmatigheid ------------------------------


def heeft_cyclus(rol: str) -> bool:
    from dashboard import roles

    return roles.mag_lezen(rol, "verantwoording_cyclus") and roles.mag_lezen(rol, "rechtmatigheid")


@gecachet
def cyclus(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Per aanbieder × gemeente × product of `jaar`: the three steps with deadline, received
    date and status, the required verklaring and the difference with what was declared."""
    return lees(
        rol,
        ("verantwoording_cyclus",),
        """
        select * exclude (jaar) from verantwoording_cyclus
        where jaar = $jaar
        order by naam, aanbieder_agb, gemeente, productcode
        """,
        {"jaar": jaar},
    )


@gecachet
def te_laat(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Who is late: per aanbieder the number of gemeente × product rows per step that are late
    or missing (only aanbieders with at least one)."""
    return lees(
        rol,
        ("verantwoording_cyclus",),
        """
        select
            aanbieder_agb, any_value(naam) as naam, any_value(vereiste_verantwoording)
                as vereiste_verantwoording,
            count(*) filter (where voorlopig_status = 'te laat') as voorlopig_te_laat,
            count(*) filter (where voorlopig_status = 'ontbreekt') as voorlopig_ontbreekt,
            count(*) filter (where concept_status = 'te laat') as concept_te_laat,
            count(*) filter (where concept_status = 'ontbreekt') as concept_ontbreekt,
            count(*) filter (where definitief_status = 'te laat') as definitief_te_laat,
            count(*) filter (where definitief_status = 'ontbreekt') as definitief_ontbreekt
        from verantwoording_cyclus
        where jaar = $jaar
        group by aanbieder_agb
        having count(*) filter (
            where voorlopig_status in ('te laat', 'ontbreekt')
                or concept_status in ('te laat', 'ontbreekt')
                or definitief_status in ('te laat', 'ontbreekt')
        ) > 0
        order by definitief_ontbreekt desc, definitief_te_laat desc, naam
        """,
        {"jaar": jaar},
    )


@gecachet
def rechtmatigheid(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """Per gemeente × perceel × month of `jaar`: declared euros by line status (the role's
    view: small cells empty for control)."""
    return lees(
        rol,
        ("rechtmatigheid", "gemeenten"),
        """
        select r.maand, coalesce(g.naam, r.gemeentecode) as gemeente, r.perceel,
            r.gedeclareerd_eur, r.onrechtmatig_eur, r.te_controleren_eur, r.rechtmatig_eur,
            r.afgewezen_eur, r.aantal_regels, r.aantal_regels_met_afwijking, r.aantal_clienten,
            r.is_afgeschermd, r.clienten_weergave
        from rechtmatigheid as r
        left join gemeenten as g on g.gemeentecode = r.gemeentecode
        where r.jaar = $jaar
        order by gemeente, r.perceel, r.maand
        """,
        {"jaar": jaar},
    )

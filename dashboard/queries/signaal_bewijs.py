"""Queries for Signaal (app_pages/signaal_bewijs.py): one signal, its peers, its evidence.

Evidence rows exist only in the toezicht schema. The beoordeling of a signal lives in the
beheeropslag (dashboard/queries/werkvoorraad.py); for contractmanagement the signals in
investigation are left out here, at read time.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from dashboard.queries.verbinding import gecachet, lees
from dashboard.queries.werkvoorraad import verborgen_signalen

# A signal the role may see now (see werkvoorraad.verborgen_signalen).
_ZICHTBAAR = "not list_contains(cast($verborgen as varchar[]), s.signaal_id)"


@gecachet
def aanbieders_met_signalen(rol: str, dataversie: str, jaar: int) -> pl.DataFrame:
    """The first step of choosing a signal: the providers with a signal in `jaar`, those with
    the most flagged signals and euros first. One list of every signal would grow with the
    region (tens of thousands at national scale) and travel to the browser on every click.

    The two kinds of money stay apart, as in mart_aanbieder_risico: the hard onrechtmatige euros
    of the flagged signals summed (each declared euro counts once over the rule signals), and of
    the estimates only the largest (estimates of different models overlap)."""
    return lees(
        rol,
        ("signalen", "aanbieders"),
        f"""
        select s.aanbieder_agb, coalesce(any_value(a.naam), s.aanbieder_agb) as naam,
            count(*) filter (where s.gemarkeerd) as gemarkeerd,
            count(*) as signalen,
            coalesce(sum(s.onrechtmatig_eur) filter (where s.gemarkeerd), 0) as onrechtmatig_eur,
            coalesce(max(s.geschat_belang_eur) filter (where s.gemarkeerd), 0)
                as grootste_schatting_eur
        from signalen as s
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.jaar = $jaar and {_ZICHTBAAR}
        group by s.aanbieder_agb
        order by gemarkeerd desc, onrechtmatig_eur desc, grootste_schatting_eur desc, naam,
            s.aanbieder_agb
        """,
        {"jaar": jaar, "verborgen": verborgen_signalen(rol)},
    )


@gecachet
def signalen_keuze(
    rol: str, dataversie: str, jaar: int, aanbieder: str | None = None
) -> pl.DataFrame:
    return lees(
        rol,
        ("signalen", "indicatoren", "aanbieders"),
        f"""
        select s.signaal_id, s.indicator, coalesce(i.naam, s.indicator) as indicator_naam,
            s.aanbieder_agb, coalesce(a.naam, s.aanbieder_agb) as naam, s.gemarkeerd,
            s.financieel_belang
        from signalen as s
        left join indicatoren as i on i.indicator = s.indicator
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.jaar = $jaar and ($aanbieder is null or s.aanbieder_agb = $aanbieder)
            and {_ZICHTBAAR}
        order by s.gemarkeerd desc, s.financieel_belang desc, s.signaal_id
        """,
        {"jaar": jaar, "aanbieder": aanbieder, "verborgen": verborgen_signalen(rol)},
    )


@gecachet
def signaal(rol: str, dataversie: str, signaal_id: str) -> dict[str, Any] | None:
    df = lees(
        rol,
        ("signalen", "indicatoren", "aanbieders"),
        f"""
        select s.*, coalesce(a.naam, s.aanbieder_agb) as naam,
            coalesce(i.naam, s.indicator) as indicator_naam, i.definitie, i.waarom,
            i.drempels, i.bron as indicator_bron, i.grain, i.eenheid, i.eenheid_afwijking
        from signalen as s
        left join indicatoren as i on i.indicator = s.indicator
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.signaal_id = $signaal_id and {_ZICHTBAAR}
        """,
        {"signaal_id": signaal_id, "verborgen": verborgen_signalen(rol)},
    )
    return df.row(0, named=True) if df.height else None


@gecachet
def drempels_laatste_run(rol: str, dataversie: str) -> dict[str, Any]:
    """The thresholds the last run used (`run --drempels` may have changed the defaults)."""
    df = lees(
        rol,
        ("runs",),
        "select drempels from runs order by gestart_op desc, run_id desc limit 1",
        {},
    )
    if not df.height or df["drempels"][0] is None:
        return {}
    try:
        drempels = json.loads(df["drempels"][0])
    except ValueError:
        return {}
    return drempels if isinstance(drempels, dict) else {}


MIN_PEERS_VERDELING = 3
# A signal id is a 16-character hash; a link with a longer value is not even looked up.
MAX_SIGNAAL_ID = 64


@gecachet
def signaal_peers(
    rol: str,
    dataversie: str,
    indicator: str,
    jaar: int,
    perceel: str | None,
    productcode: str | None,
) -> tuple[pl.DataFrame, str]:
    """Every provider's value on the same indicator: the peer distribution, and its scope.

    First the same year and scope (perceel, product); with fewer than three values the same
    year for every scope, then every year (the returned text says which).
    """
    df = lees(
        rol,
        ("signalen", "aanbieders"),
        f"""
        select s.aanbieder_agb, coalesce(a.naam, s.aanbieder_agb) as naam, s.jaar, s.perceel,
            s.productcode, s.waarde, s.referentiewaarde, s.gemarkeerd
        from signalen as s
        left join aanbieders as a on a.aanbieder_agb = s.aanbieder_agb
        where s.indicator = $indicator and s.waarde is not null and {_ZICHTBAAR}
        order by s.waarde
        """,
        {"indicator": indicator, "verborgen": verborgen_signalen(rol)},
    )
    zelfde_jaar = df.filter(pl.col("jaar") == jaar)
    zelfde_reikwijdte = zelfde_jaar.filter(
        pl.col("perceel").eq_missing(perceel) & pl.col("productcode").eq_missing(productcode)
    )
    if zelfde_reikwijdte.height >= MIN_PEERS_VERDELING:
        return zelfde_reikwijdte, f"{jaar}, {perceel or 'alle percelen'}"
    if zelfde_jaar.height >= MIN_PEERS_VERDELING:
        return zelfde_jaar, f"{jaar}, alle percelen en producten"
    return df, "alle jaren, percelen en producten"


@gecachet
def bewijsregels(rol: str, dataversie: str, signaal_id: str) -> pl.DataFrame:
    """Evidence rows with pseudonymised client ids: only the toezicht schema has this view."""
    return lees(
        rol,
        ("bewijsregels",),
        """
        select bron, declaratieregel_id, client_id, toewijzingnummer, referentienummer,
            productcode, begindatum, einddatum, volume, bedrag_eur, onrechtmatig_eur,
            toelichting
        from bewijsregels where signaal_id = $signaal_id
        order by begindatum, declaratieregel_id
        """,
        {"signaal_id": signaal_id},
    )


@gecachet
def per_gemeente(rol: str, dataversie: str, signaal_id: str) -> pl.DataFrame:
    """The signal split by gemeente: declared euros, clients and hard money there (toezicht)."""
    return lees(
        rol,
        ("signaal_per_gemeente", "gemeenten"),
        """
        select p.gemeentecode, coalesce(g.naam, p.gemeentecode) as gemeente,
            p.gedeclareerd_eur, p.aantal_clienten, p.onrechtmatig_eur
        from signaal_per_gemeente as p
        left join gemeenten as g on g.gemeentecode = p.gemeentecode
        where p.signaal_id = $signaal_id
        order by p.gedeclareerd_eur desc, p.gemeentecode
        """,
        {"signaal_id": signaal_id},
    )

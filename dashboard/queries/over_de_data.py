"""Queries for Datakwaliteit (app_pages/over_de_data.py): loads, quarantine and runs."""

from __future__ import annotations

import polars as pl

from dashboard import roles
from dashboard.queries.verbinding import gecachet, lees


@gecachet
def rijen_per_tabel(rol: str, dataversie: str) -> pl.DataFrame:
    return lees(
        rol,
        ("laadregister", "quarantaine"),
        """
        with q as (
            select tabel, count(distinct (bestand_id, regelnummer)) as quarantaine
            from quarantaine group by tabel
        ), l as (
            select tabel, count(*) as bestanden, sum(rijen_geladen) as geladen
            from laadregister group by tabel
        )
        select l.tabel, l.bestanden, l.geladen, coalesce(q.quarantaine, 0) as quarantaine
        from l left join q using (tabel)
        order by l.tabel
        """,
    )


# An archive of a year's messages has tens of thousands of rows in the load register: the
# page shows them per source, and the single files only up to this many.
MAX_GETOONDE_BESTANDEN = 1000


@gecachet
def laadregister_per_bron(rol: str, dataversie: str) -> pl.DataFrame:
    """Per archive (or loose file) and kind of file: how many files/messages and rows."""
    return lees(
        rol,
        ("laadregister",),
        """
        select
            coalesce(archief, bestandsnaam) as bron,
            tabel,
            coalesce(berichttype, formaat) as soort,
            count(*) as bestanden,
            sum(rijen_gelezen) as rijen_gelezen,
            sum(rijen_geladen) as rijen_geladen,
            sum(rijen_quarantaine) as rijen_quarantaine,
            sum(rijen_al_aanwezig) as rijen_al_aanwezig,
            max(geladen_op) as geladen_op
        from laadregister
        group by all
        order by geladen_op desc, bron, tabel
        """,
    )


@gecachet
def laadregister(rol: str, dataversie: str) -> pl.DataFrame:
    return lees(
        rol,
        ("laadregister",),
        f"""
        select bestandsnaam, tabel, formaat, rijen_gelezen, rijen_geladen, rijen_quarantaine,
            rijen_al_aanwezig, geladen_op, round(duur_seconden, 2) as duur_seconden
        from laadregister order by bestand_id desc limit {MAX_GETOONDE_BESTANDEN}
        """,
    )


@gecachet
def niet_geladen_redenen(rol: str, dataversie: str) -> pl.DataFrame:
    return lees(
        rol,
        ("niet_geladen",),
        """
        select soort, reden, count(*) as aantal, max(gezien_op) as laatst_gezien
        from niet_geladen group by all order by aantal desc, reden
        """,
    )


@gecachet
def niet_geladen(rol: str, dataversie: str) -> pl.DataFrame:
    return lees(
        rol,
        ("niet_geladen",),
        f"""
        select gezien_op, soort, bestandsnaam, reden from niet_geladen
        order by gezien_op desc, bestandsnaam limit {MAX_GETOONDE_BESTANDEN}
        """,
    )


@gecachet
def quarantaine(rol: str, dataversie: str) -> pl.DataFrame:
    """Quarantined fields with their reason; only toezicht sees the rejected value itself."""
    if roles.ziet_bewijs(rol):
        sql = (
            "select tabel, bestandsnaam, regelnummer, kolom, waarde, reden from quarantaine "
            "order by bestand_id, regelnummer limit 5000"
        )
    else:
        sql = (
            "select tabel, bestandsnaam, regelnummer, kolom, reden from quarantaine "
            "order by bestand_id, regelnummer limit 5000"
        )
    return lees(rol, ("quarantaine",), sql)


@gecachet
def quarantaine_redenen(rol: str, dataversie: str) -> pl.DataFrame:
    return lees(
        rol,
        ("quarantaine",),
        """
        select tabel, reden, count(*) as aantal from quarantaine
        group by tabel, reden order by aantal desc
        """,
    )


@gecachet
def runs(rol: str, dataversie: str) -> pl.DataFrame:
    return lees(
        rol,
        ("runs",),
        "select run_id, gestart_op, duur_seconden from runs order by run_id desc limit 20",
    )

"""The dashboard marts add up to the same euros as the declaration lines they come from."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest


def test_euros_sluiten_aan_over_de_marts(demo_db: Path) -> None:
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        (bron,) = con.execute(
            "select sum(bedrag_eur) from intermediate.int_declaratieregels_status"
        ).fetchone()
        for sql in (
            "select sum(gedeclareerd_eur) from marts.mart_controller_trends",
            "select sum(gedeclareerd_eur) from marts.mart_cm_profiel",
            "select sum(gedeclareerd_eur) from marts.mart_dash_aanbieder_maand",
            "select sum(gedeclareerd_eur) from marts.mart_dash_aanbieder_activiteit",
            "select sum(gedeclareerd_eur) from marts.mart_dash_aanbieder_mix",
            "select sum(gedeclareerd_eur) from marts.mart_dash_clienten "
            "where maand is null and gemeentecode is null and perceel is null",
        ):
            (som,) = con.execute(sql).fetchone()
            assert som == pytest.approx(bron, abs=1.0), sql
        # Unique clients per year are never more than the sum over gemeenten.
        (fout,) = con.execute(
            """
            select count(*) from marts.mart_dash_clienten as t
            where t.maand is null and t.gemeentecode is null and t.perceel is null
              and t.aantal_clienten > (
                select sum(g.aantal_clienten) from marts.mart_dash_clienten as g
                where g.jaar = t.jaar and g.maand is null and g.perceel is null
                  and g.gemeentecode is not null)
            """
        ).fetchone()
        assert fout == 0
        # Mix shares add up to one per provider, year and perceel, for both sides.
        (scheef,) = con.execute(
            """
            select count(*) from (
                select aanbieder_agb, jaar, perceel, sum(aandeel_eur) as a,
                    sum(peer_aandeel_eur) as p, max(aantal_peers) as n
                from marts.mart_dash_aanbieder_mix group by all
            ) where abs(a - 1) > 1e-9 or (n > 0 and abs(p - 1) > 1e-9)
            """
        ).fetchone()
        assert scheef == 0
    finally:
        con.close()

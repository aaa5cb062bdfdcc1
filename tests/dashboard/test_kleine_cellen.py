"""Small-cell suppression (#12 point 3): contractmanagement and control never see a cell of
fewer than 5 clients, in the role views (queried directly), on their pages and in the CM-gesprek
export; toezicht keeps exact figures. See docs/afscherming-kleine-cellen.md.

The demo region has providers with 1–4 clients in a year (the precondition is asserted, so no
test here passes on a region without small cells).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import fastexcel
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import roles
from dashboard.queries import aanbieder_profiel, verbinding
from pipelines import opmaak
from pipelines.exports.excel_cm_profiel import schrijf_cm_werkboek
from pipelines.exports.printable_report import cm_rapport_html
from tests.conftest import rijen_uit
from tests.dashboard.conftest import alle_tekst

AFGESCHERMDE_ROLLEN = ("rol_contractmanagement", "rol_control")

# view: (key columns, columns that must be empty in a shielded cell)
CELLEN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "trends": (
        ("gemeentecode", "perceel", "productcode", "maand"),
        ("gedeclareerd_eur", "onrechtmatig_eur", "aantal_clienten", "aantal_regels", "uren"),
    ),
    "clienten_telling": (
        ("jaar", "maand", "gemeentecode", "perceel"),
        ("gedeclareerd_eur", "aantal_clienten"),
    ),
    "aanbieder_activiteit": (
        ("aanbieder_agb", "jaar", "gemeentecode", "perceel"),
        ("gedeclareerd_eur", "aantal_clienten"),
    ),
    "aanbieder_maand": (
        ("aanbieder_agb", "maand"),
        ("gedeclareerd_eur", "onrechtmatig_eur", "aantal_clienten", "uren", "realisatiegraad"),
    ),
    "aanbieder_mix": (
        ("aanbieder_agb", "jaar", "perceel", "intensiteit"),
        ("gedeclareerd_eur", "aantal_clienten", "aandeel_eur"),
    ),
    "cm_profiel": (
        ("aanbieder_agb", "jaar"),
        ("gedeclareerd_eur", "aantal_clienten", "euro_per_client", "uren", "realisatiegraad"),
    ),
    "risico": (
        ("aanbieder_agb", "jaar"),
        ("gedeclareerd_eur", "aantal_clienten", "onrechtmatig_eur", "geschat_belang_eur"),
    ),
    "signalen": (
        ("signaal_id",),
        ("waarde", "onrechtmatig_eur", "geschat_belang_eur", "aantal_clienten"),
    ),
}
# Groups with a total shown elsewhere: never exactly one shielded cell among cells with clients.
GROEPEN: dict[str, tuple[str, ...]] = {
    "trends": ("gemeentecode", "perceel", "maand"),
    "aanbieder_activiteit": ("aanbieder_agb", "jaar"),
    "aanbieder_maand": ("aanbieder_agb", "jaar"),
    "aanbieder_mix": ("aanbieder_agb", "jaar", "perceel"),
    "cm_profiel": ("jaar",),
}


def _kleinste_aanbieder(db: Path) -> tuple[str, int, int, Decimal, Decimal]:
    """The provider × year with the fewest clients (toezicht's exact figures)."""
    rijen = rijen_uit(
        db,
        "select aanbieder_agb, jaar, aantal_clienten, gedeclareerd_eur, euro_per_client "
        "from rol_toezicht.cm_profiel order by aantal_clienten, gedeclareerd_eur desc, "
        "aanbieder_agb, jaar limit 1",
    )
    agb, jaar, clienten, eur, per_client = rijen[0]
    assert 1 <= clienten < 5, "de demoregio heeft geen aanbieder met 1–4 cliënten"
    return agb, jaar, clienten, eur, per_client


@pytest.mark.parametrize("schema", AFGESCHERMDE_ROLLEN)
def test_geen_weergave_heeft_een_aantal_clienten_onder_5(demo_db: Path, schema: str) -> None:
    """Every view of the role with a client-count column, found in the catalog (a new view
    is checked without editing this test)."""
    weergaven = rijen_uit(
        demo_db,
        "select table_name from information_schema.columns "
        "where table_schema = ? and column_name = 'aantal_clienten' order by table_name",
        [schema],
    )
    assert len(weergaven) >= (8 if schema == "rol_contractmanagement" else 3)
    for (weergave,) in weergaven:
        [(klein,)] = rijen_uit(
            demo_db,
            f'select count(*) from {schema}."{weergave}" where aantal_clienten between 1 and 4',
        )
        assert klein == 0, f"{schema}.{weergave}: {klein} cellen met 1–4 cliënten"


@pytest.mark.parametrize("weergave", sorted(CELLEN))
def test_kleine_cel_van_toezicht_is_afgeschermd_voor_contractmanagement(
    demo_db: Path, weergave: str
) -> None:
    sleutel, leeg = CELLEN[weergave]
    koppeling = " and ".join(f"c.{k} is not distinct from t.{k}" for k in sleutel)
    telling = (
        "coalesce(t.aantal_clienten, p.aantal_clienten)"
        if weergave == "signalen"
        else ("t.aantal_clienten")
    )
    extra_join = (
        "left join rol_toezicht.cm_profiel as p on p.aanbieder_agb = t.aanbieder_agb "
        "and p.jaar = t.jaar"
        if weergave == "signalen"
        else ""
    )
    rijen = rijen_uit(
        demo_db,
        f"""
        select c.is_afgeschermd, c.clienten_weergave, {", ".join(f"c.{k}" for k in leeg)}
        from rol_toezicht.{weergave} as t
        {extra_join}
        inner join rol_contractmanagement.{weergave} as c on {koppeling}
        where {telling} between 1 and 4
        """,
    )
    assert rijen, f"geen kleine cel in {weergave}: de test zou niets bewijzen"
    for afgeschermd, tekst, *waarden in rijen:
        assert afgeschermd is True
        assert tekst == "<5"
        assert all(w is None for w in waarden), (weergave, waarden)


@pytest.mark.parametrize("weergave", sorted(GROEPEN))
def test_aanvullend_nooit_precies_een_afgeschermde_cel_in_een_groep(
    demo_db: Path, weergave: str
) -> None:
    """A total minus the shown cells would give a single shielded cell away."""
    groep = ", ".join(f"c.{k}" for k in GROEPEN[weergave])
    # Toezicht's count says which cells have clients (the CM view hides it when shielded).
    sleutel, _ = CELLEN[weergave]
    koppeling = " and ".join(f"c.{k} is not distinct from t.{k}" for k in sleutel)
    verraden = rijen_uit(
        demo_db,
        f"""
        select {", ".join(f"c.{k}" for k in GROEPEN[weergave])},
            count(*) filter (where c.is_afgeschermd) as afgeschermd,
            count(*) filter (where t.aantal_clienten > 0) as met_clienten
        from rol_contractmanagement.{weergave} as c
        inner join rol_toezicht.{weergave} as t on {koppeling}
        group by {groep}
        having afgeschermd = 1 and met_clienten > 1
        """,
    )
    assert verraden == []


@pytest.mark.parametrize("weergave", ["trends", "aanbieder_activiteit", "aanbieder_mix"])
def test_demoregio_heeft_aanvullend_afgeschermde_cellen(demo_db: Path, weergave: str) -> None:
    """Without a group holding exactly one small cell the test above proves nothing."""
    [(aanvullend,)] = rijen_uit(
        demo_db,
        f"select count(*) from rol_contractmanagement.{weergave} where clienten_weergave = '—'",
    )
    assert aanvullend > 0, f"{weergave}: geen aanvullend afgeschermde cel in de demoregio"


def test_aanbieder_met_een_client_ziet_contractmanagement_niet(demo_db: Path) -> None:
    """The case from the issue: "Cliënten 1, € 3.518 per cliënt" with a monthly chart."""
    agb, jaar, _, _, _ = _kleinste_aanbieder(demo_db)
    [(clienten, per_client, tekst)] = rijen_uit(
        demo_db,
        "select aantal_clienten, euro_per_client, clienten_weergave "
        "from rol_contractmanagement.cm_profiel where aanbieder_agb = ? and jaar = ?",
        [agb, jaar],
    )
    assert (clienten, per_client, tekst) == (None, None, "<5")
    maanden = rijen_uit(
        demo_db,
        "select gedeclareerd_eur, aantal_clienten, uren "
        "from rol_contractmanagement.aanbieder_maand where aanbieder_agb = ? and jaar = ?",
        [agb, jaar],
    )
    assert maanden and all(rij == (None, None, None) for rij in maanden)


def test_toezicht_ziet_exacte_cijfers(demo_db: Path) -> None:
    for weergave, mart in (
        ("cm_profiel", "mart_cm_profiel"),
        ("aanbieder_maand", "mart_dash_aanbieder_maand"),
        ("trends", "mart_controller_trends"),
    ):
        [(verschil, afgeschermd)] = rijen_uit(
            demo_db,
            f"""
            select
                (select count(*) from (
                    select aantal_clienten, gedeclareerd_eur from rol_toezicht.{weergave}
                    except all
                    select aantal_clienten, gedeclareerd_eur from marts.{mart}
                )),
                (select count(*) from rol_toezicht.{weergave} where is_afgeschermd)
            """,
        )
        assert (verschil, afgeschermd) == (0, 0), weergave


def test_klein_signaal_bestaat_zonder_bedragen_en_toelichting(demo_db: Path) -> None:
    rijen = rijen_uit(
        demo_db,
        """
        select t.toelichting, c.toelichting, c.indicator = t.indicator, c.sterkte = t.sterkte
        from rol_toezicht.signalen as t
        inner join rol_contractmanagement.signalen as c using (signaal_id)
        where t.aantal_clienten between 1 and 4
        """,
    )
    assert rijen
    for origineel, getoond, zelfde_indicator, zelfde_sterkte in rijen:
        assert zelfde_indicator and zelfde_sterkte
        assert getoond != origineel
        assert getoond.startswith("Signaal over een kleine groep (minder dan 5 cliënten")


def test_verantwoording_van_control_schermt_kleine_aanbieder_af(demo_db: Path) -> None:
    agb, jaar, _, _, _ = _kleinste_aanbieder(demo_db)
    rijen = rijen_uit(
        demo_db,
        "select omzet_regio_eur, verschil_eur, omzet_per_gemeente, is_afgeschermd "
        "from rol_control.verantwoording_omzet() where aanbieder_agb = ? and jaar = ?",
        [agb, jaar],
    )
    assert rijen == [(None, None, None, True)]
    [(exact,)] = rijen_uit(
        demo_db,
        "select omzet_regio_eur from rol_toezicht.verantwoording_omzet() "
        "where aanbieder_agb = ? and jaar = ?",
        [agb, jaar],
    )
    assert exact is not None


# --- pages and exports ---------------------------------------------------------------------


def _euroteksten(*bedragen: Decimal) -> list[str]:
    """The ways a page or report writes an amount: € 1.788, € 1.788,15, € 1,8k."""
    return [t for b in bedragen for t in (opmaak.euro(b), opmaak.euro(b, 2))]


def _aanbiederpagina(maak_app: Callable[..., AppTest], rol: str, agb: str, jaar: int) -> str:
    at = maak_app(rol, aanbieder=agb, jaar=str(jaar))
    at.run()
    at.switch_page("app_pages/aanbieder_profiel.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return alle_tekst(at)


def test_aanbiederpagina_contractmanagement_toont_kleiner_dan_5(
    demo_db: Path, maak_app: Callable[..., AppTest]
) -> None:
    agb, jaar, clienten, eur, per_client = _kleinste_aanbieder(demo_db)
    tekst = _aanbiederpagina(maak_app, roles.CONTRACTMANAGEMENT, agb, jaar)
    assert "Cliënten <5" in tekst
    assert "minder dan 5 cliënten" in tekst
    for bedrag in [*_euroteksten(eur, per_client), str(eur), str(per_client)]:
        assert bedrag not in tekst, bedrag
    # Toezicht, same provider: the exact figures.
    exact = _aanbiederpagina(maak_app, roles.TOEZICHT, agb, jaar)
    assert f"Cliënten {clienten}" in exact
    assert opmaak.euro(per_client) in exact


def test_cm_gesprek_export_schermt_kleine_aanbieder_af(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agb, jaar, _, eur, per_client = _kleinste_aanbieder(demo_db)
    monkeypatch.setenv("SIGNAALMONITOR_DB", str(demo_db))
    monkeypatch.setenv("SIGNAALMONITOR_ROL", roles.CONTRACTMANAGEMENT)
    versie = verbinding.dataversie(roles.CONTRACTMANAGEMENT)
    profiel = aanbieder_profiel.cm_profiel(roles.CONTRACTMANAGEMENT, versie, agb, jaar)
    assert profiel is not None
    html = cm_rapport_html(profiel)
    boek = fastexcel.read_excel(schrijf_cm_werkboek(profiel))
    cellen = [
        str(c)
        for naam in boek.sheet_names
        for rij in boek.load_sheet(naam, header_row=None).to_polars().rows()
        for c in rij
        if c is not None
    ]
    assert "&lt;5" in html and "<5" in cellen
    assert profiel.afscherming and profiel.afscherming in " ".join(cellen)
    for bedrag in _euroteksten(eur, per_client):
        assert bedrag not in html
    for waarde in (eur, per_client):
        assert not any(c in (str(waarde), str(float(waarde))) for c in cellen), waarde
    assert all(m.gedeclareerd_eur is None for m in profiel.per_maand)


def test_volumetrends_en_verantwoording_van_control_zonder_fouten(
    demo_db: Path, maak_app: Callable[..., AppTest]
) -> None:
    agb, jaar, _, _, _ = _kleinste_aanbieder(demo_db)
    [(omzet,)] = rijen_uit(
        demo_db,
        "select omzet_regio_eur from rol_toezicht.verantwoording_omzet() "
        "where aanbieder_agb = ? and jaar = ?",
        [agb, jaar],
    )
    for pagina in ("app_pages/controller_trends.py", "app_pages/verantwoording.py"):
        at = maak_app(roles.CONTROL, jaar=str(jaar))
        at.run()
        at.switch_page(pagina).run()
        assert not at.exception, [e.value for e in at.exception]
        if pagina.endswith("verantwoording.py"):
            tekst = alle_tekst(at)
            assert "afgeschermd" in tekst
            assert opmaak.euro(omzet, 2) not in tekst
            assert str(omzet) not in tekst


def test_cli_export_voor_contractmanagement_leest_de_afgeschermde_weergave(
    demo_db: Path, tmp_path: Path
) -> None:
    """`export signalen --rol contractmanagement`: the role's view, not the full mart."""
    import csv

    from typer.testing import CliRunner

    from pipelines.cli import app

    runner = CliRunner()
    doel = tmp_path / "signalen.csv"
    uitkomst = runner.invoke(
        app,
        [
            "export",
            "signalen",
            "--out",
            str(doel),
            "--db",
            str(demo_db),
            "--rol",
            "contractmanagement",
        ],
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    with doel.open(encoding="utf-8", newline="") as handle:
        rijen = {r["signaal_id"]: r for r in csv.DictReader(handle)}
    klein = rijen_uit(
        demo_db,
        "select signaal_id, onrechtmatig_eur from rol_toezicht.signalen "
        "where aantal_clienten between 1 and 4",
    )
    assert klein
    for signaal_id, _ in klein:
        rij = rijen[signaal_id]
        assert rij["aantal_clienten"] == "" and rij["onrechtmatig_eur"] == ""
        assert rij["waarde"] == "" and rij["geschat_belang_eur"] == ""
    # Without --rol (toezicht, the CLI's default) the exact count is there.
    volledig = tmp_path / "volledig.csv"
    uitkomst = runner.invoke(
        app, ["export", "signalen", "--out", str(volledig), "--db", str(demo_db)]
    )
    assert uitkomst.exit_code == 0, uitkomst.output
    with volledig.open(encoding="utf-8", newline="") as handle:
        exact = {r["signaal_id"]: r for r in csv.DictReader(handle)}
    assert all(exact[s]["aantal_clienten"] not in ("", "0") for s, _ in klein)


@pytest.mark.parametrize(
    ("rol", "soort"), [("control", "signalen"), ("contractmanagement", "vorderingsoverzicht")]
)
def test_cli_export_geweigerd_voor_een_rol_zonder_die_weergave(
    demo_db: Path, tmp_path: Path, rol: str, soort: str
) -> None:
    from typer.testing import CliRunner

    from pipelines.cli import app

    uitkomst = CliRunner().invoke(
        app, ["export", soort, "--out", str(tmp_path / "x.csv"), "--db", str(demo_db), "--rol", rol]
    )
    assert uitkomst.exit_code != 0
    assert "kan" in uitkomst.output and "niet exporteren" in uitkomst.output
    assert not (tmp_path / "x.csv").exists()


def _kleine_selectie(db: Path) -> tuple[int, str, str, int, Decimal]:
    """A year × gemeente × perceel with 1–4 clients (toezicht's exact figures)."""
    rijen = rijen_uit(
        db,
        "select jaar, gemeentecode, perceel, aantal_clienten, gedeclareerd_eur "
        "from rol_toezicht.clienten_telling where maand is null and gemeentecode is not null "
        "and perceel is not null and aantal_clienten between 1 and 4 "
        "order by aantal_clienten, gedeclareerd_eur desc, gemeentecode, perceel, jaar limit 1",
    )
    assert rijen, "de demoregio heeft geen gemeente × perceel met 1–4 cliënten in een jaar"
    return rijen[0]


@pytest.mark.parametrize(
    ("rol", "pagina"),
    [
        (roles.CONTRACTMANAGEMENT, "app_pages/risico_ranking.py"),
        (roles.CONTRACTMANAGEMENT, "app_pages/controller_trends.py"),
        (roles.CONTROL, "app_pages/controller_trends.py"),
    ],
)
def test_kleine_selectie_toont_geen_bedrag_of_aantal(
    demo_db: Path, maak_app: Callable[..., AppTest], rol: str, pagina: str
) -> None:
    """Filtered to a gemeente × perceel with 1–4 clients: the tiles say <5, no euros."""
    jaar, gemeente, perceel, clienten, eur = _kleine_selectie(demo_db)
    at = maak_app(rol, jaar=str(jaar), gemeente=gemeente, perceel=perceel)
    at.run()
    at.switch_page(pagina).run()
    assert not at.exception, [e.value for e in at.exception]
    tekst = alle_tekst(at)
    for bedrag in [*_euroteksten(eur), opmaak.euro_kort(eur), str(eur)]:
        assert bedrag not in tekst, bedrag
    if pagina.endswith("controller_trends.py"):
        assert "Unieke cliënten <5" in tekst
        assert f"Unieke cliënten {clienten}" not in tekst
    # Toezicht, same selection: the exact euros.
    exact = maak_app(roles.TOEZICHT, jaar=str(jaar), gemeente=gemeente, perceel=perceel)
    exact.run()
    exact.switch_page("app_pages/controller_trends.py").run()
    assert not exact.exception
    assert f"Unieke cliënten {clienten}" in alle_tekst(exact)


def test_signaalpagina_contractmanagement_klein_signaal(
    demo_db: Path, maak_app: Callable[..., AppTest]
) -> None:
    [(signaal_id, toelichting, clienten)] = rijen_uit(
        demo_db,
        "select signaal_id, toelichting, aantal_clienten from rol_toezicht.signalen "
        "where aantal_clienten between 1 and 4 order by aantal_clienten, signaal_id limit 1",
    )
    at = maak_app(roles.CONTRACTMANAGEMENT, signaal=signaal_id)
    at.run()
    at.switch_page("app_pages/signaal_bewijs.py").run()
    assert not at.exception, [e.value for e in at.exception]
    tekst = alle_tekst(at)
    assert "Cliënten <5" in tekst
    assert f"Cliënten {clienten}" not in tekst
    assert toelichting not in tekst

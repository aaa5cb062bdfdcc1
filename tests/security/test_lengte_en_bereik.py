"""Length limits and numeric ranges: one over the limit goes to quarantine, at the limit loads.

The limits are written out here on purpose (not read from the contract), so a change of a
limit in pipelines/contract.py is a visible change of this test too. A final test checks that
every limit in the contract is covered here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.contract import TABELLEN
from pipelines.ingest.load_file import GESCHIEDENIS
from tests.conftest import FIXTURES, rijen, schrijf_csv

# One valid row per table; each test changes one column of it.
GOEDE_RIJ: dict[str, dict[str, str]] = {
    "toewijzingen": {
        "toewijzingnummer": "T1",
        "bsn": "999900006",
        "gemeentecode": "0405",
        "aanbieder_agb": "41000001",
        "productcategorie": "02",
        "productcode": "02A02",
        "ingangsdatum": "2024-01-01",
        "einddatum": "2024-12-31",
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        "budget": "100.00",
        "toewijzingsdatum": "2023-12-15",
        "reden_wijziging": "01",
    },
    "zorgperiodes": {
        "toewijzingnummer": "T1",
        "gemeentecode": "0405",
        "aanbieder_agb": "41000001",
        "bsn": "999900006",
        "productcategorie": "02",
        "productcode": "02A02",
        "begindatum": "2024-01-01",
        "einddatum": "2024-06-30",
        "reden_beeindiging": "02",
    },
    "declaraties": {
        "declaratienummer": "D1",
        "referentienummer": "R1",
        "vorig_referentienummer": "R0",
        "aanbieder_agb": "41000001",
        "gemeentecode": "0405",
        "bsn": "999900006",
        "toewijzingnummer": "T1",
        "productcategorie": "02",
        "productcode": "02A02",
        "begindatum": "2024-01-01",
        "einddatum": "2024-01-31",
        "geleverd_volume": "4",
        "eenheid": "04",
        "producttarief": "12.50",
        "ingediend_bedrag": "50.00",
        "debet_credit": "D",
        "declaratiedatum": "2024-02-05",
    },
    "producten": {
        "productcategorie": "02",
        "productcode": "02A02",
        "omschrijving": "Begeleiding individueel",
        "perceel": "Begeleiding",
        "intensiteit": "2",
        "eenheid": "04",
    },
    "tarieven": {
        "productcode": "02A02",
        "geldig_vanaf": "2024-01-01",
        "geldig_tot": "2024-12-31",
        "tarief": "60.00",
        "aanbieder_agb": "41000001",
    },
    "aanbieders": {
        "aanbieder_agb": "41000001",
        "naam": "Zorg BV",
        "hoofdaannemer_agb": "41000002",
        "contract_vanaf": "2024-01-01",
        "contract_tot": "2024-12-31",
    },
    "gemeenten": {
        "gemeentecode": "0405",
        "naam": "Hoorn",
        "regio": "West-Friesland",
        "inwoners": "74000",
    },
    "samenloopregels": {
        "a": "Beschermd wonen",
        "b": "Begeleiding",
        "regel": "uitgesloten",
        "toelichting": "dubbel bekostigd",
    },
    "meldingen": {
        "aanbieder_agb": "41000001",
        "datum": "2024-03-01",
        "soort": "klacht",
        "waarde": "1",
        "omschrijving": "Zorg niet geleverd",
    },
    "verantwoording": {
        "aanbieder_agb": "41000001",
        "jaar": "2024",
        "gemeentecode": "0405",
        "productcode": "02A02",
        "bedrag": "125000.00",
        "stap": "definitief",
        "ontvangen_datum": "2025-03-20",
    },
    "verzoeken": {
        "verzoeknummer": "V1",
        "soort": "317",
        "aanbieder_agb": "41000001",
        "gemeentecode": "0405",
        "bsn": "999900006",
        "toewijzingnummer": "T1",
        "productcategorie": "02",
        "productcode": "02A02",
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        "ingangsdatum": "2024-01-01",
        "einddatum": "2024-12-31",
        "reden": "1",
        "verzoekdatum": "2023-12-10",
        "uitkomst": "toegekend",
    },
    "declaratie_antwoorden": {
        "referentienummer": "R1",
        "aanbieder_agb": "41000001",
        "gemeentecode": "0405",
        "toegekend": "nee",
        "retourcode": "0611,9339",
        "antwoorddatum": "2024-02-20",
        "declaratienummer": "D1",
    },
    "begroting": {
        "gemeentecode": "0405",
        "perceel": "Begeleiding",
        "jaar": "2026",
        "bedrag": "1250000.00",
    },
    "onderaannemers": {
        "hoofdaannemer_agb": "41000001",
        "onderaannemer_agb": "41000002",
        "akkoord_datum": "2024-01-15",
        "geldig_vanaf": "2024-02-01",
        "geldig_tot": "2024-12-31",
    },
    "organisaties": {
        "aanbieder_agb": "41000001",
        "kvk_nummer": "12345678",
        "organisatienaam": "Zorggroep BV",
    },
    "managementinformatie": {
        "aanbieder_agb": "41000001",
        "periode": "2025-H2",
        "kenmerk": "aantal_clienten",
        "waarde": "42",
        "toelichting": "peildatum 31 december",
    },
    "wachttijden": {
        "aanbieder_agb": "41000001",
        "gemeentecode": "0405",
        "perceel": "Begeleiding",
        "peildatum": "2025-06-30",
        "aantal_wachtenden": "7",
        "gemiddelde_wachttijd_dagen": "41.5",
    },
}

# (table, column) → (longest allowed value, text the reason must name)
LENGTES: dict[tuple[str, str], tuple[int, str]] = {
    ("toewijzingen", "toewijzingnummer"): (36, "LDT_Nummer"),
    ("toewijzingen", "productcategorie"): (2, "LDT_ProductCategorie"),
    ("toewijzingen", "productcode"): (5, "LDT_ProductCode"),
    ("toewijzingen", "reden_wijziging"): (200, "LDT_RedenWijziging"),
    ("zorgperiodes", "toewijzingnummer"): (36, "LDT_Nummer"),
    ("zorgperiodes", "productcategorie"): (2, "LDT_ProductCategorie"),
    ("zorgperiodes", "productcode"): (5, "LDT_ProductCode"),
    ("zorgperiodes", "reden_beeindiging"): (200, "LDT_RedenBeeindiging"),
    ("declaraties", "declaratienummer"): (36, "LDT_IdentificatieDeclaratie"),
    ("declaraties", "referentienummer"): (20, "LDT_ReferentieNummer"),
    ("declaraties", "vorig_referentienummer"): (20, "LDT_ReferentieNummer"),
    ("declaraties", "toewijzingnummer"): (36, "LDT_Nummer"),
    ("declaraties", "productcategorie"): (2, "LDT_ProductCategorie"),
    ("declaraties", "productcode"): (5, "LDT_ProductCode"),
    ("producten", "productcategorie"): (2, "LDT_ProductCategorie"),
    ("producten", "productcode"): (5, "LDT_ProductCode"),
    ("producten", "omschrijving"): (4000, "vrije tekst"),
    ("producten", "perceel"): (200, "LDT_Naam"),
    ("tarieven", "productcode"): (5, "LDT_ProductCode"),
    ("aanbieders", "naam"): (200, "LDT_Naam"),
    ("gemeenten", "naam"): (200, "LDT_Naam"),
    ("gemeenten", "regio"): (200, "LDT_Naam"),
    ("samenloopregels", "a"): (200, "LDT_Naam"),
    ("samenloopregels", "b"): (200, "LDT_Naam"),
    ("samenloopregels", "toelichting"): (4000, "vrije tekst"),
    ("meldingen", "soort"): (200, "LDT_Naam"),
    ("meldingen", "omschrijving"): (4000, "vrije tekst"),
    ("verantwoording", "productcode"): (5, "LDT_ProductCode"),
    ("verzoeken", "verzoeknummer"): (36, "LDT_Referentie"),
    ("verzoeken", "toewijzingnummer"): (36, "LDT_Nummer"),
    ("verzoeken", "productcategorie"): (2, "LDT_ProductCategorie"),
    ("verzoeken", "productcode"): (5, "LDT_ProductCode"),
    ("verzoeken", "reden"): (200, "RedenVerzoek"),
    ("verzoeken", "client_id"): (100, "pseudoniem"),
    ("declaratie_antwoorden", "referentienummer"): (20, "LDT_ReferentieNummer"),
    ("declaratie_antwoorden", "retourcode"): (200, "WJ001"),
    ("declaratie_antwoorden", "declaratienummer"): (36, "LDT_IdentificatieDeclaratie"),
    # client_id instead of bsn: a pseudonym made upstream
    ("toewijzingen", "client_id"): (100, "pseudoniem"),
    ("zorgperiodes", "client_id"): (100, "pseudoniem"),
    ("declaraties", "client_id"): (100, "pseudoniem"),
    ("begroting", "perceel"): (200, "LDT_Naam"),
    ("organisaties", "organisatienaam"): (200, "LDT_Naam"),
    ("managementinformatie", "kenmerk"): (200, "LDT_Naam"),
    ("managementinformatie", "waarde"): (200, "LDT_Naam"),
    ("managementinformatie", "toelichting"): (4000, "vrije tekst"),
    ("wachttijden", "perceel"): (200, "LDT_Naam"),
}

# (table, column) → (smallest, largest allowed value, text the reason must name)
BEREIKEN: dict[tuple[str, str], tuple[Decimal, Decimal, str]] = {
    ("toewijzingen", "volume"): (Decimal(0), Decimal("99999999"), "LDT_Volume"),
    ("toewijzingen", "budget"): (Decimal(0), Decimal("999999.99"), "LDT_Budget"),
    ("declaraties", "geleverd_volume"): (Decimal(0), Decimal("99999999"), "LDT_Volume"),
    ("declaraties", "producttarief"): (Decimal(0), Decimal("999999.99"), "LDT_Bedrag"),
    ("declaraties", "ingediend_bedrag"): (Decimal(0), Decimal("999999.99"), "LDT_Bedrag"),
    ("producten", "intensiteit"): (Decimal(1), Decimal(99), "intensiteit"),
    ("tarieven", "tarief"): (Decimal(0), Decimal("999999.99"), "LDT_Bedrag"),
    ("meldingen", "waarde"): (Decimal("-99999999"), Decimal("99999999"), "9 cijfers"),
    ("verantwoording", "jaar"): (Decimal(1900), Decimal(2100), "jaar"),
    ("verzoeken", "volume"): (Decimal(0), Decimal("99999999"), "LDT_Volume"),
    ("verantwoording", "bedrag"): (
        Decimal("-99999999.99"),
        Decimal("99999999.99"),
        "9 cijfers",
    ),
    ("begroting", "jaar"): (Decimal(1900), Decimal(2100), "jaar"),
    ("begroting", "bedrag"): (Decimal(0), Decimal("99999999.99"), "9 cijfers"),
    ("gemeenten", "inwoners"): (Decimal(1), Decimal(9_999_999), "meer inwoners"),
    ("wachttijden", "aantal_wachtenden"): (Decimal(0), Decimal(99999), "wachtlijst"),
    ("wachttijden", "gemiddelde_wachttijd_dagen"): (Decimal(0), Decimal(3660), "tien jaar"),
}


def tekst_van(lengte: int) -> str:
    # Two-byte characters: a limit counted in bytes instead of characters fails here.
    return ("Zé" * lengte)[:lengte]


def test_elke_grens_uit_het_contract_is_hier_getest() -> None:
    lengtes = {(t.naam, k.naam) for t in TABELLEN.values() for k in t.kolommen if k.max_lengte}
    bereiken = {
        (t.naam, k.naam)
        for t in TABELLEN.values()
        for k in t.kolommen
        if k.maximum is not None or k.minimum is not None
    }
    getallen = {
        (t.naam, k.naam)
        for t in TABELLEN.values()
        for k in t.kolommen
        if k.soort in {"getal", "geheel_getal"}
    }
    assert lengtes == set(LENGTES)
    assert bereiken == set(BEREIKEN)
    assert getallen == set(BEREIKEN), "elk getal heeft een boven- en ondergrens"
    # Every text or code column is bounded: by a length, a pattern or a code list.
    for tabel in TABELLEN.values():
        for k in tabel.kolommen:
            if k.soort in {"tekst", "code"}:
                assert k.max_lengte or k.patroon or k.codelijst, (tabel.naam, k.naam)
    assert set(GOEDE_RIJ) == set(TABELLEN)


@pytest.mark.parametrize(("tabel", "kolom"), list(LENGTES), ids=[".".join(k) for k in LENGTES])
def test_lengte_precies_op_de_grens_laadt_een_teken_meer_niet(
    con, laad, tmp_path: Path, tabel: str, kolom: str
) -> None:  # type: ignore[no-untyped-def]
    grens, bron = LENGTES[(tabel, kolom)]
    pad = tmp_path / f"{tabel}_lengte.csv"
    goed = dict(GOEDE_RIJ[tabel])
    if kolom == "client_id":
        del goed["bsn"]  # a row identifies the client by bsn or by client_id
    op_grens = {**goed, kolom: tekst_van(grens)}
    te_lang = {**goed, kolom: tekst_van(grens + 1)}
    schrijf_csv(pad, [op_grens, te_lang])

    resultaat = laad(pad)

    redenen = rijen(con, "SELECT regelnummer, kolom, reden FROM quarantaine.redenen")
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (1, 1), redenen
    assert len(redenen) == 1, redenen
    regel, fout_kolom, reden = redenen[0]
    assert (regel, fout_kolom) == (3, kolom)
    assert f"{kolom} is langer dan {grens} tekens" in reden
    assert bron in reden
    opgeslagen = rijen(con, f'SELECT "{kolom}" FROM staging.{GESCHIEDENIS.get(tabel, tabel)}')
    assert [len(str(w)) for (w,) in opgeslagen] == [grens]


def getal_tekst(waarde: Decimal) -> str:
    return f"{waarde:f}"


def stap(waarde: Decimal) -> Decimal:
    # One unit in the last decimal place of the limit: 999999.99 → 0.01, 2100 → 1.
    exponent = waarde.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent)


@pytest.mark.parametrize(("tabel", "kolom"), list(BEREIKEN), ids=[".".join(k) for k in BEREIKEN])
def test_getal_op_de_grenzen_laadt_net_erbuiten_niet(
    con, laad, tmp_path: Path, tabel: str, kolom: str
) -> None:  # type: ignore[no-untyped-def]
    laagste, hoogste, bron = BEREIKEN[(tabel, kolom)]
    pad = tmp_path / f"{tabel}_bereik.csv"
    waarden = [laagste, hoogste, hoogste + stap(hoogste), laagste - stap(laagste)]
    rij_sleutel = "referentienummer" if tabel == "declaraties" else None
    rijen_in = []
    for n, waarde in enumerate(waarden):
        rij = {**GOEDE_RIJ[tabel], kolom: getal_tekst(waarde)}
        if rij_sleutel:
            rij[rij_sleutel] = f"R{n}"
        rijen_in.append(rij)
    schrijf_csv(pad, rijen_in)

    resultaat = laad(pad)

    redenen = rijen(con, "SELECT regelnummer, kolom, reden FROM quarantaine.redenen ORDER BY 1")
    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (2, 2), redenen
    assert [(r[0], r[1]) for r in redenen] == [(4, kolom), (5, kolom)]
    te_groot, te_klein = redenen[0][2], redenen[1][2]
    assert bron in te_groot and ("groter dan" in te_groot or "niet tussen" in te_groot)
    if laagste == 0:
        assert "niet negatief" in te_klein
    else:
        assert bron in te_klein and ("kleiner dan" in te_klein or "niet tussen" in te_klein)
    geladen = rijen(con, f'SELECT "{kolom}" FROM staging.{GESCHIEDENIS.get(tabel, tabel)}')
    opgeslagen = sorted(Decimal(str(w)) for (w,) in geladen)
    assert opgeslagen == [laagste, hoogste]


@pytest.mark.parametrize(("tabel", "kolom"), list(BEREIKEN), ids=[".".join(k) for k in BEREIKEN])
@pytest.mark.parametrize("bsn", ["999900006", "123456782", "-123456782"])
def test_negen_cijfers_is_nooit_een_geldig_getal(
    con, laad, tmp_path: Path, tabel: str, kolom: str, bsn: str
) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / f"{tabel}_bsn_als_getal.csv"
    schrijf_csv(pad, [{**GOEDE_RIJ[tabel], kolom: bsn}])

    resultaat = laad(pad)

    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (0, 1)
    assert rijen(con, "SELECT kolom FROM quarantaine.redenen") == [(kolom,)]


# --- the same limits for iWmo XML ------------------------------------------------------------

VOORBEELD_323 = (FIXTURES / "iwmo" / "WMO323_3.2_voorbeeld.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("oud", "nieuw", "kolom", "reden"),
    [
        (
            "<iwmo:ReferentieNummer>RN001<",
            f"<iwmo:ReferentieNummer>{'R' * 21}<",
            "referentienummer",
            "referentienummer is langer dan 20 tekens (iWmo LDT_ReferentieNummer)",
        ),
        (
            "<wmo323:ProductCode>01A03<",
            "<wmo323:ProductCode>01A031<",
            "productcode",
            "productcode is langer dan 5 tekens (iWmo LDT_ProductCode)",
        ),
        (
            "<iwmo:Bedrag>5000<",
            "<iwmo:Bedrag>123456782<",  # 9 digits: € 1.234.567,82, over LDT_Bedrag
            "ingediend_bedrag",
            "LDT_Bedrag",
        ),
        (
            "<wmo323:GeleverdVolume>4<",
            "<wmo323:GeleverdVolume>100000000<",
            "geleverd_volume",
            "LDT_Volume",
        ),
    ],
)
def test_xml_waarde_boven_de_grens_in_quarantaine(
    con, laad, tmp_path: Path, oud: str, nieuw: str, kolom: str, reden: str
) -> None:  # type: ignore[no-untyped-def]
    assert oud in VOORBEELD_323
    pad = tmp_path / "wmo323.xml"
    pad.write_text(VOORBEELD_323.replace(oud, nieuw, 1), encoding="utf-8")

    resultaat = laad(pad)

    assert (resultaat.rijen_geladen, resultaat.rijen_quarantaine) == (3, 1)
    gevonden = rijen(con, "SELECT kolom, reden FROM quarantaine.redenen")
    assert len(gevonden) == 1 and gevonden[0][0] == kolom and reden in gevonden[0][1], gevonden


def test_lange_waarde_in_quarantaine_wordt_ingekort_getoond(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pad = tmp_path / "meldingen_lang.csv"
    schrijf_csv(pad, [{**GOEDE_RIJ["meldingen"], "omschrijving": "x" * 50_000}])

    laad(pad)

    (waarde,) = rijen(con, "SELECT waarde FROM quarantaine.redenen")[0]
    assert len(waarde) < 1100 and "50000 tekens" in waarde
    # The raw layer keeps the whole value: nothing is lost.
    assert rijen(con, "SELECT length(omschrijving) FROM raw.meldingen") == [(50_000,)]

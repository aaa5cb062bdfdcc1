"""The demo region as iWmo 3.2 messages: XSD-valid, the shape of each message type, the CSV
twin equal to what the reader gets from the messages, and values iWmo cannot carry refused."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import polars as pl
import pytest
from lxml import etree

from pipelines.demo.generate_region import RegioSamenvatting, genereer_regio, maak_tabellen
from pipelines.demo.iwmo_xml import BERICHTTYPEN, OnschrijfbaarBericht, schrijf_berichten
from pipelines.ingest.read_iwmo_xml import lees_iwmo_xml
from tests.demo.test_generate_region import KLEIN

# Copies of reference/iwmo-3/xsd (see tests/fixtures/iwmo/README.md).
REFERENTIE_XSD = Path(__file__).resolve().parents[1] / "fixtures" / "iwmo" / "xsd_3.2"
STEEKPROEF = 150  # messages validated per type


@pytest.fixture(scope="module")
def xml_regio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RegioSamenvatting]:
    doelmap = tmp_path_factory.mktemp("xml_regio")
    return doelmap, genereer_regio(doelmap, formaat="iwmo-xml", met_zip=True, **KLEIN)


@pytest.fixture(scope="module")
def xsd_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference XSDs, with basisschema.xsd as the imports spell it (see SOURCE.md)."""
    doel = tmp_path_factory.mktemp("xsd")
    for xsd in REFERENTIE_XSD.glob("*.xsd"):
        shutil.copy(xsd, doel / xsd.name)
    shutil.copy(REFERENTIE_XSD / "Basisschema.xsd", doel / "basisschema.xsd")
    return doel


def _schema(xsd_map: Path, soort: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(xsd_map / f"WMO{soort}.xsd")))


def test_berichten_per_soort_in_eigen_map(xml_regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, samenvatting = xml_regio
    assert samenvatting.berichten is not None
    for soort in BERICHTTYPEN:
        bestanden = sorted((doelmap / "bron" / soort).glob("*.xml"))
        assert len(bestanden) == samenvatting.berichten[soort] > 0
        assert all(b.name.startswith(f"WMO{soort}_") for b in bestanden)
    # Tables without an iWmo message stay CSV next to the message folders.
    assert sorted(p.name for p in (doelmap / "bron").glob("*.csv")) == [
        "aanbieders.csv",
        "begroting.csv",  # #13
        "managementinformatie.csv",
        "meldingen.csv",
        "onderaannemers.csv",
        "organisaties.csv",
        "verantwoording.csv",
        "wachttijden.csv",
    ]
    assert not (doelmap / "bron" / "declaraties.csv").exists()


@pytest.mark.parametrize("soort", BERICHTTYPEN)
def test_steekproef_is_geldig_tegen_de_xsd(
    xml_regio: tuple[Path, RegioSamenvatting], xsd_map: Path, soort: str
) -> None:
    doelmap, _ = xml_regio
    schema = _schema(xsd_map, soort)
    bestanden = sorted((doelmap / "bron" / soort).glob("*.xml"))
    steekproef = random.Random(soort).sample(bestanden, min(STEEKPROEF, len(bestanden)))
    ongeldig = [
        f"{pad.name}: {schema.error_log.last_error}"
        for pad in steekproef
        if not schema.validate(etree.parse(str(pad)))
    ]
    assert ongeldig == []


def test_xsd_weigert_een_bericht_met_decimaal_volume(
    xml_regio: tuple[Path, RegioSamenvatting], xsd_map: Path
) -> None:
    """The XSD check can fail: the hours-to-the-quarter volume the demo used to write."""
    doelmap, _ = xml_regio
    pad = next((doelmap / "bron" / "323").glob("*.xml"))
    tekst = pad.read_text(encoding="utf-8")
    begin = tekst.index("<wmo323:GeleverdVolume>") + len("<wmo323:GeleverdVolume>")
    eind = tekst.index("</wmo323:GeleverdVolume>")
    kapot = tekst[:begin] + "12.75" + tekst[eind:]
    assert not _schema(xsd_map, "323").validate(etree.fromstring(kapot.encode()))


def test_berichtidentificatie_uniek_per_afzender(xml_regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, _ = xml_regio
    per_afzender: Counter[tuple[str, str]] = Counter()
    for soort in BERICHTTYPEN:
        for pad in (doelmap / "bron" / soort).glob("*.xml"):
            _, afzender, identificatie = pad.stem.split("_")
            kop = etree.parse(str(pad)).getroot()[0]
            waarden = {etree.QName(e).localname: e for e in kop}
            assert waarden["Afzender"].text == afzender
            assert waarden["BerichtIdentificatie"][0].text == identificatie
            per_afzender[(afzender, identificatie)] += 1
    assert max(per_afzender.values()) == 1


def test_zip_bevat_dezelfde_berichten(xml_regio: tuple[Path, RegioSamenvatting]) -> None:
    doelmap, samenvatting = xml_regio
    assert samenvatting.berichten is not None
    with zipfile.ZipFile(doelmap / "iwmo_berichten.zip") as archief:
        namen = archief.namelist()
        assert len(namen) == sum(samenvatting.berichten.values())
        voorbeeld = namen[-1]
        assert archief.read(voorbeeld) == (doelmap / "bron" / voorbeeld).read_bytes()
    assert {n.split("/")[0] for n in namen} == set(BERICHTTYPEN)


def test_301_is_een_momentopname_van_alle_geldende_toewijzingen(
    xml_regio: tuple[Path, RegioSamenvatting],
) -> None:
    """A toewijzing stays in every later 301 for that client and provider until it ends."""
    doelmap, _ = xml_regio
    per_client: dict[tuple[str, str], list[tuple[str, list[dict[str, str | None]]]]] = {}
    for pad in sorted((doelmap / "bron" / "301").glob("*.xml")):
        bericht = lees_iwmo_xml(pad)
        eerste = bericht.rijen[0]
        dagtekening = etree.parse(str(pad)).getroot()[0][5][1].text
        assert dagtekening is not None
        sleutel = (str(eerste["bsn"]), str(eerste["aanbieder_agb"]))
        per_client.setdefault(sleutel, []).append((dagtekening, bericht.rijen))
    meer_dan_een = 0
    for berichten in per_client.values():
        berichten.sort(key=lambda b: b[0])
        for (_, vorige), (moment, huidige) in itertools.pairwise(berichten):
            nummers = {r["toewijzingnummer"] for r in huidige}
            for rij in vorige:
                # Still current at the next change: it must be in that snapshot too.
                if rij["einddatum"] is None or str(rij["einddatum"]) >= moment:
                    assert rij["toewijzingnummer"] in nummers
            meer_dan_een += len(huidige) > 1
    assert meer_dan_een > 0  # the region has snapshots with several toewijzingen


def test_csv_tweeling_is_wat_de_lezer_uit_de_berichten_haalt(
    xml_regio: tuple[Path, RegioSamenvatting],
) -> None:
    """Row for row (as text): what the XML reader reads equals the CSV twin, as distinct rows."""
    doelmap, _ = xml_regio
    for soort, tabel in (("301", "toewijzingen"), ("305", "zorgperiodes"), ("323", "declaraties")):
        gelezen: list[dict[str, str | None]] = []
        soorten = ("305", "307") if soort == "305" else (soort,)
        for s in soorten:
            for pad in sorted((doelmap / "bron" / s).glob("*.xml")):
                gelezen.extend(lees_iwmo_xml(pad).rijen)
        tweeling = pl.read_csv(doelmap / "csv_tweeling" / f"{tabel}.csv", infer_schema_length=0)
        uit_xml = {_als_tekst(r) for r in gelezen}
        uit_csv = Counter(_als_tekst(r) for r in tweeling.iter_rows(named=True))
        # Each distinct row once: a 301 repeats unchanged toewijzingen, ingest loads them once.
        assert max(uit_csv.values()) == 1, tabel
        assert uit_xml == set(uit_csv), tabel
        if tabel == "toewijzingen":
            assert len(gelezen) > tweeling.height  # the snapshots did repeat rows


def _als_tekst(rij: dict[str, str | None]) -> tuple[tuple[str, str], ...]:
    """Comparable form: numbers as numbers (CSV writes 2.00, the reader 2), rest unchanged."""
    uit: list[tuple[str, str]] = []
    for kolom, waarde in sorted(rij.items()):
        if kolom == "regelnummer":  # where the reader found the row, not row content
            continue
        if kolom in {"volume", "geleverd_volume", "producttarief", "ingediend_bedrag", "budget"}:
            uit.append((kolom, "" if waarde is None else f"{float(waarde):.2f}"))
        else:
            uit.append((kolom, "" if waarde is None else str(waarde)))
    return tuple(uit)


# Values iWmo 3.2 cannot carry are refused with the table, column and value; text is escaped.


def _een_declaratie() -> dict[str, pl.DataFrame]:
    regio = maak_tabellen(**KLEIN)
    tabellen = dict(regio.tabellen)
    tabellen["toewijzingen"] = tabellen["toewijzingen"].head(1)
    tabellen["zorgperiodes"] = tabellen["zorgperiodes"].head(1)
    tabellen["declaraties"] = tabellen["declaraties"].head(1)
    return tabellen


@pytest.fixture(scope="module")
def een_declaratie() -> dict[str, pl.DataFrame]:
    return _een_declaratie()


@pytest.mark.parametrize(
    ("tabel", "kolom", "waarde", "fout"),
    [
        ("declaraties", "toewijzingnummer", "TW-2024-0001", "LDT_Nummer"),
        ("declaraties", "toewijzingnummer", "1234567890", "LDT_Nummer"),
        ("declaraties", "toewijzingnummer", None, "LDT_Nummer"),
        ("declaraties", "declaratienummer", "98010241-202401-01", "LDT_IdentificatieDeclaratie"),
        ("declaraties", "referentienummer", "x" * 21, "LDT_ReferentieNummer"),
        ("declaraties", "geleverd_volume", 12.75, "geheel aantal hele eenheden"),
        ("declaraties", "ingediend_bedrag", 1_000_000.0, "eurocent"),
        ("declaraties", "bsn", "12345678a", "LDT_BurgerServicenummer"),
        ("declaraties", "eenheid", "04<x/>", "LDT_Eenheid"),
        ("toewijzingen", "volume", 1.5, "geheel aantal"),
        ("toewijzingen", "gemeentecode", "0355</wmo301:Afzender>", "LDT_Gemeente"),
        ("zorgperiodes", "reden_beeindiging", "99", "LDT_RedenBeeindiging"),
    ],
)
def test_waarde_die_niet_in_iwmo_past_wordt_geweigerd(
    een_declaratie: dict[str, pl.DataFrame],
    tmp_path: Path,
    tabel: str,
    kolom: str,
    waarde: object,
    fout: str,
) -> None:
    tabellen = dict(een_declaratie)
    df = tabellen[tabel]
    if tabel == "zorgperiodes":  # a stop, so the reason is written
        df = df.with_columns(einddatum=pl.lit(dt.date(2025, 6, 30)))
    tabellen[tabel] = df.with_columns(pl.lit(waarde, dtype=df.schema[kolom]).alias(kolom))
    with pytest.raises(OnschrijfbaarBericht, match=fout) as info:
        schrijf_berichten(tabellen, tmp_path)
    assert f"{tabel}.{kolom}" in str(info.value)


def test_vrije_tekst_kan_geen_opmaak_toevoegen() -> None:
    """The only free text in the messages (names) is escaped; no value is pasted in raw."""
    from pipelines.demo import iwmo_xml

    deel = iwmo_xml._achternaam("de <Bsn>999</Bsn> & ]]> Vries")
    element = etree.fromstring(f'<x xmlns:iwmo="{iwmo_xml.BASIS_NS}">{deel}</x>'.encode())
    assert element[0][0].text == "Vries"
    assert element[0][1].text == "de <Bsn>999</Bsn> & ]]>"


# The demo command's options (generating and loading the XML region is the twin test's job).


@pytest.mark.parametrize(
    ("opties", "fout"),
    [
        (["--formaat", "pdf"], "onbekend formaat"),
        (["--zip"], "--zip hoort bij --formaat iwmo-xml"),
    ],
)
def test_demo_weigert_onzinnige_opties_voor_er_iets_gebeurt(
    tmp_path: Path, opties: list[str], fout: str
) -> None:
    from typer.testing import CliRunner

    from pipelines.cli import app

    doelmap = tmp_path / "demo"
    uitkomst = CliRunner().invoke(
        app, ["demo", "--map", str(doelmap), "--db", str(tmp_path / "d.duckdb"), *opties]
    )
    assert uitkomst.exit_code != 0
    assert fout in " ".join(uitkomst.output.split())
    assert not doelmap.exists()

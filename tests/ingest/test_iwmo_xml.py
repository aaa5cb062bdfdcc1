"""iWmo XML → contract rows: message recognition, field mapping, eurocent → euro, refusals."""

from __future__ import annotations

import random
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.contract import TABELLEN
from pipelines.ingest import read_iwmo_xml
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.read_iwmo_xml import (
    IwmoBericht,
    _eurocent_naar_euro,
    _eurocent_naar_euro_decimaal,
    lees_iwmo_bericht,
    lees_iwmo_xml,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "iwmo"
VOORBEELD_323 = FIXTURES / "WMO323_3.2_voorbeeld.xml"


def lees(naam: str) -> IwmoBericht:
    return lees_iwmo_xml(FIXTURES / naam)


def per_nummer(bericht: IwmoBericht, sleutel: str) -> dict[str | None, dict[str, str | None]]:
    return {rij[sleutel]: rij for rij in bericht.rijen}


def regels_met(pad: Path, tag: str) -> list[str]:
    """Line numbers (1-based, as text) of the lines that open `tag`: the expected regelnummer."""
    regels = pad.read_text(encoding="utf-8").splitlines()
    return [str(i) for i, regel in enumerate(regels, start=1) if re.search(rf"<{tag}[\s>]", regel)]


@pytest.mark.parametrize(
    ("bestand", "tabel", "berichttype", "release", "aantal"),
    [
        ("WMO301_3.2_handgemaakt.xml", "toewijzingen", "WMO301", "3.2", 3),
        ("WMO305_3.2_handgemaakt.xml", "zorgperiodes", "WMO305", "3.2", 2),
        ("WMO307_3.2_handgemaakt.xml", "zorgperiodes", "WMO307", "3.2", 1),
        ("WMO323_3.2_voorbeeld.xml", "declaraties", "WMO323", "3.2", 4),
        ("WMO323_3.2_credit_en_euro.xml", "declaraties", "WMO323", "3.2", 3),
        ("WMO301_2.1_handgemaakt.xml", "toewijzingen", "WMO301", "2.1", 2),
        ("WMO305_2.1_handgemaakt.xml", "zorgperiodes", "WMO305", "2.1", 1),
        ("WMO307_2.1_handgemaakt.xml", "zorgperiodes", "WMO307", "2.1", 1),
        ("WMO303_2.1_aanname.xml", "declaraties", "WMO303", "2.1", 1),
        ("WMO301_2.0_CasusB-01_toewijzing.xml", "toewijzingen", "WMO301", "2.0", 1),
        ("WMO301_2.0_CasusA-04_intrekking.xml", "toewijzingen", "WMO301", "2.0", 1),
        ("WMO305_2.0_CasusE-01_correctie.xml", "zorgperiodes", "WMO305", "2.0", 2),
        ("WMO307_2.0_CasusB-04_stop.xml", "zorgperiodes", "WMO307", "2.0", 1),
    ],
)
def test_bericht_herkend_met_precies_de_contractkolommen(
    bestand: str, tabel: str, berichttype: str, release: str, aantal: int
) -> None:
    bericht = lees(bestand)

    assert (bericht.tabel, bericht.berichttype, bericht.release) == (tabel, berichttype, release)
    assert len(bericht.rijen) == aantal
    verwacht = [
        "bsn" if kolom == "client_id" else kolom for kolom in TABELLEN[tabel].kolomnamen
    ] + ["regelnummer"]
    for rij in bericht.rijen:
        assert list(rij) == verwacht
        assert rij["regelnummer"] is not None and rij["regelnummer"].isdigit()


def test_wmo323_voorbeeld_eerste_prestatie() -> None:
    bericht = lees("WMO323_3.2_voorbeeld.xml")

    assert bericht.rijen[0] == {
        "declaratienummer": "DN001",
        "referentienummer": "RN001",
        "vorig_referentienummer": None,
        "aanbieder_agb": "65656055",
        "gemeentecode": "0384",
        "bsn": "999900006",
        "toewijzingnummer": "20072",
        "productcategorie": "01",
        "productcode": "01A03",
        "begindatum": "2023-04-01",
        "einddatum": "2023-04-30",
        "geleverd_volume": "4",
        "eenheid": "04",
        "producttarief": "12.50",
        "ingediend_bedrag": "50.00",
        "debet_credit": "D",
        "declaratiedatum": "2023-05-06",
        "regelnummer": "33",
    }


def test_wmo323_voorbeeld_bsn_per_client_en_bedragen_in_euro() -> None:
    rijen = per_nummer(lees("WMO323_3.2_voorbeeld.xml"), "referentienummer")

    assert [rijen[r]["bsn"] for r in ("RN001", "RN002", "RN003", "RN004")] == [
        "999900006",
        "999900006",
        "999900018",
        "999900018",
    ]
    assert rijen["RN002"]["toewijzingnummer"] == "200730"
    assert (rijen["RN004"]["producttarief"], rijen["RN004"]["ingediend_bedrag"]) == (
        "15.00",
        "240.00",
    )
    # 4 × 12.50 + 16 × 15.00, twice: the TotaalIngediendBedrag of 58000 eurocent.
    totaal = sum(Decimal(r["ingediend_bedrag"] or "x") for r in rijen.values())
    assert totaal == Decimal("580.00")


def test_wmo323_credit_en_volume_in_euro() -> None:
    rijen = per_nummer(lees("WMO323_3.2_credit_en_euro.xml"), "referentienummer")

    credit = rijen["RN101"]
    assert (credit["debet_credit"], credit["vorig_referentienummer"]) == ("C", "RN001")
    assert credit["ingediend_bedrag"] == "50.00"  # positive: the sign is in debet_credit
    assert (rijen["RN102"]["debet_credit"], rijen["RN102"]["ingediend_bedrag"]) == ("D", "37.50")
    euro = rijen["RN103"]
    assert (euro["eenheid"], euro["geleverd_volume"], euro["ingediend_bedrag"]) == (
        "83",
        "225.50",
        "225.50",
    )
    assert euro["producttarief"] is None
    assert euro["declaratiedatum"] == "2023-06-01"


def test_wmo301_3_2_volume_budget_en_categorie() -> None:
    rijen = per_nummer(lees("WMO301_3.2_handgemaakt.xml"), "toewijzingnummer")

    assert rijen["20072"] == {
        "toewijzingnummer": "20072",
        "bsn": "999900006",
        "gemeentecode": "0384",
        "aanbieder_agb": "65656055",
        "productcategorie": "02",
        "productcode": "02A03",
        "ingangsdatum": "2023-01-01",
        "einddatum": "2023-06-30",
        "volume": "6",
        "eenheid": "04",
        "frequentie": "2",
        "budget": None,
        "toewijzingsdatum": "2023-03-15",
        "reden_wijziging": "05",
        "regelnummer": "49",
    }
    assert (rijen["20073"]["volume"], rijen["20073"]["eenheid"]) == ("225.50", "83")
    budget = rijen["20074"]
    assert (budget["budget"], budget["productcode"], budget["einddatum"]) == ("1234.56", None, None)
    assert budget["volume"] is None and budget["eenheid"] is None


def test_wmo301_2_1_twee_clienten_en_aanbieder_per_product() -> None:
    rijen = per_nummer(lees("WMO301_2.1_handgemaakt.xml"), "toewijzingnummer")

    assert (rijen["21001"]["bsn"], rijen["21002"]["bsn"]) == ("999900006", "999900018")
    assert {r["gemeentecode"] for r in rijen.values()} == {"0599"}
    assert {r["aanbieder_agb"] for r in rijen.values()} == {"12345678"}
    # The ToegewezenProduct's own Ingangsdatum, not the Beschikking's.
    assert rijen["21001"]["ingangsdatum"] == "2019-01-14"
    assert (rijen["21002"]["volume"], rijen["21002"]["eenheid"]) == ("100.00", "83")
    assert rijen["21002"]["reden_wijziging"] == "03"


def test_wmo301_2_0_ketenbureau_voorbeelden() -> None:
    [toewijzing] = lees("WMO301_2.0_CasusB-01_toewijzing.xml").rijen
    # 2.0 has no ToewijzingNummer: Beschikkingnummer + product, as the 307 of casus B-04.
    assert toewijzing["toewijzingnummer"] == "658721123-0101A01"
    assert (toewijzing["gemeentecode"], toewijzing["aanbieder_agb"]) == ("0384", "98026987")
    assert (toewijzing["volume"], toewijzing["eenheid"], toewijzing["frequentie"]) == (
        "225.00",
        "83",
        "4",
    )
    assert (toewijzing["ingangsdatum"], toewijzing["einddatum"]) == ("2016-03-07", "2016-12-31")

    [intrekking] = lees("WMO301_2.0_CasusA-04_intrekking.xml").rijen
    assert (intrekking["einddatum"], intrekking["reden_wijziging"]) == ("2016-11-07", "4")


def test_wmo305_verwijderde_aanlevering_is_gewone_rij_met_status() -> None:
    # Since #9 a StatusAanlevering 3 row is an ordinary row; SQL downstream applies it.
    bericht = lees("WMO305_3.2_handgemaakt.xml")

    verwijderd, nieuw = bericht.rijen
    assert nieuw == {
        "toewijzingnummer": "20073",
        "gemeentecode": "0384",
        "aanbieder_agb": "65656055",
        "bsn": "999900006",
        "productcategorie": "01",
        "productcode": "01A01",
        "begindatum": "2023-04-03",
        "einddatum": None,
        "reden_beeindiging": None,
        "status_aanlevering": "1",
        "regelnummer": "42",
    }
    assert (verwijderd["begindatum"], verwijderd["status_aanlevering"]) == ("2023-04-01", "3")
    assert verwijderd["regelnummer"] == "32"

    correctie = lees("WMO305_2.0_CasusE-01_correctie.xml")
    assert [(r["begindatum"], r["status_aanlevering"]) for r in correctie.rijen] == [
        ("2016-03-10", "3"),
        ("2016-03-21", "1"),
    ]
    assert {r["gemeentecode"] for r in correctie.rijen} == {"0385"}


@pytest.mark.parametrize(
    ("bestand", "verwacht"),
    [
        (
            "WMO307_3.2_handgemaakt.xml",
            ("20072", "0384", "65656055", "999900018", "2023-01-09", "2023-06-30", "02"),
        ),
        (
            "WMO307_2.1_handgemaakt.xml",
            ("21001", "0599", "12345678", "999900006", "2019-01-15", "2019-06-28", "20"),
        ),
        (
            "WMO307_2.0_CasusB-04_stop.xml",
            (
                "658721123-0101A01",
                "0384",
                "98026987",
                "123456782",
                "2016-03-10",
                "2016-10-02",
                "02",
            ),
        ),
    ],
)
def test_wmo307_stop(bestand: str, verwacht: tuple[str | None, ...]) -> None:
    [rij] = lees(bestand).rijen
    kolommen = (
        "toewijzingnummer",
        "gemeentecode",
        "aanbieder_agb",
        "bsn",
        "begindatum",
        "einddatum",
        "reden_beeindiging",
    )
    assert tuple(rij[k] for k in kolommen) == verwacht


def test_wmo303_2x_aanname() -> None:
    [rij] = lees("WMO303_2.1_aanname.xml").rijen

    assert rij["declaratienummer"] == "F2019003"
    assert rij["declaratiedatum"] == "2019-03-05"  # header Dagtekening: no own date element
    assert (rij["aanbieder_agb"], rij["gemeentecode"], rij["bsn"]) == (
        "12345678",
        "0599",
        "999900006",
    )
    assert (rij["referentienummer"], rij["productcategorie"], rij["productcode"]) == (
        "P2019-17",
        "02",
        "02A01",
    )
    assert (rij["begindatum"], rij["einddatum"]) == ("2019-02-01", "2019-02-28")
    assert (rij["producttarief"], rij["ingediend_bedrag"], rij["debet_credit"]) == (
        "48.75",
        "390.00",
        "D",
    )


@pytest.mark.parametrize("naam", ["x.txt", "toewijzingen_2023.csv", "WMO301.xml"])
def test_berichttype_uit_namespace_niet_uit_bestandsnaam(tmp_path: Path, naam: str) -> None:
    kopie = tmp_path / naam
    shutil.copy(VOORBEELD_323, kopie)

    bericht = lees_iwmo_xml(kopie)

    assert (bericht.tabel, bericht.berichttype, bericht.release) == (
        "declaraties",
        "WMO323",
        "3.2",
    )
    assert bericht.rijen[0]["producttarief"] == "12.50"


@pytest.mark.parametrize(
    ("bestand", "tag"),
    [
        ("WMO323_3.2_voorbeeld.xml", "wmo323:Prestatie"),
        ("WMO301_3.2_handgemaakt.xml", "wmo301:ToegewezenProduct"),
        ("WMO301_2.1_handgemaakt.xml", "wmo301:ToegewezenProduct"),
        ("WMO307_2.0_CasusB-04_stop.xml", "wmo307:StopProduct"),
    ],
)
def test_regelnummer_is_regel_van_het_element(bestand: str, tag: str) -> None:
    bericht = lees(bestand)

    assert [r["regelnummer"] for r in bericht.rijen] == regels_met(FIXTURES / bestand, tag)


def groot_bericht(tmp_path: Path, compact: bool) -> Path:
    """The WMO323 example grown past line 65535, pretty-printed or one Prestatie per line."""
    tekst = VOORBEELD_323.read_text(encoding="utf-8")
    begin, eind = tekst.index("<wmo323:Client>"), tekst.index("</wmo323:Clienten>")
    clienten = tekst[begin:eind]
    if compact:
        clienten = re.sub(r">\s+<", "><", clienten).replace(
            "<wmo323:Prestatie>", "\n<wmo323:Prestatie>"
        )
        herhalingen = 30
        clienten = "\n" * 70_000 + clienten  # whitespace between elements is allowed
    else:
        herhalingen = 65535 // clienten.count("\n") + 50
    pad = tmp_path / "groot.xml"
    pad.write_text(tekst[:begin] + clienten * herhalingen + tekst[eind:], "utf-8")
    return pad


@pytest.mark.parametrize("compact", [False, True])
def test_groot_bericht_regelnummers_voorbij_65535(tmp_path: Path, compact: bool) -> None:
    # libxml2 keeps element line numbers in 16 bits; lineage must stay exact in big files.
    groot = groot_bericht(tmp_path, compact)

    bericht = lees_iwmo_xml(groot)

    verwacht = regels_met(groot, "wmo323:Prestatie")
    assert len(verwacht) == len(bericht.rijen) > 4
    assert int(verwacht[-1]) > 65535
    assert [r["regelnummer"] for r in bericht.rijen] == verwacht
    assert bericht.rijen[-1]["bsn"] == "999900018"


def schrijf_323(tmp_path: Path, tarief: str, eenheid: str = "04", volume: str = "4") -> Path:
    tekst = VOORBEELD_323.read_text(encoding="utf-8")
    tekst = tekst.replace("<wmo323:ProductTarief>1250<", f"<wmo323:ProductTarief>{tarief}<", 1)
    tekst = tekst.replace("<wmo323:Eenheid>04<", f"<wmo323:Eenheid>{eenheid}<", 1)
    tekst = tekst.replace("<wmo323:GeleverdVolume>4<", f"<wmo323:GeleverdVolume>{volume}<", 1)
    pad = tmp_path / "bedragen.xml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    ("tarief", "verwacht"),
    [
        ("7", "0.07"),
        ("0", "0.00"),
        ("100", "1.00"),
        ("+1250", "12.50"),
        ("001250", "12.50"),
        ("99999999", "999999.99"),
        (" 1250 ", "12.50"),
        ("12,50", "ongeldig bedrag in eurocent: 12,50"),
    ],
)
def test_eurocent_naar_euro_via_bericht(tmp_path: Path, tarief: str, verwacht: str) -> None:
    rij = lees_iwmo_xml(schrijf_323(tmp_path, tarief)).rijen[0]

    assert rij["producttarief"] == verwacht


@pytest.mark.parametrize(
    ("eenheid", "volume", "verwacht"), [("83", "1999", "19.99"), ("01", "1999", "1999")]
)
def test_geleverd_volume_alleen_bij_eenheid_83_omgerekend(
    tmp_path: Path, eenheid: str, volume: str, verwacht: str
) -> None:
    rij = lees_iwmo_xml(schrijf_323(tmp_path, "1", eenheid, volume)).rijen[0]

    assert (rij["eenheid"], rij["geleverd_volume"]) == (eenheid, verwacht)


@given(st.integers(min_value=0, max_value=99_999_999))
def test_eurocent_naar_euro_exact(cent: int) -> None:
    euro = _eurocent_naar_euro(str(cent))

    assert euro is not None
    assert re.fullmatch(r"\d+\.\d\d", euro)
    assert Decimal(euro) * 100 == cent


# --- refusals -------------------------------------------------------------------------------


def weigering(pad: Path) -> str:
    with pytest.raises(OnleesbaarBestand) as fout:
        lees_iwmo_xml(pad)
    return str(fout.value)


def test_willekeurige_bytes_geweigerd(tmp_path: Path) -> None:
    pad = tmp_path / "WMO323.xml"
    pad.write_bytes(random.Random(20240601).randbytes(4096))

    assert weigering(pad).startswith("Geen iWmo-bericht herkend")


@pytest.mark.parametrize("inhoud", [b"", b"bsn;toewijzingnummer\n999900006;20072\n"])
def test_leeg_of_tekst_geweigerd(tmp_path: Path, inhoud: bytes) -> None:
    pad = tmp_path / "declaraties.xml"
    pad.write_bytes(inhoud)

    assert "geen leesbaar XML-bestand" in weigering(pad)


def test_andere_xml_geweigerd() -> None:
    melding = weigering(FIXTURES / "geen_iwmo.xml")

    assert melding.startswith("Geen iWmo-bericht herkend")
    assert "http://example.org/facturen/1_0/factuur/schema" in melding


def test_ijw_bericht_gelezen_als_jeugd() -> None:
    # Before #9 an iJw message was refused; the structure is that of iWmo, the domain differs.
    bericht = lees("JW301_ijw_3.2_voorbeeld.xml")

    assert (bericht.tabel, bericht.berichttype, bericht.domein) == (
        "toewijzingen",
        "JW301",
        "jeugd",
    )


@pytest.mark.parametrize(
    ("oud", "nieuw", "reden"),
    [
        ("iwmo/3_2/wmo323/schema", "iwmo/3_2/wmo302/schema", "retourbericht"),
        ("iwmo/3_2/wmo323/schema", "ijw/3_2/jw320/schema", "retourbericht"),
        ("iwmo/3_2/wmo323/schema", "iwmo/3_2/wmo399/schema", "WMO399 release 3.2"),
        ("iwmo/3_2/wmo323/schema", "ijw/2_1/jw323/schema", "JW323 release 2.1"),
    ],
)
def test_niet_ondersteund_bericht_geweigerd_met_reden(
    tmp_path: Path, oud: str, nieuw: str, reden: str
) -> None:
    pad = tmp_path / "bericht.xml"
    tekst = VOORBEELD_323.read_text(encoding="utf-8").replace(oud, nieuw)
    pad.write_text(tekst.replace("wmo323:", "x:").replace("xmlns:wmo323", "xmlns:x"), "utf-8")

    melding = weigering(pad)

    assert reden in melding
    assert "niet ingelezen" in melding or "de monitor kan inlezen" in melding


@pytest.mark.parametrize(
    ("oud", "nieuw"),
    [
        ("iwmo/3_2/wmo323/schema", "iwmo/2_1/wmo323/schema"),  # 323 does not exist in 2.x
        ("iwmo/3_2/wmo323/schema", "iwmo/4_0/wmo323/schema"),  # unknown future release
        ("iwmo/3_2/wmo323/schema", "iwmo/3_2/wmo324/schema"),
    ],
)
def test_onbekende_release_of_bericht_geweigerd(tmp_path: Path, oud: str, nieuw: str) -> None:
    pad = tmp_path / "bericht.xml"
    pad.write_text(VOORBEELD_323.read_text(encoding="utf-8").replace(oud, nieuw), "utf-8")

    assert weigering(pad).startswith("Geen iWmo-bericht herkend")


def test_afgebroken_bericht_geweigerd_met_regel(tmp_path: Path) -> None:
    tekst = VOORBEELD_323.read_text(encoding="utf-8")
    pad = tmp_path / "afgebroken.xml"
    pad.write_text(tekst[: tekst.index("RN003")], encoding="utf-8")

    melding = weigering(pad)

    assert "beschadigd" in melding and "regel" in melding


def test_externe_entiteit_wordt_niet_gelezen(tmp_path: Path) -> None:
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("GEHEIM-42", encoding="utf-8")
    tekst = VOORBEELD_323.read_text(encoding="utf-8")
    tekst = tekst.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE wmo323:Bericht [<!ENTITY x SYSTEM "{geheim.as_uri()}">]>',
    ).replace("<wmo323:ProductCode>01A03<", "<wmo323:ProductCode>&x;<", 1)
    pad = tmp_path / "xxe.xml"
    pad.write_text(tekst, encoding="utf-8")

    try:
        bericht = lees_iwmo_xml(pad)
    except OnleesbaarBestand:
        return  # refusing the file is just as safe
    waarden = {w for rij in bericht.rijen for w in rij.values()}
    assert not any("GEHEIM" in (w or "") for w in waarden)
    assert bericht.rijen[0]["productcode"] is None


# --- two reading paths, one result ----------------------------------------------------------


@pytest.mark.parametrize(
    "bestand", sorted(p.name for p in FIXTURES.glob("*.xml") if "geen" not in p.name)
)
def test_heel_en_stromend_lezen_geven_hetzelfde(
    bestand: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    inhoud = (FIXTURES / bestand).read_bytes()
    heel = lees_iwmo_bericht(inhoud, bestand)

    def geen_hele_parse() -> None:
        raise AssertionError("het stromende pad parset niet het hele bericht")

    monkeypatch.setattr(read_iwmo_xml, "STROOMLEZEN_VANAF", 0)
    monkeypatch.setattr(read_iwmo_xml, "_parser", geen_hele_parse)
    stromend = lees_iwmo_bericht(inhoud, bestand)

    assert stromend == heel
    assert heel.rijen


# --- eurocent → euro: string arithmetic against the Decimal reference -----------------------


@pytest.mark.parametrize(
    ("cent", "euro"),
    [
        ("1250", "12.50"),
        ("5", "0.05"),
        ("-0", "0.00"),
        ("+0", "0.00"),
        ("0012", "0.12"),
        ("-5", "-0.05"),
        ("-000", "0.00"),
        ("100", "1.00"),
        ("12,50", "ongeldig bedrag in eurocent: 12,50"),
        ("+", "ongeldig bedrag in eurocent: +"),
        ("1e3", "ongeldig bedrag in eurocent: 1e3"),
        ("12.5", "0.125"),  # a fraction of a cent stays exact (Decimal path)
    ],
)
def test_eurocent_naar_euro_voorbeelden(cent: str, euro: str) -> None:
    assert _eurocent_naar_euro(cent) == euro


@given(
    st.one_of(
        st.from_regex(r"[+-]?[0-9]{1,12}", fullmatch=True),
        st.from_regex(r"[+-]?[0-9]{1,6}\.[0-9]{1,4}", fullmatch=True),
        st.text(max_size=8),
    )
)
def test_eurocent_naar_euro_gelijk_aan_decimal(waarde: str) -> None:
    assert _eurocent_naar_euro(waarde) == _eurocent_naar_euro_decimaal(waarde)


def test_bericht_op_een_regel_krijgt_volgnummers() -> None:
    # Many systems write a message without line breaks: every prestatie would be on line 2.
    # Rows then get their position, so each keeps its own number.
    inhoud = (FIXTURES / "officieel" / "iwmo-3" / "WMO323.xml").read_bytes()
    kop, _, lijf = inhoud.partition(b"\n")
    een_regel = kop + b"\n" + re.sub(rb">\s+<", b"><", lijf)

    rijen = lees_iwmo_bericht(een_regel, "op_een_regel.xml").rijen
    gewoon = lees_iwmo_bericht(inhoud, "gewoon.xml").rijen

    assert [r["regelnummer"] for r in rijen] == ["1", "2", "3", "4"]
    assert len({r["regelnummer"] for r in gewoon}) == 4
    assert all(int(r["regelnummer"] or 0) > 4 for r in gewoon), "gewoon: de regel in het bestand"
    zonder_nummer = [{k: v for k, v in r.items() if k != "regelnummer"} for r in rijen]
    assert zonder_nummer == [{k: v for k, v in r.items() if k != "regelnummer"} for r in gewoon]

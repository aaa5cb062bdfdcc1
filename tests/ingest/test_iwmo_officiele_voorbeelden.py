"""Every official example message in reference/ (copied to tests/fixtures/iwmo/officieel/).

Expectations are written out per message from reading the XML (values, keys, amounts in euro,
the 2.0 key Beschikkingnummer-CategorieCode): every filled column of every row is listed; a
column not listed must be None. Retour messages are refused with their reason. The two invalid
iJw examples: JW315 (ToewijzingEinddatum 2027-06-31) is read and the impossible date passed on
unchanged, so the loader's validation quarantines that row with its reason; JW318 is a retour
message (and invalid) and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipelines.contract import TABELLEN
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.read_iwmo_xml import lees_iwmo_bericht, lees_iwmo_xml

OFFICIEEL = Path(__file__).resolve().parent.parent / "fixtures" / "iwmo" / "officieel"


@dataclass
class Verwacht:
    soort: tuple[str, str, str, str]  # tabel, berichttype, release, domein
    kop: tuple[
        str | None, str | None, str | None, str | None
    ]  # id, dagtekening, afzender, ontvanger
    rijen: list[dict[str, str]]  # the filled columns of each row, in message order


VERWACHT: dict[str, Verwacht] = {
    "iwmo-2.0/CasusA-01-WMO315_verzoek.xml": Verwacht(
        ("verzoeken", "WMO315", "2.0", "wmo"),
        ("77edaa56cd81", "2016-02-18", "98025566", "0384"),
        [
            {
                "verzoeknummer": "425386123-0707A03",
                "soort": "315",
                "aanbieder_agb": "98025566",
                "gemeentecode": "0384",
                "bsn": "123456782",
                "productcategorie": "07",
                "productcode": "07A03",
                "volume": "6",
                "eenheid": "04",
                "frequentie": "2",
                "ingangsdatum": "2016-02-15",
                "verzoekdatum": "2016-02-18",
                "regelnummer": "34",
            },
        ],
    ),
    "iwmo-2.0/CasusA-02-WMO301_toewijzing.xml": Verwacht(
        ("toewijzingen", "WMO301", "2.0", "wmo"),
        ("1d8d1f0852bf", "2016-02-20", "0384", "98025566"),
        [
            {
                "toewijzingnummer": "425386123-0707A03",
                "bsn": "123456782",
                "gemeentecode": "0384",
                "aanbieder_agb": "98025566",
                "productcategorie": "07",
                "productcode": "07A03",
                "ingangsdatum": "2016-02-15",
                "einddatum": "2016-12-31",
                "volume": "6",
                "eenheid": "04",
                "frequentie": "2",
                "toewijzingsdatum": "2016-02-20",
                "regelnummer": "108",
            },
        ],
    ),
    "iwmo-2.0/CasusA-04-WMO301_intrekking.xml": Verwacht(
        ("toewijzingen", "WMO301", "2.0", "wmo"),
        ("bf6eee8248a7", "2016-11-08", "0384", "98025566"),
        [
            {
                "toewijzingnummer": "425386123-0707A03",
                "bsn": "123456782",
                "gemeentecode": "0384",
                "aanbieder_agb": "98025566",
                "productcategorie": "07",
                "productcode": "07A03",
                "ingangsdatum": "2016-02-15",
                "einddatum": "2016-11-07",
                "volume": "6",
                "eenheid": "04",
                "frequentie": "2",
                "toewijzingsdatum": "2016-11-08",
                "reden_wijziging": "4",
                "regelnummer": "108",
            },
        ],
    ),
    "iwmo-2.0/CasusB-01-WMO301_toewijzing.xml": Verwacht(
        ("toewijzingen", "WMO301", "2.0", "wmo"),
        ("506b94c1386c", "2016-03-07", "0384", "98026987"),
        [
            {
                "toewijzingnummer": "658721123-0101A01",
                "bsn": "123456782",
                "gemeentecode": "0384",
                "aanbieder_agb": "98026987",
                "productcategorie": "01",
                "productcode": "01A01",
                "ingangsdatum": "2016-03-07",
                "einddatum": "2016-12-31",
                "volume": "225.00",
                "eenheid": "83",
                "frequentie": "4",
                "toewijzingsdatum": "2016-03-07",
                "regelnummer": "78",
            },
        ],
    ),
    "iwmo-2.0/CasusB-02-WMO305_start.xml": Verwacht(
        ("zorgperiodes", "WMO305", "2.0", "wmo"),
        ("5f3c3cee56a4", "2016-03-10", "98026987", "0384"),
        [
            {
                "toewijzingnummer": "658721123-0101A01",
                "gemeentecode": "0384",
                "aanbieder_agb": "98026987",
                "bsn": "123456782",
                "productcategorie": "01",
                "productcode": "01A01",
                "begindatum": "2016-03-10",
                "status_aanlevering": "1",
                "regelnummer": "35",
            },
        ],
    ),
    "iwmo-2.0/CasusB-04-WMO307_stop.xml": Verwacht(
        ("zorgperiodes", "WMO307", "2.0", "wmo"),
        ("688304794da1", "2016-03-21", "98026987", "0384"),
        [
            {
                "toewijzingnummer": "658721123-0101A01",
                "gemeentecode": "0384",
                "aanbieder_agb": "98026987",
                "bsn": "123456782",
                "productcategorie": "01",
                "productcode": "01A01",
                "begindatum": "2016-03-10",
                "einddatum": "2016-10-02",
                "reden_beeindiging": "02",
                "status_aanlevering": "1",
                "regelnummer": "35",
            },
        ],
    ),
    "iwmo-2.0/CasusC-01-WMO301_intrekking.xml": Verwacht(
        ("toewijzingen", "WMO301", "2.0", "wmo"),
        ("2389eb76a593", "2016-10-10", "0392", "98025566"),
        [
            {
                "toewijzingnummer": "425386123-0707A03",
                "bsn": "123456782",
                "gemeentecode": "0392",
                "aanbieder_agb": "98025566",
                "productcategorie": "07",
                "productcode": "07A03",
                "ingangsdatum": "2016-02-15",
                "einddatum": "2016-10-09",
                "volume": "6",
                "eenheid": "04",
                "frequentie": "2",
                "toewijzingsdatum": "2016-10-10",
                "reden_wijziging": "3",
                "regelnummer": "108",
            },
        ],
    ),
    "iwmo-2.0/CasusC-02-WMO301_herindicatie.xml": Verwacht(
        ("toewijzingen", "WMO301", "2.0", "wmo"),
        ("a8af40c9d691", "2016-10-10", "0392", "98025566"),
        [
            {
                "toewijzingnummer": "425386123-0707A03",
                "bsn": "123456782",
                "gemeentecode": "0392",
                "aanbieder_agb": "98025566",
                "productcategorie": "07",
                "productcode": "07A03",
                "ingangsdatum": "2016-10-10",
                "einddatum": "2016-12-31",
                "volume": "12",
                "eenheid": "04",
                "frequentie": "2",
                "toewijzingsdatum": "2016-10-10",
                "regelnummer": "108",
            },
        ],
    ),
    "iwmo-2.0/CasusE-01-WMO305_correctie.xml": Verwacht(
        ("zorgperiodes", "WMO305", "2.0", "wmo"),
        ("594c98186003", "2016-03-21", "98026987", "0385"),
        [
            {
                "toewijzingnummer": "658721123-0101A01",
                "gemeentecode": "0385",
                "aanbieder_agb": "98026987",
                "bsn": "123456782",
                "productcategorie": "01",
                "productcode": "01A01",
                "begindatum": "2016-03-10",
                "status_aanlevering": "3",
                "regelnummer": "35",
            },
            {
                "toewijzingnummer": "658721123-0101A01",
                "gemeentecode": "0385",
                "aanbieder_agb": "98026987",
                "bsn": "123456782",
                "productcategorie": "01",
                "productcode": "01A01",
                "begindatum": "2016-03-21",
                "status_aanlevering": "1",
                "regelnummer": "51",
            },
        ],
    ),
    "iwmo-2.0/CasusF-01-WMO305_verwijderen.xml": Verwacht(
        ("zorgperiodes", "WMO305", "2.0", "wmo"),
        ("6dff0e167242", "2016-03-14", "98026987", "0385"),
        [
            {
                "toewijzingnummer": "658721123-0101A01",
                "gemeentecode": "0385",
                "aanbieder_agb": "98026987",
                "bsn": "123456782",
                "productcategorie": "01",
                "productcode": "01A01",
                "begindatum": "2016-03-10",
                "status_aanlevering": "3",
                "regelnummer": "35",
            },
        ],
    ),
    "iwmo-2.0/CasusF-02-WMO305_nieuweaanlevering.xml": Verwacht(
        ("zorgperiodes", "WMO305", "2.0", "wmo"),
        ("acafd56c39af", "2016-03-14", "98026987", "0385"),
        [
            {
                "toewijzingnummer": "658721123-0101A01",
                "gemeentecode": "0385",
                "aanbieder_agb": "98026987",
                "bsn": "123456782",
                "productcategorie": "01",
                "productcode": "01A01",
                "begindatum": "2016-03-10",
                "status_aanlevering": "1",
                "regelnummer": "35",
            },
        ],
    ),
    "iwmo-3/WMO301.xml": Verwacht(
        ("toewijzingen", "WMO301", "3.2", "wmo"),
        ("123456789012", "2023-08-13", "0384", "42420001"),
        [
            {
                "toewijzingnummer": "101",
                "bsn": "999900006",
                "gemeentecode": "0384",
                "aanbieder_agb": "42420001",
                "productcategorie": "01",
                "productcode": "01A01",
                "ingangsdatum": "2023-01-01",
                "einddatum": "2023-12-31",
                "volume": "10",
                "eenheid": "01",
                "frequentie": "1",
                "toewijzingsdatum": "2023-08-13",
                "regelnummer": "164",
            },
        ],
    ),
    "iwmo-3/WMO305.xml": Verwacht(
        ("zorgperiodes", "WMO305", "3.2", "wmo"),
        ("123456789013", "2025-04-05", "65656055", "0363"),
        [
            {
                "toewijzingnummer": "300201",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "01",
                "productcode": "01A11",
                "begindatum": "2025-04-03",
                "status_aanlevering": "1",
                "regelnummer": "33",
            },
            {
                "toewijzingnummer": "300202",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "01",
                "productcode": "01A12",
                "begindatum": "2025-04-04",
                "status_aanlevering": "1",
                "regelnummer": "43",
            },
        ],
    ),
    "iwmo-3/WMO307.xml": Verwacht(
        ("zorgperiodes", "WMO307", "3.2", "wmo"),
        ("123456789014", "2025-07-21", "65656055", "0363"),
        [
            {
                "toewijzingnummer": "300201",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "01",
                "productcode": "01A11",
                "begindatum": "2025-04-03",
                "einddatum": "2025-07-18",
                "reden_beeindiging": "31",
                "status_aanlevering": "1",
                "regelnummer": "33",
            },
            {
                "toewijzingnummer": "300202",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "01",
                "productcode": "01A12",
                "begindatum": "2025-04-15",
                "einddatum": "2025-07-18",
                "reden_beeindiging": "31",
                "status_aanlevering": "1",
                "regelnummer": "45",
            },
        ],
    ),
    "iwmo-3/WMO315.xml": Verwacht(
        ("verzoeken", "WMO315", "3.2", "wmo"),
        ("123456789012", "2023-07-15", "42420001", "0384"),
        [
            {
                "verzoeknummer": "42420001",
                "soort": "315",
                "aanbieder_agb": "42420001",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "productcategorie": "01",
                "productcode": "ABCDE",
                "volume": "4",
                "eenheid": "14",
                "frequentie": "4",
                "ingangsdatum": "2023-06-01",
                "einddatum": "2023-06-30",
                "verzoekdatum": "2023-07-15",
                "regelnummer": "34",
            },
            {
                "verzoeknummer": "42420002",
                "soort": "315",
                "aanbieder_agb": "42420001",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "productcategorie": "02",
                "productcode": "BCDEF",
                "volume": "4",
                "eenheid": "14",
                "frequentie": "4",
                "ingangsdatum": "2023-06-01",
                "einddatum": "2023-06-30",
                "verzoekdatum": "2023-07-15",
                "regelnummer": "56",
            },
        ],
    ),
    "iwmo-3/WMO317.xml": Verwacht(
        ("verzoeken", "WMO317", "3.2", "wmo"),
        ("987654321", "2023-04-02", "65656055", "0384"),
        [
            {
                "verzoeknummer": "9003",
                "soort": "317",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "toewijzingnummer": "10072",
                "ingangsdatum": "2023-04-02",
                "einddatum": "2023-12-31",
                "reden": "1",
                "verzoekdatum": "2023-04-02",
                "regelnummer": "29",
            },
            {
                "verzoeknummer": "9003",
                "soort": "317",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "productcategorie": "01",
                "productcode": "01A12",
                "volume": "20",
                "eenheid": "14",
                "frequentie": "4",
                "ingangsdatum": "2023-04-02",
                "einddatum": "2023-12-31",
                "reden": "1",
                "verzoekdatum": "2023-04-02",
                "regelnummer": "36",
            },
        ],
    ),
    "iwmo-3/WMO319.xml": Verwacht(
        ("verzoeken", "WMO319", "3.2", "wmo"),
        ("876543219", "2023-04-02", "0384", "65656055"),
        [
            {
                "verzoeknummer": "9003",
                "soort": "317",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "uitkomst": "afgewezen",
                "regelnummer": "18",
            },
        ],
    ),
    "iwmo-3/WMO323.xml": Verwacht(
        ("declaraties", "WMO323", "3.2", "wmo"),
        ("765432198", "2023-05-06", "65656055", "0384"),
        [
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN001",
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
            },
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN002",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "toewijzingnummer": "200730",
                "productcategorie": "01",
                "productcode": "01A04",
                "begindatum": "2023-04-01",
                "einddatum": "2023-04-30",
                "geleverd_volume": "16",
                "eenheid": "04",
                "producttarief": "15.00",
                "ingediend_bedrag": "240.00",
                "debet_credit": "D",
                "declaratiedatum": "2023-05-06",
                "regelnummer": "52",
            },
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN003",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900018",
                "toewijzingnummer": "20074",
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
                "regelnummer": "76",
            },
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN004",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900018",
                "toewijzingnummer": "20073",
                "productcategorie": "01",
                "productcode": "01A04",
                "begindatum": "2023-04-01",
                "einddatum": "2023-04-30",
                "geleverd_volume": "16",
                "eenheid": "04",
                "producttarief": "15.00",
                "ingediend_bedrag": "240.00",
                "debet_credit": "D",
                "declaratiedatum": "2023-05-06",
                "regelnummer": "95",
            },
        ],
    ),
    "iwmo-3/WMO325.xml": Verwacht(
        ("declaratie_antwoorden", "WMO325", "3.2", "wmo"),
        ("654321987", "2023-05-06", "0384", "65656055"),
        [
            {
                "referentienummer": "RN001",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "toegekend": "nee",
                "retourcode": "0611",
                "antwoorddatum": "2023-05-06",
                "declaratienummer": "DN001",
                "regelnummer": "44",
            },
            {
                "referentienummer": "RN002",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "toegekend": "nee",
                "retourcode": "9339,9340,9341",
                "antwoorddatum": "2023-05-06",
                "declaratienummer": "DN001",
                "regelnummer": "66",
            },
            {
                "referentienummer": "RN003",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "toegekend": "nee",
                "retourcode": "9307",
                "antwoorddatum": "2023-05-06",
                "declaratienummer": "DN001",
                "regelnummer": "98",
            },
        ],
    ),
    "ijw-3/JW301.xml": Verwacht(
        ("toewijzingen", "JW301", "3.2", "jeugd"),
        ("123456789012", "2026-04-01", "0384", "42420001"),
        [
            {
                "toewijzingnummer": "300201",
                "bsn": "999900006",
                "gemeentecode": "0384",
                "aanbieder_agb": "42420001",
                "productcategorie": "55",
                "productcode": "55A11",
                "ingangsdatum": "2026-04-01",
                "einddatum": "2026-07-14",
                "volume": "2",
                "eenheid": "04",
                "frequentie": "2",
                "toewijzingsdatum": "2026-04-01",
                "regelnummer": "170",
            },
            {
                "toewijzingnummer": "300202",
                "bsn": "999900006",
                "gemeentecode": "0384",
                "aanbieder_agb": "42420001",
                "productcategorie": "55",
                "productcode": "55A12",
                "ingangsdatum": "2026-04-01",
                "einddatum": "2026-07-19",
                "volume": "2",
                "eenheid": "16",
                "frequentie": "2",
                "toewijzingsdatum": "2026-04-01",
                "regelnummer": "188",
            },
        ],
    ),
    "ijw-3/JW305.xml": Verwacht(
        ("zorgperiodes", "JW305", "3.2", "jeugd"),
        ("123456789012", "2026-04-15", "65656055", "0363"),
        [
            {
                "toewijzingnummer": "300201",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "55",
                "productcode": "55A11",
                "begindatum": "2026-04-03",
                "status_aanlevering": "1",
                "regelnummer": "33",
            },
            {
                "toewijzingnummer": "300202",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "55",
                "productcode": "55A12",
                "begindatum": "2026-04-15",
                "status_aanlevering": "1",
                "regelnummer": "43",
            },
        ],
    ),
    "ijw-3/JW307.xml": Verwacht(
        ("zorgperiodes", "JW307", "3.2", "jeugd"),
        ("123456789012", "2026-07-20", "65656055", "0363"),
        [
            {
                "toewijzingnummer": "300201",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "55",
                "productcode": "55A11",
                "begindatum": "2026-04-03",
                "einddatum": "2026-07-17",
                "reden_beeindiging": "31",
                "status_aanlevering": "1",
                "regelnummer": "33",
            },
            {
                "toewijzingnummer": "300202",
                "gemeentecode": "0363",
                "aanbieder_agb": "65656055",
                "bsn": "999900006",
                "productcategorie": "55",
                "productcode": "55A12",
                "begindatum": "2026-04-15",
                "einddatum": "2026-07-17",
                "reden_beeindiging": "31",
                "status_aanlevering": "1",
                "regelnummer": "45",
            },
        ],
    ),
    "ijw-3/JW315.xml": Verwacht(
        ("verzoeken", "JW315", "3.2", "jeugd"),
        ("123456789012", "2026-04-01", "42420001", "0384"),
        [
            {
                "verzoeknummer": "40A12341234",
                "soort": "315",
                "aanbieder_agb": "42420001",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "productcategorie": "55",
                "productcode": "55A11",
                "volume": "2",
                "eenheid": "16",
                "frequentie": "4",
                "ingangsdatum": "2026-04-01",
                "einddatum": "2027-06-31",
                "verzoekdatum": "2026-04-01",
                "regelnummer": "35",
            },
            {
                "verzoeknummer": "40A12341235",
                "soort": "315",
                "aanbieder_agb": "42420001",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "productcategorie": "55",
                "productcode": "55A12",
                "volume": "2",
                "eenheid": "16",
                "frequentie": "4",
                "ingangsdatum": "2026-04-01",
                "einddatum": "2027-06-31",
                "verzoekdatum": "2026-04-01",
                "regelnummer": "57",
            },
        ],
    ),
    "ijw-3/JW317.xml": Verwacht(
        ("verzoeken", "JW317", "3.2", "jeugd"),
        ("987654321", "2026-01-02", "65656055", "0384"),
        [
            {
                "verzoeknummer": "9003",
                "soort": "317",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "productcategorie": "45",
                "productcode": "45A03",
                "volume": "4",
                "eenheid": "04",
                "frequentie": "4",
                "ingangsdatum": "2026-11-01",
                "einddatum": "2024-02-28",
                "reden": "1",
                "verzoekdatum": "2026-01-02",
                "regelnummer": "29",
            },
        ],
    ),
    "ijw-3/JW319.xml": Verwacht(
        ("verzoeken", "JW319", "3.2", "jeugd"),
        ("876543219", "2026-04-01", "0384", "65656055"),
        [
            {
                "verzoeknummer": "9003",
                "soort": "317",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "uitkomst": "afgewezen",
                "regelnummer": "18",
            },
        ],
    ),
    "ijw-3/JW323.xml": Verwacht(
        ("declaraties", "JW323", "3.2", "jeugd"),
        ("765432198", "2026-05-06", "65656055", "0384"),
        [
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN001",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "toewijzingnummer": "10072",
                "productcategorie": "45",
                "productcode": "45A03",
                "begindatum": "2026-04-01",
                "einddatum": "2026-04-30",
                "geleverd_volume": "4",
                "eenheid": "04",
                "producttarief": "12.50",
                "ingediend_bedrag": "50.00",
                "debet_credit": "D",
                "declaratiedatum": "2026-05-06",
                "regelnummer": "33",
            },
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN002",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900006",
                "toewijzingnummer": "10073",
                "productcategorie": "45",
                "productcode": "45A04",
                "begindatum": "2026-04-01",
                "einddatum": "2026-04-30",
                "geleverd_volume": "16",
                "eenheid": "04",
                "producttarief": "15.00",
                "ingediend_bedrag": "240.00",
                "debet_credit": "D",
                "declaratiedatum": "2026-05-06",
                "regelnummer": "52",
            },
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN003",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900018",
                "toewijzingnummer": "10074",
                "productcategorie": "45",
                "productcode": "45A03",
                "begindatum": "2026-04-01",
                "einddatum": "2026-04-30",
                "geleverd_volume": "4",
                "eenheid": "04",
                "producttarief": "12.50",
                "ingediend_bedrag": "50.00",
                "debet_credit": "D",
                "declaratiedatum": "2026-05-06",
                "regelnummer": "76",
            },
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN004",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900018",
                "toewijzingnummer": "10073",
                "productcategorie": "45",
                "productcode": "45A04",
                "begindatum": "2026-04-01",
                "einddatum": "2026-04-30",
                "geleverd_volume": "16",
                "eenheid": "04",
                "producttarief": "15.00",
                "ingediend_bedrag": "240.00",
                "debet_credit": "D",
                "declaratiedatum": "2026-05-06",
                "regelnummer": "95",
            },
            {
                "declaratienummer": "DN001",
                "referentienummer": "RN004",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "bsn": "999900018",
                "toewijzingnummer": "10073",
                "productcategorie": "45",
                "productcode": "45A04",
                "begindatum": "2026-03-01",
                "einddatum": "2026-03-31",
                "geleverd_volume": "14",
                "eenheid": "04",
                "producttarief": "15.00",
                "ingediend_bedrag": "210.00",
                "debet_credit": "D",
                "declaratiedatum": "2026-05-06",
                "regelnummer": "114",
            },
        ],
    ),
    "ijw-3/JW325.xml": Verwacht(
        ("declaratie_antwoorden", "JW325", "3.2", "jeugd"),
        ("654321987", "2023-05-07", "0384", "65656055"),
        [
            {
                "referentienummer": "RN001",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "toegekend": "nee",
                "retourcode": "0611",
                "antwoorddatum": "2023-05-07",
                "declaratienummer": "DN001",
                "regelnummer": "44",
            },
            {
                "referentienummer": "RN002",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "toegekend": "nee",
                "retourcode": "9339,9340,9341",
                "antwoorddatum": "2023-05-07",
                "declaratienummer": "DN001",
                "regelnummer": "67",
            },
            {
                "referentienummer": "RN003",
                "aanbieder_agb": "65656055",
                "gemeentecode": "0384",
                "toegekend": "nee",
                "retourcode": "9307",
                "antwoorddatum": "2023-05-07",
                "declaratienummer": "DN001",
                "regelnummer": "100",
            },
        ],
    ),
}

RETOUR = [
    "ijw-3/JW302.xml",
    "ijw-3/JW306.xml",
    "ijw-3/JW308.xml",
    "ijw-3/JW316.xml",
    "ijw-3/JW318.xml",
    "ijw-3/JW320.xml",
]


def test_elk_officieel_voorbeeld_heeft_een_verwachting() -> None:
    alle = {f"{p.parent.name}/{p.name}" for p in OFFICIEEL.glob("*/*.xml")}

    assert alle == set(VERWACHT) | set(RETOUR)
    assert len(alle) == 11 + 8 + 14


@pytest.mark.parametrize("bestand", list(VERWACHT))
def test_officieel_voorbeeld(bestand: str) -> None:
    verwacht = VERWACHT[bestand]

    bericht = lees_iwmo_xml(OFFICIEEL / bestand)

    assert (bericht.tabel, bericht.berichttype, bericht.release, bericht.domein) == verwacht.soort
    kop = (bericht.berichtidentificatie, bericht.berichtdatum, bericht.afzender, bericht.ontvanger)
    assert kop == verwacht.kop
    kolommen = ["bsn" if k == "client_id" else k for k in TABELLEN[bericht.tabel].kolomnamen]
    for rij in bericht.rijen:
        assert list(rij) == [*kolommen, "regelnummer"]
    gevuld = [{k: v for k, v in rij.items() if v is not None} for rij in bericht.rijen]
    assert gevuld == verwacht.rijen
    # The same message as bytes (a zip member) reads the same.
    assert lees_iwmo_bericht((OFFICIEEL / bestand).read_bytes(), bestand) == bericht


@pytest.mark.parametrize("bestand", RETOUR)
def test_retourbericht_geweigerd_met_reden(bestand: str) -> None:
    with pytest.raises(OnleesbaarBestand, match=r"is een retourbericht .*niet ingelezen"):
        lees_iwmo_xml(OFFICIEEL / bestand)


def test_ongeldige_jw315_geeft_onmogelijke_datum_ongewijzigd_door() -> None:
    # 2027-06-31 does not exist; the reader does not repair it, the validation quarantines it.
    rijen = lees_iwmo_xml(OFFICIEEL / "ijw-3" / "JW315.xml").rijen

    assert [r["einddatum"] for r in rijen] == ["2027-06-31", "2027-06-31"]


def test_ongeldige_jw318_geweigerd() -> None:
    with pytest.raises(OnleesbaarBestand) as fout:
        lees_iwmo_xml(OFFICIEEL / "ijw-3" / "JW318.xml")

    assert "JW318 release 3.2" in str(fout.value) and "retourbericht" in str(fout.value)

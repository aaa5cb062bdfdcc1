"""Hostile iWmo XML: no value read in part, no DTD/entity/XInclude trick, nothing from disk.

Every hostile file is a valid iWmo 3.2 message from tests/fixtures/iwmo/ with one change, so
a refusal can only come from that change. A refused file raises OnleesbaarBestand (how the
ingest refuses a file whole) and leaves every table of the database as it was.

The reader has two paths: a message up to `STROOMLEZEN_VANAF` bytes is parsed whole, a bigger
one streamed. Every test here runs on both (the `leespad` fixture), so no refusal depends on
which path a message of that size takes.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest import read_iwmo_xml
from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.read_iwmo_xml import lees_iwmo_bericht, lees_iwmo_xml
from tests.conftest import FIXTURES, rijen

IWMO = FIXTURES / "iwmo"
VOORBEELD_323 = (IWMO / "WMO323_3.2_voorbeeld.xml").read_text(encoding="utf-8")
VOORBEELD_301 = IWMO / "WMO301_3.2_handgemaakt.xml"
XML_DECLARATIE = '<?xml version="1.0" encoding="UTF-8"?>'
WORTEL = "<wmo323:Bericht "
XINCLUDE_2001 = "http://www.w3.org/2001/XInclude"
XINCLUDE_2003 = "http://www.w3.org/2003/XInclude"


LEESPADEN = {"heel": 1 << 40, "stromend": 0}


@pytest.fixture(autouse=True, params=list(LEESPADEN))
def leespad(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test twice: the whole-message path and the streaming path."""
    monkeypatch.setattr(read_iwmo_xml, "STROOMLEZEN_VANAF", LEESPADEN[request.param])
    return str(request.param)


def bericht(tmp_path: Path, tekst: str, naam: str = "bericht.xml") -> Path:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def vervang(oud: str, nieuw: str, tekst: str = VOORBEELD_323) -> str:
    """The example with the first `oud` replaced; fails loudly when the example changes."""
    assert oud in tekst, oud
    return tekst.replace(oud, nieuw, 1)


def met_doctype(doctype: str, tekst: str = VOORBEELD_323) -> str:
    return vervang(XML_DECLARATIE, f"{XML_DECLARATIE}\n{doctype}", tekst)


def weigering(pad: Path) -> str:
    """The refusal, identical whether the message comes as a file or as bytes (zip member)."""
    with pytest.raises(OnleesbaarBestand) as fout:
        lees_iwmo_xml(pad)
    with pytest.raises(OnleesbaarBestand) as uit_bytes:
        lees_iwmo_bericht(pad.read_bytes(), pad.name)
    assert str(uit_bytes.value) == str(fout.value)
    return str(fout.value)


def tellingen(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table in the database file."""
    tabellen = rijen(
        con,
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' AND table_catalog = current_database()",
    )
    return {
        f"{schema}.{naam}": int(rijen(con, f'SELECT count(*) FROM "{schema}"."{naam}"')[0][0])
        for schema, naam in tabellen
    }


def tekst_in_database(con: duckdb.DuckDBPyConnection, stukje: str) -> list[str]:
    """Every table.column of the database file whose value (as text) contains `stukje`."""
    kolommen = rijen(
        con,
        "SELECT table_schema, table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database()",
    )
    gevonden = []
    for schema, tabel, kolom in kolommen:
        sql = (
            f'SELECT count(*) FROM "{schema}"."{tabel}" '
            f'WHERE strpos(CAST("{kolom}" AS VARCHAR), ?) > 0'
        )
        if con.execute(sql, [stukje]).fetchone()[0]:  # type: ignore[index]
            gevonden.append(f"{schema}.{tabel}.{kolom}")
    return gevonden


# --- a value must be read whole, or the file refused --------------------------------------

# (opening tag as in the example, its value): values the reader stores, one per context the
# reader has (Prestatie, nested below it, Client, Declaratie, Header).
WAARDEN = [
    ("<iwmo:Bedrag>", "5000"),
    ("<wmo323:ProductTarief>", "1250"),
    ("<wmo323:ProductCode>", "01A03"),
    ("<iwmo:ReferentieNummer>", "RN001"),
    ("<wmo323:Bsn>", "999900006"),
    ("<wmo323:DeclaratieNummer>", "DN001"),
    ("<wmo323:DeclaratieDagtekening>", "2023-05-06"),
    ("<wmo323:Afzender>", "65656055"),
]
INVOEGINGEN = {
    "commentaar": "<!-- x -->",
    "verwerkingsinstructie": "<?x y?>",
    "element": "<iwmo:Extra/>",
}


@pytest.mark.parametrize(("soort", "invoeging"), INVOEGINGEN.items(), ids=list(INVOEGINGEN))
@pytest.mark.parametrize(("open_tag", "waarde"), WAARDEN, ids=[w[0] for w in WAARDEN])
@pytest.mark.parametrize("plek", ["midden", "voor", "na"])
def test_waarde_met_iets_erin_wordt_geweigerd(
    tmp_path: Path, open_tag: str, waarde: str, soort: str, invoeging: str, plek: str
) -> None:
    delen = {
        "midden": waarde[:2] + invoeging + waarde[2:],
        "voor": invoeging + waarde,
        "na": waarde + invoeging,
    }
    pad = bericht(tmp_path, vervang(f"{open_tag}{waarde}<", f"{open_tag}{delen[plek]}<"))

    melding = weigering(pad)

    assert "wordt niet ingelezen" in melding
    naam = open_tag.strip("<>").split(":")[1]
    if soort != "verwerkingsinstructie":  # a PI is refused wherever it is, see below
        assert f"<{naam}>" in melding
    assert soort in melding


def test_gesplitst_bedrag_uit_het_issue_wordt_niet_als_50_cent_gelezen(tmp_path: Path) -> None:
    pad = bericht(tmp_path, vervang("<iwmo:Bedrag>5000<", "<iwmo:Bedrag>50<!-- x -->00<"))

    melding = weigering(pad)

    assert "commentaar" in melding and "<Bedrag>" in melding and "regel 48" in melding


@pytest.mark.parametrize(
    ("waarde", "euro"),
    [
        ("50<![CDATA[00]]>", "50.00"),  # CDATA is ordinary character data
        ("<![CDATA[5000]]>", "50.00"),
        ("50&#48;0", "50.00"),  # character references are ordinary text as well
        ("&#x35;000", "50.00"),
    ],
)
def test_cdata_en_tekenverwijzing_worden_heel_gelezen(
    tmp_path: Path, waarde: str, euro: str
) -> None:
    pad = bericht(tmp_path, vervang("<iwmo:Bedrag>5000<", f"<iwmo:Bedrag>{waarde}<"))

    assert lees_iwmo_xml(pad).rijen[0]["ingediend_bedrag"] == euro


def test_onbekende_entiteit_in_waarde_wordt_geweigerd(tmp_path: Path) -> None:
    pad = bericht(tmp_path, vervang("<iwmo:Bedrag>5000<", "<iwmo:Bedrag>50&nul;00<"))

    assert "wordt niet ingelezen" in weigering(pad)


def test_commentaar_tussen_elementen_mag(tmp_path: Path) -> None:
    # Hand-made messages (our own fixtures too) comment between elements; that is no value.
    tekst = vervang("<wmo323:Prestatie>", "<!-- eerste --><wmo323:Prestatie><!-- x -->")
    tekst = vervang("<wmo323:Bericht ", "<!-- voor de wortel -->\n<wmo323:Bericht ", tekst)

    assert len(lees_iwmo_xml(bericht(tmp_path, tekst)).rijen) == 4


@pytest.mark.parametrize(
    "tekst",
    [
        vervang(XML_DECLARATIE, f'{XML_DECLARATIE}\n<?xml-stylesheet href="x.xsl"?>'),
        vervang("<wmo323:Prestatie>", "<?verwerk ?><wmo323:Prestatie>"),
        VOORBEELD_323 + "\n<?na-de-wortel ?>\n",
    ],
    ids=["voor de wortel", "tussen elementen", "na de wortel"],
)
def test_verwerkingsinstructie_overal_geweigerd(tmp_path: Path, tekst: str) -> None:
    melding = weigering(bericht(tmp_path, tekst))

    assert "verwerkingsinstructie" in melding and "wordt niet ingelezen" in melding


# --- DOCTYPE, entities, XXE ------------------------------------------------------------------


@pytest.mark.parametrize(
    "doctype",
    [
        "<!DOCTYPE wmo323:Bericht>",
        '<!DOCTYPE wmo323:Bericht [<!ENTITY nul "00">]>',
        '<!DOCTYPE wmo323:Bericht SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE wmo323:Bericht PUBLIC "-//x//y" "http://example.org/x.dtd">',
        '<!DOCTYPE wmo323:Bericht [<!ATTLIST wmo323:Bericht x CDATA "y">]>',
    ],
)
def test_elke_doctype_wordt_geweigerd(tmp_path: Path, doctype: str) -> None:
    melding = weigering(bericht(tmp_path, met_doctype(doctype)))

    assert "DOCTYPE" in melding and "wordt niet ingelezen" in melding


def test_interne_entiteit_in_waarde_wordt_geweigerd(tmp_path: Path) -> None:
    tekst = met_doctype('<!DOCTYPE wmo323:Bericht [<!ENTITY nul "00">]>')
    tekst = vervang("<iwmo:Bedrag>5000<", "<iwmo:Bedrag>50&nul;<", tekst)

    assert "DOCTYPE" in weigering(bericht(tmp_path, tekst))


PASSWD = Path("/etc/passwd")


def passwd_stukjes() -> list[str]:
    # Distinctive pieces of the real file: its first line and the first user's name.
    eerste = PASSWD.read_text(encoding="utf-8").splitlines()[0]
    return [eerste, eerste.split(":")[0] + ":x:"]


XXE = {
    "algemene entiteit": (
        '<!DOCTYPE wmo323:Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        "&xxe;",
    ),
    "parameter-entiteit": (
        '<!DOCTYPE wmo323:Bericht [<!ENTITY % xxe SYSTEM "file:///etc/passwd"> %xxe;]>',
        "01A03",
    ),
    "externe dtd": ('<!DOCTYPE wmo323:Bericht SYSTEM "file:///etc/passwd">', "01A03"),
}


@pytest.mark.skipif(not PASSWD.is_file(), reason="/etc/passwd ontbreekt")
@pytest.mark.parametrize(("doctype", "productcode"), XXE.values(), ids=list(XXE))
def test_xxe_leest_niets_van_schijf(
    con, laad, tmp_path: Path, doctype: str, productcode: str
) -> None:  # type: ignore[no-untyped-def]
    laad(VOORBEELD_301)  # something in the database, so "unchanged" is not "still empty"
    voor = tellingen(con)
    tekst = vervang("<wmo323:ProductCode>01A03<", f"<wmo323:ProductCode>{productcode}<")
    pad = bericht(tmp_path, met_doctype(doctype, tekst), "xxe.xml")

    with pytest.raises(OnleesbaarBestand, match="DOCTYPE"):
        laad(pad)

    assert tellingen(con) == voor
    for stukje in passwd_stukjes():
        assert tekst_in_database(con, stukje) == []


# --- entity expansion bombs: refused fast, memory bounded ------------------------------------


def billion_laughs() -> str:
    entiteiten = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    doctype = f"<!DOCTYPE wmo323:Bericht [{''.join(entiteiten)}]>"
    return vervang(
        "<wmo323:ProductCode>01A03<", "<wmo323:ProductCode>&lol9;<", met_doctype(doctype)
    )


def kwadratisch() -> str:
    # One 100 kB entity used 20 000 times: 2 GB if expanded, no nesting needed.
    doctype = f'<!DOCTYPE wmo323:Bericht [<!ENTITY a "{"a" * 100_000}">]>'
    return vervang(
        "<wmo323:ProductCode>01A03<", f"<wmo323:ProductCode>{'&a;' * 20_000}<", met_doctype(doctype)
    )


def parameter_lachen() -> str:
    entiteiten = ['<!ENTITY % p0 "lol">'] + [
        f'<!ENTITY % p{i} "{f"&#37;p{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return met_doctype(f"<!DOCTYPE wmo323:Bericht [{''.join(entiteiten)} %p9;]>")


BOMMEN: dict[str, Callable[[], str]] = {
    "billion laughs": billion_laughs,
    "kwadratisch": kwadratisch,
    "parameter-entiteiten": parameter_lachen,
}

# Reads the file in a child process under a 1 GB address-space limit (a bomb that did
# expand cannot take the machine down) and reports the refusal, time and peak memory.
KIND = textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path
    from pipelines.ingest.errors import OnleesbaarBestand
    from pipelines.ingest import read_iwmo_xml
    from pipelines.ingest.read_iwmo_xml import lees_iwmo_xml
    read_iwmo_xml.STROOMLEZEN_VANAF = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        lees_iwmo_xml(Path(sys.argv[1]))
        uitkomst = "GELEZEN"
    except OnleesbaarBestand as fout:
        uitkomst = "GEWEIGERD " + str(fout).replace(chr(10), " ")
    duur = time.perf_counter() - start
    na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(uitkomst)
    print(duur, (na - voor) / 1024)
    """
)


@pytest.mark.parametrize("maak", BOMMEN.values(), ids=list(BOMMEN))
def test_entiteitenbom_snel_geweigerd_zonder_geheugen(
    tmp_path: Path, maak: Callable[[], str], leespad: str
) -> None:
    pad = bericht(tmp_path, maak(), "bom.xml")
    start = time.perf_counter()

    kind = subprocess.run(
        [sys.executable, "-c", KIND, str(pad), str(LEESPADEN[leespad])],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert kind.returncode == 0, kind.stderr[-2000:]
    uitkomst, meting = kind.stdout.strip().splitlines()[-2:]
    duur, geheugen_mb = (float(x) for x in meting.split())
    assert uitkomst.startswith("GEWEIGERD"), uitkomst
    assert duur < 5, duur
    assert geheugen_mb < 200, geheugen_mb
    assert time.perf_counter() - start < 60


def test_entiteitenbom_in_dit_proces_begrensd(con, laad, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import resource

    voor_rijen = tellingen(con)
    voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()

    with pytest.raises(OnleesbaarBestand):
        laad(bericht(tmp_path, billion_laughs(), "bom.xml"))

    assert time.perf_counter() - start < 5
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - voor) / 1024 < 200
    assert tellingen(con) == voor_rijen


# --- XInclude, namespaces, broken files ------------------------------------------------------


@pytest.mark.parametrize("namespace", [XINCLUDE_2001, XINCLUDE_2003])
@pytest.mark.parametrize("plek", ["in een waarde", "tussen elementen", "op de wortel"])
def test_xinclude_wordt_geweigerd(tmp_path: Path, namespace: str, plek: str) -> None:
    include = f'<xi:include xmlns:xi="{namespace}" href="/etc/passwd" parse="text"/>'
    if plek == "in een waarde":
        tekst = vervang("<wmo323:ProductCode>01A03<", f"<wmo323:ProductCode>{include}<")
    elif plek == "tussen elementen":
        tekst = vervang("<wmo323:ProductCode>", f"{include}<wmo323:ProductCode>")
    else:
        tekst = vervang(WORTEL, f'{WORTEL}xmlns:xi="{namespace}" ')

    melding = weigering(bericht(tmp_path, tekst))

    assert "XInclude" in melding and "wordt niet ingelezen" in melding


@pytest.mark.parametrize(
    "namespace",
    [
        "",  # no namespace at all
        "http://www.istandaarden.nl.example.org/iwmo/3_2/wmo323/schema",
        "http://example.org/www.istandaarden.nl/iwmo/3_2/wmo323/schema",
        "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema/extra",
        "urn:iwmo:3_2:wmo323",
    ],
)
def test_verkeerde_namespace_wordt_geweigerd(tmp_path: Path, namespace: str) -> None:
    echt = 'xmlns:wmo323="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"'
    tekst = vervang(echt, f'xmlns:wmo323="{namespace}"' if namespace else "")
    if not namespace:
        tekst = tekst.replace("wmo323:", "")

    assert weigering(bericht(tmp_path, tekst)).startswith("Geen iWmo-bericht herkend")


@pytest.mark.parametrize("tot", ["RN003", "<wmo323:Prestaties>", "<wmo323:Heade", "wmo323"])
def test_afgebroken_bestand_wordt_geweigerd(tmp_path: Path, tot: str) -> None:
    pad = bericht(tmp_path, VOORBEELD_323[: VOORBEELD_323.index(tot)])

    melding = weigering(pad)

    assert "beschadigd" in melding or "geen leesbaar XML-bestand" in melding


# --- a refused file leaves every table as it was ---------------------------------------------


def _afgebroken() -> str:
    return VOORBEELD_323[: VOORBEELD_323.index("RN003")]


VIJANDIG: dict[str, Callable[[], str]] = {
    "commentaar in bedrag": lambda: vervang("<iwmo:Bedrag>5000<", "<iwmo:Bedrag>50<!--x-->00<"),
    "pi in productcode": lambda: vervang(
        "<wmo323:ProductCode>01A03<", "<wmo323:ProductCode>01<?x?>A03<"
    ),
    "doctype met entiteit": lambda: met_doctype('<!DOCTYPE wmo323:Bericht [<!ENTITY e "1">]>'),
    "xinclude": lambda: vervang(WORTEL, f'{WORTEL}xmlns:xi="{XINCLUDE_2001}" '),
    "billion laughs": billion_laughs,
    "afgebroken": _afgebroken,
    # The last Prestatie is hostile: the rows read before it must not be loaded either.
    "laatste prestatie": lambda: vervang(
        "<iwmo:ReferentieNummer>RN004<", "<iwmo:ReferentieNummer>RN<!--x-->004<"
    ),
}


@pytest.mark.parametrize("maak", VIJANDIG.values(), ids=list(VIJANDIG))
def test_geweigerd_bestand_verandert_geen_tabel(
    con, laad, tmp_path: Path, maak: Callable[[], str]
) -> None:  # type: ignore[no-untyped-def]
    laad(VOORBEELD_301)
    voor = tellingen(con)
    assert voor["staging.toewijzingen"] > 0

    with pytest.raises(OnleesbaarBestand):
        laad(bericht(tmp_path, maak(), "declaraties_vijandig.xml"))

    assert tellingen(con) == voor

"""Hostile zip archives: path tricks, links, encryption, bombs, lying sizes, deep nesting.

Every archive is built here with zipfile, and patched byte by byte where zipfile itself would
refuse to write the trick. Each test also checks that the honest members next to the hostile
one still load, and that nothing is ever written outside the private temporary folder.
"""

from __future__ import annotations

import io
import stat
import struct
import tempfile
import zipfile
from pathlib import Path

import pytest

from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.sources import (
    Bronbestand,
    Overgeslagen,
    als_bestand,
    bronbestanden_in,
    met_inhoud,
)

GOED = "goed/bericht.xml"


def _zip(leden: dict[str, bytes], methode: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", methode) as archief:
        for naam, inhoud in leden.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


def _centraal(data: bytes | bytearray, naam: bytes) -> int:
    """Offset of the central directory entry of member `naam`."""
    plek = data.find(b"PK\x01\x02")
    while plek >= 0:
        (lengte,) = struct.unpack_from("<H", data, plek + 28)
        if data[plek + 46 : plek + 46 + lengte] == naam:
            return plek
        plek = data.find(b"PK\x01\x02", plek + 4)
    raise AssertionError(f"{naam!r} niet in het archief")


def _wijzig(data: bytes, naam: str, *, vlag: int = 0, grootte: int | None = None) -> bytes:
    """Set a flag bit and/or the declared unpacked size of a member, in both its local header
    and its central directory entry (what a hostile tool writes)."""
    uit = bytearray(data)
    centraal = _centraal(uit, naam.encode())
    (lokaal,) = struct.unpack_from("<L", uit, centraal + 42)
    for plek, vlag_op, grootte_op in ((centraal, 8, 24), (lokaal, 6, 22)):
        (vlaggen,) = struct.unpack_from("<H", uit, plek + vlag_op)
        struct.pack_into("<H", uit, plek + vlag_op, vlaggen | vlag)
        if grootte is not None:
            struct.pack_into("<L", uit, plek + grootte_op, grootte)
    return bytes(uit)


def _lijst(tmp_path: Path, data: bytes) -> tuple[list[Bronbestand], dict[str, Overgeslagen]]:
    pad = tmp_path / "levering.zip"
    pad.write_bytes(data)
    bestanden, overgeslagen = bronbestanden_in([pad])
    return bestanden, {o.naam: o for o in overgeslagen}


def _goed_geladen(bestanden: list[Bronbestand]) -> None:
    assert [b.naam for b in bestanden] == [f"levering.zip/{GOED}"]
    ((_, inhoud),) = list(met_inhoud(bestanden))
    assert inhoud == b"<goed/>"


@pytest.mark.parametrize(
    ("naam", "woord"),
    [
        ("/etc/passwd.xml", "absoluut pad"),
        ("\\\\server\\share\\x.xml", "absoluut pad"),
        ("C:\\Windows\\x.xml", "absoluut pad"),
        ("c:x.xml", "absoluut pad"),
        ("../buiten.xml", "'..'"),
        ("301/../../buiten.xml", "'..'"),
        ("..\\..\\buiten.xml", "'..'"),
        ("301\\..\\..\\buiten.xml", "'..'"),
        ("301/..", "'..'"),
        ("regel\neinde.xml", "stuurtekens"),
        ("kleur\x1b[31m.xml", "stuurtekens"),
    ],
)
def test_padtrucs_in_een_archief_worden_geweigerd(tmp_path: Path, naam: str, woord: str) -> None:
    bestanden, overgeslagen = _lijst(tmp_path, _zip({GOED: b"<goed/>", naam: b"<kwaad/>"}))

    _goed_geladen(bestanden)
    (geweigerd,) = overgeslagen.values()
    assert geweigerd.soort == "geweigerd"
    assert woord in geweigerd.reden
    # The name shown keeps what the member was called, without raw control characters.
    assert not any(ord(teken) < 32 for teken in geweigerd.naam)


def test_nul_in_een_ledennaam_wordt_geweigerd(tmp_path: Path) -> None:
    # zipfile cuts a name at NUL when writing, so the NUL is patched in afterwards.
    data = _zip({GOED: b"<goed/>", "kwaadXdeel.xml": b"<kwaad/>"})
    data = data.replace(b"kwaadXdeel.xml", b"kwaad\x00deel.xml")

    bestanden, overgeslagen = _lijst(tmp_path, data)

    _goed_geladen(bestanden)
    (geweigerd,) = overgeslagen.values()
    assert "stuurtekens" in geweigerd.reden
    assert geweigerd.naam == "levering.zip/kwaad\ufffddeel.xml"


def test_koppeling_in_een_archief_wordt_geweigerd(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr(GOED, b"<goed/>")
        koppeling = zipfile.ZipInfo("declaraties_link.csv")
        koppeling.external_attr = (stat.S_IFLNK | 0o777) << 16
        archief.writestr(koppeling, "/etc/passwd")

    bestanden, overgeslagen = _lijst(tmp_path, buffer.getvalue())

    _goed_geladen(bestanden)
    assert "koppeling (symlink)" in overgeslagen["levering.zip/declaraties_link.csv"].reden


def test_versleuteld_lid_wordt_geweigerd(tmp_path: Path) -> None:
    data = _wijzig(_zip({GOED: b"<goed/>", "geheim.xml": b"<g/>"}), "geheim.xml", vlag=0x1)

    bestanden, overgeslagen = _lijst(tmp_path, data)

    _goed_geladen(bestanden)
    assert "versleuteld" in overgeslagen["levering.zip/geheim.xml"].reden


def test_dubbele_ledennaam_wordt_geweigerd(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief, pytest.warns(UserWarning):
        archief.writestr(GOED, b"<goed/>")
        archief.writestr("dubbel.xml", b"<een/>")
        archief.writestr("dubbel.xml", b"<twee/>")

    bestanden, overgeslagen = _lijst(tmp_path, buffer.getvalue())

    _goed_geladen(bestanden)
    assert "meer dan eens" in overgeslagen["levering.zip/dubbel.xml"].reden


def test_zip_bom_per_lid_noemt_de_grens_en_hoe_die_hoger_kan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _zip({GOED: b"<goed/>", "bom.xml": b"\0" * (4 * 1024 * 1024)})

    bestanden, overgeslagen = _lijst(tmp_path, data)

    _goed_geladen(bestanden)
    reden = overgeslagen["levering.zip/bom.xml"].reden
    assert "zip-bom" in reden
    assert "grens 200:1" in reden
    assert "$SIGNAALMONITOR_MAX_ZIP_VERHOUDING" in reden
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ZIP_VERHOUDING", "100000")
    bestanden, overgeslagen = _lijst(tmp_path, data)
    assert len(bestanden) == 2 and not overgeslagen


def test_lid_groter_dan_de_grens_per_bestand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_MAX_UITGEPAKT_BYTES", "100")
    data = _zip({GOED: b"<goed/>", "groot.xml": b"<g>" + b"x" * 200 + b"</g>"})

    bestanden, overgeslagen = _lijst(tmp_path, data)

    _goed_geladen(bestanden)
    assert "$SIGNAALMONITOR_MAX_UITGEPAKT_BYTES" in overgeslagen["levering.zip/groot.xml"].reden


def test_archief_boven_de_totale_grens_wordt_geheel_geweigerd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEF_BYTES", "1000")
    (tmp_path / "los.xml").write_bytes(b"<los/>")
    (tmp_path / "klein.zip").write_bytes(_zip({"a.xml": b"a" * 400, "b.xml": b"b" * 400}))
    (tmp_path / "groot.zip").write_bytes(
        _zip({"a.xml": b"a" * 400, "b.xml": b"b" * 400, "c.xml": b"c" * 400})
    )

    bestanden, overgeslagen = bronbestanden_in([tmp_path])

    assert [b.naam for b in bestanden] == [
        f"{tmp_path.name}/klein.zip/a.xml",
        f"{tmp_path.name}/klein.zip/b.xml",
        f"{tmp_path.name}/los.xml",
    ]
    (geweigerd,) = overgeslagen
    assert geweigerd.naam == f"{tmp_path.name}/groot.zip"
    assert geweigerd.soort == "geweigerd"
    assert "zip-bom" in geweigerd.reden
    assert "$SIGNAALMONITOR_MAX_ARCHIEF_BYTES" in geweigerd.reden


def test_geneste_archieven_tellen_mee_voor_de_totale_grens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEF_BYTES", "3000")
    binnen = _zip({f"b{i}.xml": bytes([65 + i]) * 900 for i in range(3)}, zipfile.ZIP_STORED)
    data = _zip({"a.xml": b"<a/>", "binnen.zip": binnen})

    bestanden, overgeslagen = _lijst(tmp_path, data)

    assert bestanden == []
    assert "$SIGNAALMONITOR_MAX_ARCHIEF_BYTES" in overgeslagen["levering.zip"].reden


def test_te_veel_leden_ook_als_het_eindrecord_liegt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEFLEDEN", "5")
    data = _zip({f"{i}.xml": b"<m/>" for i in range(6)})

    _, overgeslagen = _lijst(tmp_path, data)
    assert "$SIGNAALMONITOR_MAX_ARCHIEFLEDEN" in overgeslagen["levering.zip"].reden

    # An end record claiming 1 member: caught when the directory itself has been read.
    gelogen = bytearray(data)
    eind = gelogen.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", gelogen, eind + 8, 1, 1)
    _, overgeslagen = _lijst(tmp_path, bytes(gelogen))
    assert "6 bestanden" in overgeslagen["levering.zip"].reden


def test_nesting_boven_de_grens_wordt_geweigerd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vierde = _zip({"vier.xml": b"<4/>"})
    derde = _zip({"drie.xml": b"<3/>", "d.zip": vierde})
    tweede = _zip({"twee.xml": b"<2/>", "c.zip": derde})
    data = _zip({GOED: b"<goed/>", "b.zip": tweede})

    bestanden, overgeslagen = _lijst(tmp_path, data)

    assert [b.naam for b in bestanden] == [
        "levering.zip/b.zip/c.zip/drie.xml",
        "levering.zip/b.zip/twee.xml",
        f"levering.zip/{GOED}",
    ]
    reden = overgeslagen["levering.zip/b.zip/c.zip/d.zip"].reden
    assert "4 archieven diep" in reden and "$SIGNAALMONITOR_MAX_ARCHIEFNESTING" in reden
    inhoud = dict(met_inhoud(bestanden))
    assert inhoud[bestanden[0]] == b"<3/>"

    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEFNESTING", "1")
    bestanden, overgeslagen = _lijst(tmp_path, data)
    _goed_geladen(bestanden)
    assert "2 archieven diep" in overgeslagen["levering.zip/b.zip"].reden


def test_opgegeven_grootte_wordt_niet_vertrouwd(tmp_path: Path) -> None:
    leden = {
        "kleiner_opgegeven.xml": b"<k>" + b"x" * 300 + b"</k>",
        "groter_opgegeven.xml": b"<g/>",
        GOED: b"<goed/>",
    }
    data = _zip(leden)
    data = _wijzig(data, "kleiner_opgegeven.xml", grootte=10)
    data = _wijzig(data, "groter_opgegeven.xml", grootte=1000)

    bestanden, overgeslagen = _lijst(tmp_path, data)

    assert not overgeslagen
    uitkomst = {bron.naam: inhoud for bron, inhoud in met_inhoud(bestanden)}
    assert uitkomst[f"levering.zip/{GOED}"] == b"<goed/>"
    for naam in ("kleiner_opgegeven.xml", "groter_opgegeven.xml"):
        fout = uitkomst[f"levering.zip/{naam}"]
        assert isinstance(fout, OnleesbaarBestand), naam
    assert "minder dan de 1.000 bytes" in str(uitkomst["levering.zip/groter_opgegeven.xml"])
    # The bytes beyond the declared 10 are never produced: the CRC over 10 bytes fails.
    assert "beschadigd" in str(uitkomst["levering.zip/kleiner_opgegeven.xml"])
    kleiner = next(b for b in bestanden if b.naam.endswith("kleiner_opgegeven.xml"))
    with pytest.raises(OnleesbaarBestand), als_bestand(kleiner):
        pass


def test_als_bestand_schrijft_nooit_buiten_de_tijdelijke_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tijdelijk = tmp_path / "tmp"
    tijdelijk.mkdir()
    werkmap = tmp_path / "werk" / "diep" / "dieper"
    werkmap.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(tijdelijk))
    monkeypatch.chdir(werkmap)
    hostile = {
        "../../buiten.csv": b"a",
        "/tmp/buiten_absoluut.csv": b"b",
        "..\\..\\buiten_backslash.csv": b"c",
        "declaraties_\u202eraw.csv": b"d",
        "declaraties_;rm -rf ~;.csv": b"e",
        "sub/../../declaraties_omhoog.csv": b"f",
    }
    pad = tmp_path / "werk" / "levering.zip"
    pad.write_bytes(_zip({**hostile, "declaraties_goed.csv": b"g"}))
    voor = sorted(p for p in tmp_path.rglob("*") if tijdelijk not in p.parents)

    bestanden, _ = bronbestanden_in([pad])
    # Also members named by hand, as a caller could: the checks are repeated when reading.
    trucs = [naam for naam in hostile if ".." in naam or naam.startswith("/")]
    bestanden += [Bronbestand(f"x/{naam}", pad, (naam,), 1) for naam in trucs]
    geschreven: list[str] = []
    for bron in bestanden:
        try:
            with als_bestand(bron) as kopie:
                assert kopie.parent.parent == tijdelijk
                geschreven.append(kopie.name)
        except OnleesbaarBestand:
            continue

    assert sorted(geschreven) == [
        "declaraties__raw.csv",
        "declaraties__rm_-rf___.csv",
        "declaraties_goed.csv",
    ]
    assert sorted(p for p in tmp_path.rglob("*") if tijdelijk not in p.parents) == voor
    assert list(tijdelijk.iterdir()) == []
    assert not Path("/tmp/buiten_absoluut.csv").exists()


# Direct reads (archief.lees_lid_direct): workers read members of an archive on disk straight
# from the file at the place the listing found them. Every doubt falls back to zipfile, which
# refuses with its reason; these tests show both halves.


def test_direct_lezen_geeft_wat_zipfile_geeft_en_laat_de_rest_aan_zipfile(
    tmp_path: Path,
) -> None:
    from pipelines.ingest.archief import Lidplek, lees_lid_direct

    inhoud = b"<bericht>" + b"regel\n" * 500 + b"</bericht>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("opgeslagen.xml", inhoud, zipfile.ZIP_STORED)
        archief.writestr("ingepakt.xml", inhoud, zipfile.ZIP_DEFLATED)
        archief.writestr("bzip2.xml", inhoud, zipfile.ZIP_BZIP2)
        archief.writestr("leeg.xml", b"", zipfile.ZIP_DEFLATED)
    pad = tmp_path / "levering.zip"
    pad.write_bytes(buffer.getvalue())

    with zipfile.ZipFile(pad) as archief, pad.open("rb") as bestand:
        plekken = {info.filename: Lidplek.van(info) for info in archief.infolist()}
        direct = {naam: lees_lid_direct(bestand.fileno(), p) for naam, p in plekken.items()}
    assert direct == {
        "opgeslagen.xml": inhoud,
        "ingepakt.xml": inhoud,
        "bzip2.xml": None,  # not stored or deflated: zipfile reads it
        "leeg.xml": b"",
    }
    bestanden, overgeslagen = bronbestanden_in([pad])
    assert not overgeslagen
    assert all(b.plek is not None for b in bestanden)
    assert {b.naam: i for b, i in met_inhoud(bestanden)} == {
        "levering.zip/opgeslagen.xml": inhoud,
        "levering.zip/ingepakt.xml": inhoud,
        "levering.zip/bzip2.xml": inhoud,
        "levering.zip/leeg.xml": b"",
    }


def test_gewone_leden_worden_direct_gelezen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.ingest.sources as sources

    def geen_zipfile(*_: object, **__: object) -> bytes:
        raise AssertionError("een gewoon lid hoort direct gelezen te worden")

    bestanden, _ = _lijst(tmp_path, _zip({GOED: b"<goed/>"}))
    monkeypatch.setattr(sources, "lees_lid", geen_zipfile)
    _goed_geladen(bestanden)


def _lokale_kop(data: bytes | bytearray, naam: bytes) -> int:
    centraal = _centraal(data, naam)
    (lokaal,) = struct.unpack_from("<L", data, centraal + 42)
    return int(lokaal)


def test_lokale_kop_met_een_andere_naam_wordt_geweigerd(tmp_path: Path) -> None:
    data = bytearray(_zip({"ander.xml": b"<stiekem/>", GOED: b"<goed/>"}))
    lokaal = _lokale_kop(data, b"ander.xml")
    # The directory says ander.xml, the header before the data says andes.xml.
    data[lokaal + 30 : lokaal + 39] = b"andes.xml"

    bestanden, overgeslagen = _lijst(tmp_path, bytes(data))
    assert not overgeslagen
    uitkomst = {bron.naam: inhoud for bron, inhoud in met_inhoud(bestanden)}
    assert uitkomst[f"levering.zip/{GOED}"] == b"<goed/>"
    fout = uitkomst["levering.zip/ander.xml"]
    assert isinstance(fout, OnleesbaarBestand)
    assert "beschadigd" in str(fout)


def test_beschadigde_data_wordt_geweigerd_niet_half_gelezen(tmp_path: Path) -> None:
    inhoud = b"<bericht>" + bytes(range(256)) * 40 + b"</bericht>"
    data = bytearray(_zip({"kapot.xml": inhoud, GOED: b"<goed/>"}, zipfile.ZIP_STORED))
    lokaal = _lokale_kop(data, b"kapot.xml")
    # One byte of the stored data changed: only the CRC tells.
    data[lokaal + 30 + len("kapot.xml") + 100] ^= 0xFF

    bestanden, _ = _lijst(tmp_path, bytes(data))
    uitkomst = {bron.naam: inhoud for bron, inhoud in met_inhoud(bestanden)}
    assert uitkomst[f"levering.zip/{GOED}"] == b"<goed/>"
    fout = uitkomst["levering.zip/kapot.xml"]
    assert isinstance(fout, OnleesbaarBestand)
    assert "beschadigd" in str(fout)


def test_archief_vervangen_na_het_opsommen(tmp_path: Path) -> None:
    """Listed, then replaced by another archive with the same names: every member is read
    from the archive as it is now, or refused; never the old bytes, never a mix."""
    oud = {f"301/b{i}.xml": f"<oud nummer='{i}'/>".encode() for i in range(20)}
    nieuw = {naam: b"<nieuw>" + b"x" * (i * 37) + b"</nieuw>" for i, naam in enumerate(oud)}
    pad = tmp_path / "levering.zip"
    pad.write_bytes(_zip(oud))
    bestanden, _ = bronbestanden_in([pad])
    pad.write_bytes(_zip(dict(reversed(nieuw.items()))))

    for bron, inhoud in met_inhoud(bestanden):
        lid = bron.naam.removeprefix("levering.zip/")
        assert isinstance(inhoud, OnleesbaarBestand) or inhoud == nieuw[lid], lid

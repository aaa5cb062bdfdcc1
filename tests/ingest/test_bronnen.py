"""From SOURCE arguments to files: folders recursively, zip archives, nothing skipped silently."""

from __future__ import annotations

import io
import os
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from pipelines.ingest.errors import OnleesbaarBestand
from pipelines.ingest.sources import (
    REDEN_GEEN_DATA,
    REDEN_KOPPELING,
    REDEN_VERBORGEN,
    REDEN_VERBORGEN_MAP,
    Bronbestand,
    als_bestand,
    bronbestanden_in,
    met_inhoud,
)
from pipelines.settings import invoerlimieten


def _zip(leden: dict[str, bytes], methode: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", methode) as archief:
        for naam, inhoud in leden.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


def _schrijf(pad: Path, inhoud: bytes | str = b"<x/>") -> Path:
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_bytes(inhoud.encode() if isinstance(inhoud, str) else inhoud)
    return pad


@pytest.fixture
def boom(tmp_path: Path) -> Path:
    """A delivery with every kind of entry: data, other files, hidden files, links, a pipe,
    and an archive with data, other members, OS metadata, a folder entry and a nested zip."""
    export = tmp_path / "export"
    _schrijf(export / "301" / "bericht_1.xml")
    _schrijf(export / "301" / "diep" / "nog" / "bericht_2.XML")
    _schrijf(export / "declaraties_2024.csv", "a;b\n")
    _schrijf(export / "leesmij.pdf", "pdf")
    _schrijf(export / "notities.csv", "geen contracttabel")
    _schrijf(export / ".DS_Store", "mac")
    _schrijf(export / "301" / "Thumbs.db", "win")
    _schrijf(export / ".git" / "config", "verborgen map")
    _schrijf(export / "__MACOSX" / "._bericht_1.xml", "mac")
    os.symlink(export / "leesmij.pdf", export / "koppeling_naar_bestand.xml")
    os.symlink(export / "301", export / "koppeling_naar_map")
    os.mkfifo(export / "declaraties_pipe.csv")
    binnen = _zip({"d.xml": b"<d/>", "toewijzingen.csv": b"x", "plaatje.png": b"png"})
    _schrijf(
        export / "archief" / "a.zip",
        _zip(
            {
                "map/": b"",
                "305/b1.xml": b"<b1/>",
                "305/b2.xml": b"<b2/>",
                "zorgperiodes_2024.csv": b"z",
                "overzicht.docx": b"docx",
                "__MACOSX/305/._b1.xml": b"mac",
                "305/.verborgen.xml": b"<v/>",
                "b/c.zip": binnen,
            }
        ),
    )
    return export


def test_alles_in_boom_en_archief_is_geladen_of_staat_in_de_lijst(boom: Path) -> None:
    bestanden, overgeslagen = bronbestanden_in([boom])

    geladen = {b.naam for b in bestanden}
    assert geladen == {
        "export/301/bericht_1.xml",
        "export/301/diep/nog/bericht_2.XML",
        "export/declaraties_2024.csv",
        "export/archief/a.zip/305/b1.xml",
        "export/archief/a.zip/305/b2.xml",
        "export/archief/a.zip/zorgperiodes_2024.csv",
        "export/archief/a.zip/b/c.zip/d.xml",
        "export/archief/a.zip/b/c.zip/toewijzingen.csv",
    }
    redenen = {o.naam: o.reden for o in overgeslagen}
    assert redenen == {
        "export/leesmij.pdf": REDEN_GEEN_DATA,
        "export/notities.csv": REDEN_GEEN_DATA,
        "export/.DS_Store": REDEN_VERBORGEN,
        "export/301/Thumbs.db": REDEN_VERBORGEN,
        "export/.git": REDEN_VERBORGEN_MAP,
        "export/__MACOSX": REDEN_VERBORGEN_MAP,
        "export/koppeling_naar_bestand.xml": REDEN_KOPPELING,
        "export/koppeling_naar_map": REDEN_KOPPELING,
        "export/declaraties_pipe.csv": redenen["export/declaraties_pipe.csv"],
        "export/archief/a.zip/overzicht.docx": REDEN_GEEN_DATA,
        "export/archief/a.zip/__MACOSX/305/._b1.xml": REDEN_VERBORGEN,
        "export/archief/a.zip/305/.verborgen.xml": REDEN_VERBORGEN,
        "export/archief/a.zip/b/c.zip/plaatje.png": REDEN_GEEN_DATA,
    }
    assert "pipe" in redenen["export/declaraties_pipe.csv"]

    # Independently of the code under test: every entry on disk (not inside a listed hidden
    # folder) and every file member of every archive is either loaded or listed.
    op_schijf: set[str] = set()
    for map_, mappen, bestandsnamen in os.walk(boom):
        relatief = Path(map_).relative_to(boom.parent).as_posix()
        for naam in list(mappen):
            if naam in {".git", "__MACOSX"} or os.path.islink(os.path.join(map_, naam)):
                op_schijf.add(f"{relatief}/{naam}")
                mappen.remove(naam)
        for naam in bestandsnamen:
            if naam.endswith(".zip"):
                continue
            op_schijf.add(f"{relatief}/{naam}")
    in_archief: set[str] = set()
    buiten = zipfile.ZipFile(boom / "archief" / "a.zip")
    for info in buiten.infolist():
        if info.is_dir() or info.filename.endswith(".zip"):
            continue
        in_archief.add(f"export/archief/a.zip/{info.filename}")
    for info in zipfile.ZipFile(io.BytesIO(buiten.read("b/c.zip"))).infolist():
        in_archief.add(f"export/archief/a.zip/b/c.zip/{info.filename}")
    alles = op_schijf | in_archief
    assert geladen | set(redenen) == alles
    assert not geladen & set(redenen)
    assert len(bestanden) + len(overgeslagen) == len(alles)


def test_namen_lid_grootte_en_volgorde(boom: Path) -> None:
    bestanden, overgeslagen = bronbestanden_in([boom])

    assert [b.naam for b in bestanden] == sorted(b.naam for b in bestanden)
    assert [o.naam for o in overgeslagen] == sorted(o.naam for o in overgeslagen)
    per_naam = {b.naam: b for b in bestanden}
    los = per_naam["export/301/bericht_1.xml"]
    assert (los.pad, los.lid, los.archief, los.grootte) == (
        boom / "301" / "bericht_1.xml",
        (),
        None,
        4,
    )
    lid = per_naam["export/archief/a.zip/305/b1.xml"]
    assert (lid.pad, lid.lid, lid.archief, lid.grootte) == (
        boom / "archief" / "a.zip",
        ("305/b1.xml",),
        boom / "archief" / "a.zip",
        5,
    )
    genest = per_naam["export/archief/a.zip/b/c.zip/d.xml"]
    assert genest.lid == ("b/c.zip", "d.xml")
    assert genest.pad == boom / "archief" / "a.zip"
    assert per_naam["export/301/diep/nog/bericht_2.XML"].extensie == ".xml"
    assert per_naam["export/archief/a.zip/zorgperiodes_2024.csv"].extensie == ".csv"
    # Listing again gives the same lists: the order does not depend on the file system.
    assert bronbestanden_in([boom]) == (bestanden, overgeslagen)


def test_archief_als_argument_en_bestand_in_map_krijgen_dezelfde_namen(boom: Path) -> None:
    los, _ = bronbestanden_in([boom / "archief" / "a.zip"])
    in_map, _ = bronbestanden_in([boom / "archief"])

    assert "a.zip/305/b1.xml" in {b.naam for b in los}
    assert {f"archief/{b.naam}" for b in los} == {b.naam for b in in_map}


def test_met_inhoud_geeft_alle_inhoud_in_volgorde(boom: Path) -> None:
    bestanden, _ = bronbestanden_in([boom])

    inhoud = {bron.naam: data for bron, data in met_inhoud(bestanden)}

    assert list(inhoud) == [b.naam for b in bestanden]
    assert inhoud["export/archief/a.zip/305/b2.xml"] == b"<b2/>"
    assert inhoud["export/archief/a.zip/b/c.zip/d.xml"] == b"<d/>"
    assert inhoud["export/declaraties_2024.csv"] == b"a;b\n"
    assert all(bron.lees() == inhoud[bron.naam] for bron in bestanden)


def test_met_inhoud_opent_elk_archief_een_keer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binnen = _zip({f"binnen_{i:03d}.xml": b"<b/>" for i in range(50)})
    leden = {f"323/bericht_{i:03d}.xml": f"<m{i}/>".encode() for i in range(200)}
    _schrijf(tmp_path / "archief.zip", _zip({**leden, "genest.zip": binnen}))
    bestanden, _ = bronbestanden_in([tmp_path / "archief.zip"])
    geopend: list[object] = []
    echte = zipfile.ZipFile

    class TelOpeningen(echte):  # type: ignore[misc, valid-type]
        def __init__(self, bestand: object, *args: object, **kwargs: object) -> None:
            geopend.append(bestand)
            super().__init__(bestand, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", TelOpeningen)

    uitkomst = list(met_inhoud(bestanden))

    assert len(uitkomst) == 250
    assert all(isinstance(data, bytes) for _, data in uitkomst)
    assert len(geopend) == 2  # the archive once, the archive inside it once


def test_kapot_lid_stopt_de_rest_niet(tmp_path: Path) -> None:
    data = bytearray(_zip({"a.xml": b"<aaaaaaaa/>", "b.xml": b"<bbbbbbbb/>"}, zipfile.ZIP_STORED))
    plek = data.index(b"<aaaaaaaa/>")
    data[plek + 2] = ord("X")  # stored bytes no longer match the CRC
    _schrijf(tmp_path / "kapot.zip", bytes(data))
    bestanden, _ = bronbestanden_in([tmp_path / "kapot.zip"])

    uitkomst = list(met_inhoud(bestanden))

    assert [b.naam for b, _ in uitkomst] == ["kapot.zip/a.xml", "kapot.zip/b.xml"]
    fout = uitkomst[0][1]
    assert isinstance(fout, OnleesbaarBestand)
    assert str(fout).startswith("kapot.zip/a.xml: beschadigd in het archief")
    assert uitkomst[1][1] == b"<bbbbbbbb/>"
    with pytest.raises(OnleesbaarBestand, match="beschadigd"):
        bestanden[0].lees()


def test_kapot_archief_wordt_geweigerd_en_de_rest_laadt(tmp_path: Path) -> None:
    _schrijf(tmp_path / "geen_zip.zip", b"dit is geen zip")
    heel = _zip({"a.xml": b"<a/>" * 100})
    _schrijf(tmp_path / "afgebroken.zip", heel[: len(heel) // 2])
    _schrijf(tmp_path / "goed.xml")

    bestanden, overgeslagen = bronbestanden_in(
        [tmp_path / "geen_zip.zip", tmp_path / "afgebroken.zip", tmp_path / "goed.xml"]
    )

    assert [b.naam for b in bestanden] == ["goed.xml"]
    assert {o.naam: o.soort for o in overgeslagen} == {
        "geen_zip.zip": "geweigerd",
        "afgebroken.zip": "geweigerd",
    }
    assert all("geen geldig zip-archief" in o.reden for o in overgeslagen)


def test_als_bestand_geeft_een_prive_kopie_die_daarna_weg_is(boom: Path) -> None:
    bestanden, _ = bronbestanden_in([boom])
    per_naam = {b.naam: b for b in bestanden}

    with als_bestand(per_naam["export/declaraties_2024.csv"]) as pad:
        assert pad == boom / "declaraties_2024.csv"
    assert pad.exists()

    with als_bestand(per_naam["export/archief/a.zip/b/c.zip/toewijzingen.csv"]) as kopie:
        # The name keeps the table prefix and extension the readers recognise.
        assert kopie.name == "toewijzingen.csv"
        assert kopie.read_bytes() == b"x"
        assert stat.S_IMODE(kopie.stat().st_mode) == 0o600
        assert stat.S_IMODE(kopie.parent.stat().st_mode) == 0o700
    assert not kopie.exists()
    assert not kopie.parent.exists()


def test_expliciete_bestanden_en_koppelingen(tmp_path: Path) -> None:
    _schrijf(tmp_path / "export_zonder_tabelnaam.csv", "a\n")
    os.symlink(tmp_path / "export_zonder_tabelnaam.csv", tmp_path / "declaraties_link.csv")
    os.symlink(tmp_path / "lus_b", tmp_path / "lus_a")
    os.symlink(tmp_path / "lus_a", tmp_path / "lus_b")
    os.symlink(tmp_path / "bestaat_niet", tmp_path / "los_eind.xml")

    bestanden, overgeslagen = bronbestanden_in(
        [
            tmp_path / "export_zonder_tabelnaam.csv",
            tmp_path / "declaraties_link.csv",
            tmp_path / "lus_a",
            tmp_path / "los_eind.xml",
            tmp_path / "ontbreekt.csv",
        ]
    )

    # Named explicitly, any regular file is tried (the loader refuses it with its reason);
    # a link named explicitly is followed once to its file.
    assert [(b.naam, b.pad) for b in bestanden] == [
        ("declaraties_link.csv", tmp_path / "declaraties_link.csv"),
        ("export_zonder_tabelnaam.csv", tmp_path / "export_zonder_tabelnaam.csv"),
    ]
    redenen = {o.naam: o.reden for o in overgeslagen}
    assert "kring" in redenen["lus_a"]
    assert "koppeling naar iets dat niet te openen is" in redenen["los_eind.xml"]
    assert "niet te openen" in redenen["ontbreekt.csv"]


def test_namen_met_stuurtekens_en_onleesbare_bytes_worden_vervangen(tmp_path: Path) -> None:
    map_ = tmp_path / "levering"
    map_.mkdir()
    _schrijf(map_ / "declaraties_\x1b[31mrood.csv", "a\n")
    os.close(os.open(os.fsencode(map_) + b"/bericht_\xff.xml", os.O_CREAT | os.O_WRONLY, 0o600))

    bestanden, _ = bronbestanden_in([map_])

    namen = sorted(b.naam for b in bestanden)
    assert namen == ["levering/bericht_\ufffd.xml", "levering/declaraties_\ufffd[31mrood.csv"]
    assert all(b.pad.exists() for b in bestanden)
    for naam in namen:
        naam.encode("utf-8")  # printable and storable: no lone surrogates


def test_nieuwe_grenzen_zijn_instelbaar(monkeypatch: pytest.MonkeyPatch) -> None:
    standaard = invoerlimieten()
    assert standaard.max_archiefnesting == 3
    assert standaard.max_archiefleden == 2_000_000
    assert standaard.max_archief_bytes == 50 * 1024**3
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEF_BYTES", "1234")
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEFLEDEN", "7")
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEFNESTING", "1")
    ingesteld = invoerlimieten()
    assert (
        ingesteld.max_archief_bytes,
        ingesteld.max_archiefleden,
        ingesteld.max_archiefnesting,
    ) == (1234, 7, 1)
    monkeypatch.setenv("SIGNAALMONITOR_MAX_ARCHIEFNESTING", "-1")
    with pytest.raises(ValueError, match="SIGNAALMONITOR_MAX_ARCHIEFNESTING"):
        invoerlimieten()


def test_bronbestand_van_een_gewoon_bestand_leest_binnen_de_grens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pad = _schrijf(tmp_path / "groot.xml", b"<x>" + b"a" * 500 + b"</x>")
    bron = Bronbestand("groot.xml", pad, (), 507)
    assert bron.lees().startswith(b"<x>")
    monkeypatch.setenv("SIGNAALMONITOR_MAX_UITGEPAKT_BYTES", "100")
    with pytest.raises(OnleesbaarBestand, match="SIGNAALMONITOR_MAX_UITGEPAKT_BYTES"):
        bron.lees()


def test_bestand_dat_na_het_opsommen_een_pipe_werd_laat_niet_hangen(tmp_path: Path) -> None:
    pad = _schrijf(tmp_path / "bericht.xml")
    archief = _schrijf(tmp_path / "archief.zip", _zip({"a.xml": b"<a/>"}))
    bestanden, _ = bronbestanden_in([pad, archief])
    for vervangen in (pad, archief):
        vervangen.unlink()
        os.mkfifo(vervangen)
    uitkomst: list[object] = []
    draad = threading.Thread(target=lambda: uitkomst.extend(met_inhoud(bestanden)), daemon=True)
    draad.start()
    draad.join(10)

    assert not draad.is_alive(), "hangt op een pipe"
    assert len(uitkomst) == 2
    for _, inhoud in uitkomst:  # type: ignore[misc]
        assert isinstance(inhoud, OnleesbaarBestand)
        assert "geen gewoon bestand" in str(inhoud)

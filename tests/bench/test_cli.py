"""The bench's command line refuses option combinations it cannot honour, before measuring."""

from __future__ import annotations

import pytest

from bench.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["--schaal", "10", "--snel"],
        ["--schaal", "10", "--dashboard", "x.duckdb"],
        ["--dashboard", "x.duckdb", "--zonder-dashboard"],
        ["--dashboard", "x.duckdb", "--uit", "elders"],
        ["--schaal", "0"],
        ["--herhalingen", "0"],
        ["--schaal"],
        ["--onbekend"],
        # The scale series (make bench-schaal).
        ["--werkmap", "x"],
        ["--bewaar"],
        ["--schaal-reeks", "--snel"],
        ["--schaal-reeks", "--maten", "veel"],
        ["--schaal-reeks", "--schaal", "10"],
    ],
)
def test_ongeldige_combinaties_geven_exitcode_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as fout:
        main(argv)
    assert fout.value.code == 2
    assert "usage: python -m bench" in capsys.readouterr().err


def test_help_noemt_de_meetsoorten(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as klaar:
        main(["--help"])
    assert klaar.value.code == 0
    uitleg = capsys.readouterr().out
    for optie in ("--schaal", "--dashboard", "--snel", "--zonder-dashboard", "--uit"):
        assert optie in uitleg


def test_dashboard_meting_op_een_ontbrekende_database_noemt_de_reden(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as fout:
        main(["--dashboard", "bestaat-niet.duckdb"])
    assert fout.value.code == 2
    assert "database bestaat-niet.duckdb bestaat niet" in capsys.readouterr().err

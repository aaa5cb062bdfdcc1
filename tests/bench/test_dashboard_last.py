"""The bench's count of dataframe cells Streamlit sends to the browser (cpu per pagina)."""

from __future__ import annotations

import pyarrow as pa
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.dashboard_last import _cellen_verstuurd


def _arrow(rijen: int, kolommen: int) -> bytes:
    tabel = pa.table({f"k{i}": list(range(rijen)) for i in range(kolommen)})
    uit = pa.BufferOutputStream()
    with pa.ipc.new_stream(uit, tabel.schema) as schrijver:
        schrijver.write_table(tabel)
    return bytes(uit.getvalue().to_pybytes())


def _tabelbericht(rijen: int, kolommen: int) -> bytes:
    msg = ForwardMsg()
    msg.delta.new_element.dataframe.arrow_data.data = _arrow(rijen, kolommen)
    return bytes(msg.SerializeToString())


def test_telt_rijen_maal_kolommen_van_elke_tabel() -> None:
    tekst = ForwardMsg()
    tekst.delta.new_element.markdown.body = "geen tabel"
    berichten: list[bytes | str] = [
        _tabelbericht(3, 2),
        _tabelbericht(10, 4),
        bytes(tekst.SerializeToString()),
        "een tekstframe",
    ]
    assert _cellen_verstuurd(berichten) == 3 * 2 + 10 * 4


def test_geen_berichten_geen_cellen() -> None:
    assert _cellen_verstuurd([]) == 0

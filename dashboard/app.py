"""Signaalmonitor Wmo — dashboard entrypoint (`signaalmonitor dashboard`)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGINAS = Path(__file__).parent / "app_pages"

st.set_page_config(page_title="Signaalmonitor Wmo", page_icon="📊", layout="wide")

navigatie = st.navigation(
    {
        "Gegevens": [
            st.Page(PAGINAS / "over_de_data.py", title="Datakwaliteit", icon="🗂️", default=True),
        ],
    }
)
navigatie.run()

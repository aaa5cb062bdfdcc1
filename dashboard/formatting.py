"""Dutch column headers, column_config presets, tables and Excel downloads.

Amounts in running text and KPI tiles are text from pipelines/opmaak.py (`€ 1.234.567`), so
they read Dutch whatever the browser's locale. Table cells keep their numeric type (sortable)
and use Streamlit's `euro`/`localized`/`percent` presets, which follow the browser's locale.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import polars as pl
import streamlit as st
from streamlit import config as st_config

from pipelines.exports.neutraliseer import neutraliseer
from pipelines.opmaak import LEEG, getal, is_leeg


def pijl(verandering: float | None, decimalen: int = 1) -> Literal["up", "down", "off"]:
    """The arrow of a tile's change (a fraction: −0,027 = −2,7%), as its text shows it.

    Streamlit takes a delta as negative only when it starts with an ASCII hyphen, and the
    texts here use a real minus sign (`−2,7%`), so its own arrow pointed up on a decline. The
    arrow follows the percentage as shown: what rounds to 0,0% gets none.
    """
    if verandering is None or is_leeg(verandering):
        return "off"
    afgerond = round(100 * verandering, decimalen)
    if afgerond > 0:
        return "up"
    return "down" if afgerond < 0 else "off"


# ------------------------------------------------------------------------------------------
# Column headers: one Dutch label and one format per column name, used on every page.
# ------------------------------------------------------------------------------------------
_EURO = "euro"
_GETAL = "getal"
_AANDEEL = "aandeel"
_TEKST = "tekst"
_DATUM = "datum"
_TIJD = "tijd"

KOLOMMEN: dict[str, tuple[str, str, str | None]] = {
    # naam: (kop, soort, hulptekst)
    "is_afgeschermd": (
        "Afgeschermd",
        _TEKST,
        "minder dan 5 cliënten, of nodig om een kleine cel af te schermen: bedragen leeg",
    ),
    "aanbieder_agb": ("AGB-code", _TEKST, None),
    "naam": ("Aanbieder", _TEKST, None),
    "jaar": ("Jaar", _TEKST, None),
    "rang": ("Rang", _GETAL, "1 = hoogste risicoscore in dit jaar"),
    "risicoscore": ("Risicoscore", _GETAL, "0–100, uit de gemarkeerde signalen"),
    "aantal_signalen": ("Signalen", _GETAL, "aantal gemarkeerde signalen"),
    "nieuw": ("Nieuw", _GETAL, "gemarkeerde signalen die na de laatste lading verschenen"),
    "categorieen": ("Categorieën", _TEKST, None),
    "financieel_belang": ("Financieel belang", _EURO, "euro's die met de signalen gemoeid zijn"),
    "gedeclareerd_eur": ("Gedeclareerd", _EURO, None),
    "onrechtmatig_eur": (
        "Onrechtmatig",
        _EURO,
        "hard: uit de status van de declaratieregels, elke euro één keer, met bewijsregels",
    ),
    "geschat_belang_eur": (
        "Geschat belang",
        _EURO,
        "een schatting van een statistische indicator; nooit opgeteld bij onrechtmatig",
    ),
    "beoordeling": (
        "Beoordeling",
        _TEKST,
        "status in de werkvoorraad van de gemarkeerde signalen (aantal signalen per status)",
    ),
    "rang_zorg": ("Rang zorg", _GETAL, "volgorde op zorg en kwaliteit: ernst en sterkte"),
    "rang_rechtmatigheid": ("Rang rechtmatigheid", _GETAL, "volgorde op onrechtmatige euro's"),
    "rang_risico": ("Rang risico", _GETAL, "volgorde op statistische afwijking en schatting"),
    "retourcode": ("Retourcode", _TEKST, "iWmo-retourcode van de controle die de regel raakt"),
    "declaratienummer": ("Declaratienummer", _TEKST, None),
    "bedrag_eur": ("Bedrag", _EURO, None),
    "aantal_clienten": ("Cliënten", _GETAL, None),
    "aantal_regels": ("Declaratieregels", _GETAL, None),
    "aantal_aanbieders": ("Aanbieders", _GETAL, None),
    "belangrijkste_indicator": ("Belangrijkste signaal", _TEKST, None),
    "indicator": ("Indicator", _TEKST, None),
    "indicator_naam": ("Signaal", _TEKST, None),
    "categorie": ("Categorie", _TEKST, None),
    "gemeentecode": ("Gemeentecode", _TEKST, None),
    "gemeente": ("Gemeente", _TEKST, None),
    "perceel": ("Perceel", _TEKST, None),
    "productcode": ("Productcode", _TEKST, None),
    "productomschrijving": ("Product", _TEKST, None),
    "intensiteit": ("Intensiteit", _GETAL, "1 = lichtst; hoger = zwaarder en duurder"),
    "waarde": ("Waarde", _GETAL, None),
    "referentiewaarde": ("Referentie", _GETAL, None),
    "afwijking": ("Afwijking", _GETAL, None),
    "gemarkeerd": ("Gemarkeerd", _TEKST, None),
    "status": ("Status", _TEKST, None),
    "sterkte": ("Sterkte", _AANDEEL, "hoe zeker de bevinding is"),
    "toelichting": ("Toelichting", _TEKST, None),
    "peergroep": ("Peergroep", _TEKST, None),
    "maand": ("Maand", _TEKST, None),
    "uren": ("Uren", _GETAL, "volume in tijdseenheden, omgerekend naar uren"),
    "volume": ("Volume", _GETAL, None),
    "eenheid": ("Eenheid", _TEKST, None),
    "realisatiegraad": ("Realisatiegraad", _AANDEEL, "geleverd / toegewezen volume"),
    "aandeel_eur": ("Aandeel aanbieder", _AANDEEL, None),
    "peer_aandeel_eur": ("Aandeel peers", _AANDEEL, None),
    "vorig_jaar_eur": ("Vorig jaar", _EURO, None),
    "verschil_eur": ("Verschil", _EURO, None),
    "verschil_aandeel": ("Verschil %", _AANDEEL, None),
    "clienten_vorig_jaar": ("Cliënten vorig jaar", _GETAL, None),
    "bron": ("Bron", _TEKST, None),
    "declaratieregel_id": ("Declaratieregel", _TEKST, None),
    "client_id": ("Cliënt (pseudoniem)", _TEKST, None),
    "toewijzingnummer": ("Toewijzing", _TEKST, None),
    "referentienummer": ("Referentienummer", _TEKST, None),
    "begindatum": ("Begindatum", _DATUM, None),
    "einddatum": ("Einddatum", _DATUM, None),
    "bestandsnaam": ("Bestand", _TEKST, None),
    "tabel": ("Tabel", _TEKST, None),
    "formaat": ("Formaat", _TEKST, None),
    "bestanden": ("Bestanden", _GETAL, None),
    "geladen": ("Geladen rijen", _GETAL, None),
    "quarantaine": ("In quarantaine", _GETAL, None),
    "rijen_gelezen": ("Gelezen", _GETAL, None),
    "rijen_geladen": ("Geladen", _GETAL, None),
    "rijen_quarantaine": ("Quarantaine", _GETAL, None),
    "rijen_al_aanwezig": ("Al aanwezig", _GETAL, None),
    "geladen_op": ("Geladen op", _TIJD, None),
    "duur_seconden": ("Duur (s)", _GETAL, None),
    "regelnummer": ("Regel", _GETAL, None),
    "kolom": ("Kolom", _TEKST, None),
    "reden": ("Reden", _TEKST, None),
    "notitie": ("Notitie", _TEKST, None),
    "beoordelaar": ("Beoordelaar", _TEKST, None),
    "vastgelegd_op": ("Vastgelegd op", _TIJD, None),
    "omzet_regio_eur": ("Omzet in de regio", _EURO, "staande declaraties na creditering"),
    "vereiste_verantwoording": ("Vereiste verantwoording", _TEKST, None),
    "heeft_verantwoording": ("Aangeleverd", _TEKST, "productieverantwoording aangeleverd"),
    "verantwoord_eur": ("Zelf verantwoord", _EURO, "eigen productieverantwoording"),
    "is_verschil_boven_drempel": ("Verschil boven drempel", _TEKST, None),
    "aantal_gemeenten": ("Gemeenten", _GETAL, None),
    "aantal_gemeenten_verantwoord": ("Gemeenten verantwoord", _GETAL, None),
    "hoogste_omzet_gemeente_eur": ("Hoogste omzet in één gemeente", _EURO, None),
    "omzet_per_gemeente": ("Omzet per gemeente", _TEKST, None),
    "aantal": ("Aantal", _GETAL, None),
    "productcodes": ("Producten", _TEKST, None),
    "euro_per_client": ("Euro's per cliënt", _EURO, None),
    "groei": ("Groei", _AANDEEL, None),
    "run_id": ("Run", _GETAL, None),
    "gestart_op": ("Gestart op", _TIJD, None),
    "prognose_eur": ("Prognose", _EURO, None),
    "totaal": ("Totaal", _EURO, None),
}


def kop(kolom: str) -> str:
    return KOLOMMEN.get(kolom, (kolom.replace("_", " ").capitalize(), _TEKST, None))[0]


def _config(kolom: str, soort: str, label: str, hulp: str | None) -> Any:
    cc = st.column_config
    if soort == _EURO:
        return cc.NumberColumn(label, help=hulp, format="euro")
    if soort == _GETAL:
        return cc.NumberColumn(label, help=hulp, format="localized")
    if soort == _AANDEEL:
        return cc.NumberColumn(label, help=hulp, format="percent")
    if soort == _DATUM:
        return cc.DateColumn(label, help=hulp, format="DD-MM-YYYY")
    if soort == _TIJD:
        return cc.DatetimeColumn(label, help=hulp, format="DD-MM-YYYY HH:mm")
    return cc.TextColumn(label, help=hulp)


def kolomconfig(kolommen: Iterable[str], extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """column_config for a frame: Dutch header and format for every known column name."""
    config: dict[str, Any] = {}
    for kolom in kolommen:
        label, soort, hulp = KOLOMMEN.get(kolom, (kop(kolom), _TEKST, None))
        config[kolom] = _config(kolom, soort, label, hulp)
    if extra:
        config.update(extra)
    return config


def euro_kolom(label: str, hulp: str | None = None) -> Any:
    return st.column_config.NumberColumn(label, help=hulp, format="euro")


# Under AppTest there is no browser to choose a tab, so every tab runs there (as Streamlit keeps
# dataframes eager under AppTest): the page tests see every tab's content. A test of the lazy
# behaviour itself sets this to False.
ALLE_TABBLADEN_ONDER_APPTEST = True


def tabbladen(
    labels: Sequence[str], key: str, bewaar: Mapping[str, Sequence[str]] | None = None
) -> Sequence[Any]:
    """st.tabs that run and send only the chosen tab (#14); `is_gekozen(tab)` says which one.

    With plain st.tabs every click drew the charts and tables of all tabs in the browser, the
    hidden ones too, and that browser work dominated with eight users on two cores. A tab
    switch now reruns the page; the chosen tab stays in session state under `key`.

    Streamlit forgets the value of a widget that a run does not draw, and a hidden tab draws
    none: `bewaar` names, per tab label, the widget keys whose value (an indexation, a period)
    must survive a visit to another tab. Their value is stored again in the runs that hide
    them (not when they are drawn: a widget with a default and a value set in the same run
    gets Streamlit's warning).
    """
    # streamlit.config, not st.get_option: AppTest patches the module's function.
    if ALLE_TABBLADEN_ONDER_APPTEST and st_config.get_option("global.appTest"):
        return st.tabs(list(labels))
    tabs = st.tabs(list(labels), key=key, on_change="rerun")
    for label, tab in zip(labels, tabs, strict=True):
        if tab.open is False:
            for sleutel in (bewaar or {}).get(label, ()):
                if sleutel in st.session_state:
                    st.session_state[sleutel] = st.session_state[sleutel]
    return tabs


def is_gekozen(tabblad: Any) -> bool:
    """Whether a tab of `tabbladen` runs: the chosen one (None = every tab runs)."""
    return tabblad.open is not False


# At most this many rows go to the browser per table: at national scale a ranking or a
# verantwoording list has thousands of rows (76.608 cells at 40M lines), sent and parsed on every
# click. The caption says how many there are; filters and the downloads give the rest.
MAX_RIJEN_IN_BEELD = 1000


def tabel(
    df: pl.DataFrame,
    *,
    extra: Mapping[str, Any] | None = None,
    kolommen: list[str] | None = None,
    max_rijen: int = MAX_RIJEN_IN_BEELD,
    **opties: Any,
) -> Any:
    """st.dataframe with Dutch headers, no index and full width; the first `max_rijen` rows
    (in the frame's order, so a selection's row numbers still point into `df`)."""
    kolommen = kolommen or df.columns
    if df.height > max_rijen:
        st.caption(
            f"De eerste {getal(max_rijen)} van {getal(df.height)} rijen, in de volgorde van de "
            "tabel. Met de filters in de zijbalk (jaar, gemeente, perceel) ziet u een kleiner "
            "deel in zijn geheel."
        )
        df = df.head(max_rijen)
    return st.dataframe(
        df.select(kolommen),
        hide_index=True,
        width="stretch",
        column_config=kolomconfig(kolommen, extra),
        placeholder=LEEG,
        **opties,
    )


def excel_bytes(bladen: Mapping[str, pl.DataFrame]) -> bytes:
    """An .xlsx with one sheet per frame, Dutch headers and euro formats (xlsxwriter).

    Data never becomes a formula or a link: text is written as text (formula and URL
    detection off) and text that Excel would run as a formula gets a `'` in front
    (`pipelines.exports.neutraliseer`). Numbers are decided by type: a float column with
    -12.5 stays a number, a text column with "-12" is text.
    """
    import xlsxwriter

    buffer = io.BytesIO()
    boek = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "default_date_format": "dd-mm-yyyy",
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
        },
    )
    vet = boek.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1})
    euro_fmt = boek.add_format({"num_format": "€ #,##0.00"})
    getal_fmt = boek.add_format({"num_format": "#,##0.##"})
    pct_fmt = boek.add_format({"num_format": "0.0%"})
    datum_fmt = boek.add_format({"num_format": "dd-mm-yyyy"})
    for bladnaam, df in bladen.items():
        blad = boek.add_worksheet(bladnaam[:31])
        for c, kolom in enumerate(df.columns):
            soort = KOLOMMEN.get(kolom, (kolom, _TEKST, None))[1]
            if kolom.endswith("_eur") or kolom.startswith("eur_"):
                soort = _EURO
            fmt = {_EURO: euro_fmt, _GETAL: getal_fmt, _AANDEEL: pct_fmt, _DATUM: datum_fmt}.get(
                soort
            )
            blad.write_string(0, c, neutraliseer(kop(kolom)), vet)
            breedte = max(10, min(60, len(kop(kolom)) + 2))
            for r, waarde in enumerate(df.get_column(kolom).to_list(), start=1):
                if is_leeg(waarde):
                    continue
                if isinstance(waarde, datetime | date):
                    blad.write_datetime(r, c, waarde, fmt or datum_fmt)
                elif isinstance(waarde, bool):
                    blad.write_string(r, c, "ja" if waarde else "nee")
                elif isinstance(waarde, int | float | Decimal):
                    blad.write_number(r, c, float(waarde), fmt)
                else:
                    tekst = neutraliseer(str(waarde))
                    blad.write_string(r, c, tekst)
                    breedte = max(breedte, min(60, len(tekst) + 2))
            blad.set_column(c, c, breedte)
        blad.freeze_panes(1, 0)
        if df.height:
            blad.autofilter(0, 0, df.height, max(0, df.width - 1))
    boek.close()
    return buffer.getvalue()


EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def excel_download(
    label: str,
    bladnaam: str,
    df: pl.DataFrame,
    bestandsnaam: str,
    *,
    key: str,
    meer_bladen: Mapping[str, pl.DataFrame] | None = None,
    bij_download: Callable[[], None] | None = None,
) -> None:
    """A download button for `df` as an Excel workbook (one sheet, or more with `meer_bladen`).
    Deferred: the workbook is only built when the button is clicked, and clicking does not
    rerun the page. `bij_download` runs at the click, before the workbook is built (the audit
    row of an evidence export: when it raises, no file is sent)."""

    def _bestand() -> bytes:
        if bij_download is not None:
            bij_download()
        return excel_bytes({bladnaam: df, **(meer_bladen or {})})

    st.download_button(
        label,
        data=_bestand,
        file_name=bestandsnaam,
        mime=EXCEL_MIME,
        icon=":material/download:",
        on_click="ignore",
        key=key,
    )


# --- kleine cellen (afgeschermd voor contractmanagement en control in sql/rollen.sql) ---------


def heeft_afgeschermd(df: pl.DataFrame) -> bool:
    """Whether any row of a frame from a role view is a shielded cell (`is_afgeschermd`)."""
    return "is_afgeschermd" in df.columns and bool(df["is_afgeschermd"].fill_null(False).any())


def clienten_tekst(aantal: Any, weergave: str | None) -> str:
    """A client count as a reader sees it: the view's "<5" or "—" for a shielded cell."""
    return weergave or getal(aantal)


def met_clienten_als_tekst(df: pl.DataFrame, kolom: str = "aantal_clienten") -> pl.DataFrame:
    """`kolom` as text ("12", "<5", "—") when the frame has shielded cells; else unchanged.

    The view leaves the count of a shielded cell empty and says in `clienten_weergave` what to
    show instead; a number column could only show it as empty, which reads as "unknown".
    """
    if not heeft_afgeschermd(df) or "clienten_weergave" not in df.columns:
        return df
    tekst = [
        clienten_tekst(a, w)
        for a, w in zip(df[kolom].to_list(), df["clienten_weergave"].to_list(), strict=True)
    ]
    return df.with_columns(pl.Series(kolom, tekst, dtype=pl.String))


def clienten_kolomconfig(df: pl.DataFrame, kolom: str = "aantal_clienten") -> dict[str, Any]:
    """The column_config for `kolom` after `met_clienten_als_tekst` (text when shielded)."""
    if df.schema.get(kolom) == pl.String:
        return {kolom: st.column_config.TextColumn(KOLOMMEN[kolom][0])}
    return {}


def afscherming_uitleg(df: pl.DataFrame) -> str | None:
    """The Dutch caption under a table or chart with shielded cells, None when there are none."""
    if not heeft_afgeschermd(df):
        return None
    grens = "5"
    if "clienten_weergave" in df.columns:
        klein = [w for w in df["clienten_weergave"].to_list() if w and w.startswith("<")]
        grens = klein[0][1:] if klein else grens
    return (
        f"<{grens} = minder dan {grens} cliënten: afgeschermd (aantal, euro's en volumes leeg, "
        "niet in de grafiek); — = ook afgeschermd, omdat een totaal anders een kleine cel zou "
        "verraden."
    )

"""The CM-gesprek's figures as one `CmProfiel`: a pure function of query results.

No database, no Streamlit: the Aanbieder page (dashboard/cm_rapport.py) and the command
`signaalmonitor export cm-gesprekken` (pipelines/exports/cm_pakket.py) both call `stel_samen`
with rows from the role's views, so page, report and workbook show the same figures. A
CmProfiel holds aggregates only, never client rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import polars as pl

from pipelines import opmaak
from pipelines.exports.excel_cm_profiel import (
    CmProfiel,
    Kerncijfer,
    MaandCijfer,
    ManagementRegel,
    MixRegel,
    Onderaannemer,
    ProductieRegel,
    SignaalRegel,
)

R = TypeVar("R")

PERIODE = re.compile(r"^(\d{4})(-H[12])?$")

AFSCHERMING = (
    "Afgeschermd: cellen met minder dan 5 cliënten (<5) en cellen die een totaal anders zou "
    "verraden (—) staan zonder aantal, euro's en volumes."
)

# A client count of 1–4 written in a signal's explanation ("1 van de 4 cliënten", "3 cliënten")
# is replaced in the CM-gesprek: the conversation is about the pattern, never a client (#12).
_KLEIN_AANTAL = re.compile(r"\b[1-4](?= (van de \d+ )?cli[eë]nt)")
_VAN_DE_KLEIN = re.compile(r"(?<=van de )[1-4](?= cli[eë]nt)")


def zonder_kleine_aantallen(tekst: str | None) -> str | None:
    """`tekst` with every client count of 1–4 written as "<5"."""
    if tekst is None:
        return None
    return _VAN_DE_KLEIN.sub("<5", _KLEIN_AANTAL.sub("<5", tekst))


def jaar_van(periode: str) -> int:
    """'2025-H2' → 2025; ValueError (Dutch) for anything else."""
    gevonden = PERIODE.match(periode)
    if not gevonden:
        raise ValueError(f"periode '{periode}' is geen jaar (2025) of halfjaar (2025-H1, 2025-H2).")
    return int(gevonden.group(1))


def maanden_van(periode: str) -> tuple[int, int]:
    """The first and last month number of the period."""
    if periode.endswith("-H1"):
        return 1, 6
    if periode.endswith("-H2"):
        return 7, 12
    return 1, 12


def periode_tekst(periode: str) -> str:
    jaar = jaar_van(periode)
    if periode.endswith("-H1"):
        return f"eerste halfjaar {jaar}"
    if periode.endswith("-H2"):
        return f"tweede halfjaar {jaar}"
    return f"jaar {jaar}"


def _regels(df: pl.DataFrame, regel: Callable[..., R], *kolommen: str) -> list[R]:
    """One `regel(...)` per row of `df`, from these columns in this order (an empty frame may
    lack the columns)."""
    return [regel(*(r[k] for k in kolommen)) for r in df.iter_rows(named=True)]


def _afgeschermd(*frames: pl.DataFrame) -> bool:
    return any(
        "is_afgeschermd" in df.columns and bool(df["is_afgeschermd"].fill_null(False).any())
        for df in frames
    )


def _agenda(r: Mapping[str, Any]) -> list[Kerncijfer]:
    """The agenda figures of one cm_periode row, each next to the peers' median."""
    return [
        Kerncijfer("Gedeclareerd", r.get("gedeclareerd_eur"), None, "eur"),
        Kerncijfer("Cliënten", r.get("aantal_clienten"), None, "getal", r.get("clienten_weergave")),
        Kerncijfer(
            "Groei t.o.v. dezelfde periode vorig jaar", r.get("groei"), r.get("peer_groei"), "groei"
        ),
        Kerncijfer(
            "Realisatie (geleverd / toegewezen)",
            r.get("realisatiegraad"),
            r.get("peer_realisatiegraad"),
            "aandeel",
        ),
        Kerncijfer(
            "Instroom (nieuwe cliënten)",
            r.get("instroom"),
            None,
            "getal",
            r.get("instroom_weergave"),
        ),
        Kerncijfer(
            "Uitstroom (vertrokken cliënten)",
            r.get("uitstroom"),
            None,
            "getal",
            r.get("uitstroom_weergave"),
        ),
        Kerncijfer(
            "Dagen van toewijzing tot start (mediaan)",
            r.get("mediaan_dagen_tot_start"),
            r.get("peer_mediaan_dagen_tot_start"),
            "decimaal",
        ),
        Kerncijfer(
            "Klachten per 100 cliënten",
            r.get("klachten_per_100_clienten"),
            r.get("peer_klachten_per_100_clienten"),
            "decimaal",
        ),
        Kerncijfer(
            "Calamiteiten per 100 cliënten",
            r.get("calamiteiten_per_100_clienten"),
            r.get("peer_calamiteiten_per_100_clienten"),
            "decimaal",
        ),
        Kerncijfer(
            "Cliëntervaring (rapportcijfer)",
            r.get("clientervaring"),
            r.get("peer_clientervaring"),
            "decimaal",
        ),
    ] + (
        # Only where the optional table wachttijden holds the provider in this period.
        [
            Kerncijfer(
                "Wachtenden (laatste peildatum)",
                r.get("aantal_wachtenden"),
                None,
                "getal",
                r.get("wachtenden_weergave"),
            ),
            Kerncijfer(
                "Gemiddelde wachttijd (dagen)",
                r.get("gemiddelde_wachttijd_dagen"),
                r.get("peer_gemiddelde_wachttijd_dagen"),
                "decimaal",
            ),
        ]
        if r.get("aantal_wachtenden") is not None or r.get("wachtenden_weergave")
        else []
    )


# How our figure for a kenmerk of managementinformatie is written (see
# sql/marts/mart_cm_managementinformatie.sql for the kenmerken we map).
_ONZE_OPMAAK: dict[str, Callable[[Any], str]] = {
    "omzet": opmaak.euro,
    "doorlooptijd_dagen": lambda w: opmaak.getal(w, 1),
    "wachttijd_dagen": lambda w: opmaak.getal(w, 1),
}


def _managementregels(df: pl.DataFrame) -> list[ManagementRegel]:
    regels = []
    for r in df.iter_rows(named=True):
        waarde = r.get("waarde_aanbieder")
        onze = r.get("onze_waarde")
        # A shielded client count the provider gave itself is shown as "<5".
        getoond = zonder_kleine_aantallen(waarde) if waarde is not None else None
        regels.append(
            ManagementRegel(
                r["kenmerk"],
                getoond or r.get("clienten_weergave") or opmaak.LEEG,
                zonder_kleine_aantallen(r.get("toelichting")),
                None if onze is None else _ONZE_OPMAAK.get(r["kenmerk"], opmaak.getal)(onze),
            )
        )
    return regels


def _verantwoording(r: Mapping[str, Any], jaar: int) -> str:
    if r.get("heeft_verantwoording"):
        return f"Productieverantwoording over {jaar} aangeleverd."
    return f"Geen productieverantwoording over {jaar} ontvangen."


def stel_samen(
    *,
    aanbieder: str,
    jaar: int,
    profiel: Mapping[str, Any],
    per_maand: pl.DataFrame,
    mix: pl.DataFrame,
    signalen: pl.DataFrame,
    onderaannemers: pl.DataFrame,
    gegenereerd_op: datetime,
    gegevens_tot: datetime | None,
    periode: str | None = None,
    periode_rij: Mapping[str, Any] | None = None,
    productie: pl.DataFrame | None = None,
    managementinformatie: pl.DataFrame | None = None,
) -> CmProfiel:
    """One CmProfiel from a cm_profiel row (the year) and the provider's other frames.

    `per_maand` holds the months to show; `signalen` may be empty (a role that sees no signals
    gets an export without them) and is already without the signals in investigation; only the
    flagged ones are taken. With `periode` the agenda comes from `periode_rij` (a cm_periode row)
    and `productie` (cm_productie rows of that period).
    """
    p = profiel
    weergave = p.get("clienten_weergave")
    productie = productie if productie is not None else pl.DataFrame()
    afgeschermd = (
        bool(p.get("is_afgeschermd"))
        or bool(periode_rij and periode_rij.get("is_afgeschermd"))
        or _afgeschermd(per_maand, mix, signalen, onderaannemers, productie)
    )
    gemarkeerd = [r for r in signalen.iter_rows(named=True) if bool(r.get("gemarkeerd"))]
    hoofd_eur = (periode_rij or {}).get("gedeclareerd_eur")
    return CmProfiel(
        aanbieder_agb=aanbieder,
        naam=p["naam"],
        jaar=jaar,
        gegenereerd_op=gegenereerd_op,
        gegevens_tot=gegevens_tot,
        peergroep=(
            f"{p['aantal_peers'] or 0} andere aanbieders met hoofdperceel {p['hoofdperceel']}"
        ),
        percelen=p["percelen"] or "",
        hoofdaannemer=(
            f"{p['hoofdaannemer_naam']} ({p['hoofdaannemer_agb']})"
            if p["hoofdaannemer_agb"]
            else None
        ),
        kerncijfers=[
            Kerncijfer("Gedeclareerd", p["gedeclareerd_eur"], p["peer_gedeclareerd_eur"], "eur"),
            Kerncijfer(
                "Cliënten", p["aantal_clienten"], p["peer_aantal_clienten"], "getal", weergave
            ),
            Kerncijfer("Euro's per cliënt", p["euro_per_client"], p["peer_euro_per_client"], "eur"),
            Kerncijfer(
                "Realisatiegraad", p["realisatiegraad"], p["peer_realisatiegraad"], "aandeel"
            ),
            Kerncijfer("Groei t.o.v. vorig jaar", p["groei"], p["peer_groei"], "groei"),
            Kerncijfer("Uren zorg", p["uren"], None, "getal"),
        ],
        per_maand=[
            MaandCijfer(
                r["maand"],
                r["gedeclareerd_eur"],
                r["aantal_clienten"],
                r["uren"],
                r.get("clienten_weergave"),
            )
            for r in per_maand.iter_rows(named=True)
        ],
        mix=_regels(
            mix,
            MixRegel,
            "perceel",
            "intensiteit",
            "gedeclareerd_eur",
            "aandeel_eur",
            "peer_aandeel_eur",
        ),
        signalen=[
            SignaalRegel(
                r["indicator"],
                r["indicator_naam"],
                r["categorie"],
                True,
                r["financieel_belang"],
                zonder_kleine_aantallen(r["toelichting"]),
                r.get("onrechtmatig_eur"),
                r.get("geschat_belang_eur"),
            )
            for r in gemarkeerd
        ],
        onderaannemers=[
            Onderaannemer(
                r["aanbieder_agb"],
                r["naam"],
                r["gedeclareerd_eur"],
                # From groep_leden (table onderaannemers); 'onbekend' without that table.
                r.get("akkoord") or "onbekend",
                r.get("periode"),
                (
                    float(r["gedeclareerd_eur"]) / float(hoofd_eur)
                    if r["gedeclareerd_eur"] is not None and hoofd_eur
                    else None
                ),
            )
            for r in onderaannemers.iter_rows(named=True)
        ],
        afscherming=AFSCHERMING if afgeschermd else None,
        periode=periode,
        agenda=_agenda(periode_rij) if periode_rij else [],
        productie=[
            ProductieRegel(
                r["indeling"],
                r["omschrijving"],
                r["gedeclareerd_eur"],
                r["aantal_clienten"],
                r["vorig_jaar_eur"],
                r["groei"],
                r.get("clienten_weergave"),
            )
            for r in productie.iter_rows(named=True)
        ],
        verantwoording=_verantwoording(periode_rij, jaar) if periode_rij else None,
        managementinformatie=(
            _managementregels(managementinformatie) if managementinformatie is not None else []
        ),
    )

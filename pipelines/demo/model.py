"""The region while it is being built: providers, care episodes, allocations and the
context every part of the generator reads and fills (window, reference data, roles)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pipelines.demo.schemas import Parameters, Schema


@dataclass
class Aanbieder:
    agb: str
    naam: str
    profiel: str
    rol: str
    gewicht: float = 0.0
    contract_vanaf: dt.date | None = None
    contract_tot: dt.date | None = None
    hoofdaannemer: str = ""
    # Realisation model: mean share of the cap, month noise, absence chance, holiday dip.
    realisatie: float = 0.85
    ruis: float = 0.07
    afwezigheid: float = 0.07
    seizoen: bool = True
    factuurvertraging: int = 20
    # Quality signals: a factor on the expected klachten, calamiteiten and signalen, extra
    # calamiteiten a year, and the mean score of the yearly client-experience survey.
    meldingfactor: float = 1.0
    extra_calamiteiten: int = 0
    rapportcijfer: float = 7.6


@dataclass
class Episode:
    """One client's care for one product at one provider, before it is cut into toewijzingen."""

    client: int
    code: str
    aanbieder: int
    start: dt.date
    einde: dt.date
    reden: str
    volume: float
    vervolg: bool = False  # continues a takeover/switch: no start delay, always starts
    wijziging_einde: str = ""  # reden_wijziging when cut by a takeover or switch
    schema: str = ""
    # Allocation periods (re-indications); an end of None is an open-ended allocation.
    begins: list[dt.date] = field(default_factory=list)
    eindes: list[dt.date | None] = field(default_factory=list)


@dataclass
class Toewijzing:
    client: int
    gemeente: str
    aanbieder: int
    code: str  # the product delivered
    toegewezen_code: str  # empty on category level
    ingang: dt.date
    einde: dt.date | None
    volume: float
    toewijzingsdatum: dt.date
    reden_wijziging: str
    zp_begin: dt.date | None
    zp_einde: dt.date | None
    zp_reden: str
    zp_gemeld: bool
    schema: str
    zorg_echt_beeindigd: bool  # last allocation of an episode whose care really ended
    nummer: str = ""


@dataclass
class Context:
    jaren: tuple[int, ...]
    w0: dt.date
    w1: dt.date
    producten: dict[str, dict[str, str]]
    tarief_cent: np.ndarray  # [code index, year index] → cents
    codes: tuple[str, ...]
    gemeenten: tuple[str, ...]
    aanbieders: list[Aanbieder]
    # Provider index per role held by exactly one provider (each scheme, each look-alike).
    rollen: dict[str, int]
    # The injected schemes that act in this region, in registry order (empty: honest region).
    schemas: tuple[Schema, ...]
    tweede_jaar: dt.date
    overname: dt.date
    # Drawn strength band and parameters per scheme id (see schemas/__init__.py).
    parameters: dict[str, Parameters] = field(default_factory=dict)
    bsn: list[str] = field(default_factory=list)
    client_gemeente: list[str] = field(default_factory=list)

    def perceel(self, code: str) -> str:
        return self.producten[code]["perceel"]

    def tag(self, schema_id: str) -> int:
        """The number that marks a scheme's declaration lines (0: no scheme)."""
        return next(i for i, s in enumerate(self.schemas, start=1) if s.id == schema_id)

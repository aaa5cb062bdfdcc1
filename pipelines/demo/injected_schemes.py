"""Irregularities injected into the demo region, and the honest look-alikes beside them.

The demo generator (generate_region.py) builds an honest Wmo region first and then, when
`met_schemas=True`, lets twelve providers misbehave. Every scheme below says what is
injected and how it should show in the data; `grondwaarheid.csv` lists each scheme
provider per year with the number of affected declaration lines, clients and euros, so a
detector can be scored against it. The parameters that set the strength of each scheme
live here, next to their description.

"Scheme start" is 1 January of the second year of the window (2024 for 2023–2025), so the
first year shows the provider's honest baseline; schemes without that flag run all years.
The grondwaarheid years are the years in which the scheme actually left lines.

Spookzorg (care declared but not delivered)
-------------------------------------------
zonder_toewijzing (begeleiding + dagbesteding provider, from scheme start)
    Extra monthly declarations (3–9 months each) for clients the provider has no
    toewijzing for: region clients with an empty toewijzingnummer, region clients with the
    toewijzingnummer of another provider's allocation, and BSNs unknown in the region
    (valid elfproef, empty toewijzingnummer). Shows as prestaties without a matching
    toewijzing for (gemeente, toewijzingnummer, BSN, AGB) — iWmo TR338 / indicator A1.
na_einde_zorg (begeleiding provider, from scheme start)
    For most allocations whose care really ended (stop message sent, allocation ended or
    shortened), the provider keeps declaring 2–5 more months, at normal volumes, on the
    old toewijzingnummer. Shows as ProductPeriodes after the zorgperiode stop (B2) and after
    the toewijzing einddatum (TR308 / A2).
boven_toewijzing (begeleiding + dagbesteding provider, from scheme start)
    On 60% of its allocations every month's volume is 1.25–1.7 × the allocated volume for
    that period (uur rounded up to the quarter, dagdelen up to whole ones). Shows as
    GeleverdVolume above the cap per period (TR321) and cumulatively (TR322) / A3.
dubbele_declaratie (huishoudelijke ondersteuning provider, from scheme start)
    20% of its standing monthly prestaties are declared a second time in a later invoice
    with a new referentienummer, same client, toewijzing, product, period, volume and
    amount, and no credit for either. Shows as two standing D lines for the same toewijzing
    and ProductPeriode (A6). Its own productieverantwoording leaves the copies out, so
    `verantwoording` is some 15–20% below its declared euros (the one large gap in the
    region).
altijd_volledig (begeleiding provider, all years)
    Every client-month is declared at exactly the allocated volume for the period (cap),
    including partial months, with no absences, holidays or illness. Cap per period is
    volume × days / 7 for frequentie 2 (per week) and volume × days / days in month for
    frequentie 4 (per maand); the declared hours are that cap rounded down to two decimals.
    Shows as ~100% of client-months at cap and near-zero variation (H1/H2), while honest
    peers sit around 75–95%.

Upcoding
--------
zware_productmix (begeleiding provider with the ordinary begeleiding range, all years)
    Half of its clients who would get begeleiding praktisch or basis are allocated
    begeleiding specialistisch (02A19) instead, so over half of its begeleiding clients are in
    the top tier against roughly 15–25% for peers offering the same products. Allocation and
    declaration agree; the signal is the tier mix versus peers (C1), not a mismatch.
zwaarder_dan_toegewezen (begeleiding provider, from scheme start)
    On 70% of its allocations for praktisch (02A03) or basis (02A16) it declares
    specialistisch (02A19) at the 02A19 tariff. Shows as declared productcode ≠ toegewezen
    productcode (TR340 / A4); allocations on category level (Leusden) are not affected.
boven_contracttarief (dagbesteding provider, from scheme start)
    Declares ProductTarief 12% above the regional tariff on every line; IngediendBedrag is
    consistent with that tariff, so only the comparison with tarieven.csv shows it
    (TR418 / A5).

Stapeling
---------
begeleiding_naast_bw (begeleiding provider, all years)
    Gets begeleiding (basis or specialistisch, 2–4 uur per week) allocated to clients who
    already live in beschermd wonen at another provider, within their BW period: some
    40–50% of its clients. Shows as overlapping allocations matching the samenloopregel
    Beschermd wonen × Begeleiding (uitgesloten) / D3.
dagbesteding_naast_bw_incl_db (dagbesteding provider, all years)
    Gets dagbesteding allocated to clients whose beschermd wonen product already includes
    dagbesteding (15A34, "incl.DB"), within that BW period. Shows as samenloopregel
    15A34 × Dagbesteding (uitgesloten) / D2. In very small regions there may be too few
    15A34 clients for it to appear.

Volume
------
groeisprong (begeleiding + dagbesteding provider, last year of the window)
    In the last year it takes 15% of all new begeleiding and dagbesteding clients of the
    region (against a few percent before), without any takeover or new contract. Shows as
    a year-over-year jump in euros and in new clients far beyond peers (E1/E5); all its
    lines of that year are marked.

Kwaliteit
---------
onderlevering (huishoudelijke ondersteuning provider, all years)
    Delivers (and declares) only ~40% of the allocated hours on average, month after
    month, without sending a stop; half of its clients who leave do so with reden 21
    (eenzijdig door cliënt beëindigd). It gets about five times the klachten of a peer of
    its size, two extra calamiteiten a year and a low cliëntervaring score (~5.6). Shows
    as low verzilvering (F1/E3) plus meldingen.

Honest look-alikes (lookalikes.csv, never in grondwaarheid.csv)
---------------------------------------------------------------
specialist         a provider that only offers begeleiding specialistisch (02A19): 100% top
                   tier because that is its contract, not upcoding.
overname           provider A stops on 1 July of the middle year; its running allocations
                   end the day before (reden_wijziging 03, stop reden 38) and continue at
                   provider B from that day, so B's turnover grows by A's.
hoge_realisatie    a begeleiding provider that truly delivers ~95–100% of the allocated
                   hours, with small month-to-month variation and no exact copy-paste.
kleine_aanbieder   several providers with 1–5 clients (tiny counts, extreme ratios).
overstap_overlap   clients switching between two huishoudelijke-ondersteuning providers
                   where the old and new allocation overlap by 1–31 days (reden 09 / 38).
nieuwe_aanbieder   a provider contracted during the window, growing from zero.
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIEEN = ("spookzorg", "upcoding", "stapeling", "volume", "kwaliteit")


@dataclass(frozen=True)
class Schema:
    """One injected irregularity: who gets it and how grondwaarheid.csv describes it."""

    id: str
    categorie: str
    # Product range (profile in generate_region.PROFIELEN) of the provider that gets it.
    profiel: str
    # True: active from 1 January of the second year of the window, so year one is a baseline.
    vanaf_tweede_jaar: bool
    # Dutch text for grondwaarheid.csv; {regels}, {clienten} and {bedrag} are filled per year.
    omschrijving: str


SCHEMAS: tuple[Schema, ...] = (
    Schema(
        "zonder_toewijzing",
        "spookzorg",
        "BEG_DB",
        True,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten zonder geldige "
        "toewijzing: leeg toewijzingnummer, het toewijzingnummer van een andere aanbieder "
        "of een BSN dat de regio niet kent",
    ),
    Schema(
        "na_einde_zorg",
        "spookzorg",
        "BEG",
        True,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten over maanden na het "
        "einde van de zorg (stopbericht) of na de einddatum van de toewijzing",
    ),
    Schema(
        "boven_toewijzing",
        "spookzorg",
        "BEG_DB",
        True,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met een geleverd "
        "volume van 1,25 tot 1,7 keer het toegewezen volume voor de periode",
    ),
    Schema(
        "dubbele_declaratie",
        "spookzorg",
        "HO",
        True,
        "{regels} prestaties ({bedrag}) voor {clienten} cliënten twee keer gedeclareerd "
        "(zelfde toewijzing, product en periode, nieuw referentienummer, geen credit); de "
        "eigen productieverantwoording laat de kopieën weg",
    ),
    Schema(
        "altijd_volledig",
        "spookzorg",
        "BEG",
        False,
        "alle {regels} declaratieregels ({bedrag}, {clienten} cliënten) precies op het "
        "toegewezen volume: geen afwezigheid, vakantie of ziekte",
    ),
    Schema(
        "zware_productmix",
        "upcoding",
        "BEG",
        False,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten die begeleiding "
        "specialistisch kregen waar praktisch of basis paste; het aandeel specialistisch "
        "ligt ver boven dat van aanbieders met hetzelfde productaanbod",
    ),
    Schema(
        "zwaarder_dan_toegewezen",
        "upcoding",
        "BEG",
        True,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten gedeclareerd als "
        "begeleiding specialistisch (02A19) terwijl praktisch of basis is toegewezen",
    ),
    Schema(
        "boven_contracttarief",
        "upcoding",
        "DB",
        True,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met een producttarief "
        "12% boven het regionale tarief",
    ),
    Schema(
        "begeleiding_naast_bw",
        "stapeling",
        "BEG",
        False,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten die begeleiding "
        "krijgen terwijl zij bij een andere aanbieder beschermd wonen (samenloop uitgesloten)",
    ),
    Schema(
        "dagbesteding_naast_bw_incl_db",
        "stapeling",
        "DB",
        False,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met dagbesteding "
        "naast beschermd wonen inclusief dagbesteding (15A34)",
    ),
    Schema(
        "groeisprong",
        "volume",
        "BEG_DB",
        False,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten in een jaar waarin de "
        "aanbieder een groot deel van alle nieuwe cliënten in de regio binnenhaalt, zonder "
        "overname of nieuw contract",
    ),
    Schema(
        "onderlevering",
        "kwaliteit",
        "HO",
        False,
        "{regels} declaratieregels ({bedrag}) voor {clienten} cliënten met gemiddeld ruim "
        "40% van de toegewezen uren, zonder stopbericht; veel klachten en calamiteiten en "
        "een laag cliëntervaringscijfer",
    ),
)
SCHEMA_PER_ID: dict[str, Schema] = {s.id: s for s in SCHEMAS}

# Strength of each scheme (see the module docstring for what they do).
ZONDER_TOEWIJZING_AANDEEL = 0.25  # extra clients, as a share of the provider's own clients
ZONDER_TOEWIJZING_MAANDEN = (3, 9)
NA_EINDE_AANDEEL = 0.7  # share of really ended allocations that get extra months
NA_EINDE_MAANDEN = (2, 5)
BOVEN_TOEWIJZING_AANDEEL = 0.6  # share of allocations declared above the cap
BOVEN_TOEWIJZING_FACTOR = (1.25, 1.7)
DUBBEL_AANDEEL = 0.2  # share of standing prestaties declared twice
ZWARE_MIX_OPWAARDERING = 0.5  # chance a praktisch/basis client is allocated specialistisch
ZWAARDER_AANDEEL = 0.7  # share of praktisch/basis allocations declared as 02A19
TARIEF_OPSLAG = 1.12
STAPELING_EXTRA = 0.7  # extra stacked clients, relative to the provider's own clients
GROEI_AANDEEL_INSTROOM = 0.15  # share of the region's new clients taken in the jump year
ONDERLEVERING_REALISATIE = 0.42
ONDERLEVERING_EENZIJDIG = 0.5  # chance a leaving client stops with reden 21
ONDERLEVERING_KLACHTEN_FACTOR = 5.0
ONDERLEVERING_CEO = 5.6

# Look-alike kinds, with the Dutch text for lookalikes.csv ({…} filled by the generator).
LOOKALIKES: dict[str, str] = {
    "specialist": "biedt alleen begeleiding specialistisch (02A19) aan: een hoog aandeel "
    "zwaar is het gecontracteerde profiel, geen upcoding",
    "overname_verkoper": "stopt per {datum}; lopende toewijzingen gaan over naar {ander}",
    "overname_koper": "neemt per {datum} de cliënten van {ander} over; de omzetgroei is "
    "daarmee verklaard",
    "hoge_realisatie": "levert werkelijk 95–100% van de toegewezen uren, met kleine "
    "variatie per maand en zonder kopieergedrag",
    "kleine_aanbieder": "zeer kleine aanbieder ({clienten}): extreme verhoudingen door kleine "
    "aantallen",
    "overstap_overlap": "{aantal} cliënten stappen over tussen {van} en {naar}; oude en "
    "nieuwe toewijzing overlappen 1 tot 31 dagen",
    "nieuwe_aanbieder": "gecontracteerd per {datum}: groeit vanaf nul",
}

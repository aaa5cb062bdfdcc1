"""The composite models, written as SQL files into sql/ so that every published table is there.

Four models combine the files of one kind; they are generated from the files and their headers,
so adding an indicator stays "add a file with a header, then regenerate":

- `marts/mart_signalen.sql`: every indicator (a model in sql/indicators/ with `-- code:` in its
  header, plus the Python indicator models), with `indicator` and `categorie` from the header
  and `signaal_id` from (indicator, aanbieder_agb, jaar, reikwijdte);
- `marts/mart_signaal_bewijsregels.sql`: every `ind_<naam>_bewijs`, joined to the signal of
  `ind_<naam>` with the same aanbieder_agb, jaar and reikwijdte (the evidence never computes a
  key itself); a declaration line is named by its id and gets its details from the line;
- `marts/indicator_register.sql`: the headers themselves, which the dashboard shows;
- `intermediate/int_peer_waarnemingen.sql`: every `int_waarneming_*` (the long-format input of
  the shared peer statistics in `int_peer_statistiek.sql`).

Regenerate with `python -m pipelines.samengestelde_modellen`;
tests/sql/test_samengestelde_modellen.py fails while a checked-in file differs from what this
module writes now.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

from pipelines.opmaak import INDICATOR_EENHEDEN
from pipelines.settings import SQL_DIR
from pipelines.sql_quote import sql_tekst
from pipelines.sql_runner import Model, vind_modellen

GEGENEREERD = (
    "-- gegenereerd: door `python -m pipelines.samengestelde_modellen` uit de bestanden en hun\n"
    "--   kop; niet met de hand wijzigen (tests/sql/test_samengestelde_modellen.py vergelijkt)\n"
)

# The columns of each union and their types (sql/README.md describes them). The first union
# member is an empty row of exactly these columns, so a model may leave an optional column out
# (it becomes null) and the union starts from these types.
SIGNAAL_KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("indicator", "varchar"),
    ("categorie", "varchar"),
    ("aanbieder_agb", "varchar"),
    ("jaar", "integer"),
    ("gemeentecode", "varchar"),
    ("perceel", "varchar"),
    ("productcode", "varchar"),
    ("waarde", "double"),
    ("referentiewaarde", "double"),
    ("afwijking", "double"),
    ("financieel_belang", "decimal(18, 2)"),
    ("aantal_clienten", "integer"),
    ("gemarkeerd", "boolean"),
    ("sterkte", "double"),
    ("peergroep", "varchar"),
    ("toelichting", "varchar"),
    ("reikwijdte", "varchar"),
)
BEWIJS_KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("indicator", "varchar"),
    ("aanbieder_agb", "varchar"),
    ("jaar", "integer"),
    ("reikwijdte", "varchar"),
    ("bron", "varchar"),
    ("declaratieregel_id", "varchar"),
    ("gemeentecode", "varchar"),
    ("declaratienummer", "varchar"),
    ("client_id", "varchar"),
    ("toewijzingnummer", "varchar"),
    ("referentienummer", "varchar"),
    ("productcode", "varchar"),
    ("begindatum", "date"),
    ("einddatum", "date"),
    ("volume", "double"),
    ("bedrag_eur", "decimal(18, 2)"),
    ("onrechtmatig_eur", "decimal(18, 2)"),
    ("retourcode", "varchar"),
    ("toelichting", "varchar"),
)
# Evidence of bron 'declaratie' names its line (declaratieregel_id); these details, and its
# aanbieder_agb and jaar unless the evidence gives them, come from the line itself
# (intermediate.int_declaratieregels_status): kolom in the mart -> kolom of the line.
REGELDETAILS = {
    # What a gemeente needs to prepare its own terugvordering line by line (#10).
    "gemeentecode": "gemeentecode",
    "declaratienummer": "declaratienummer",
    "retourcode": "retourcode",
    "client_id": "client_id",
    "toewijzingnummer": "toewijzingnummer",
    "referentienummer": "referentienummer",
    "productcode": "productcode",
    "begindatum": "begindatum",
    "einddatum": "einddatum",
    "volume": "geleverd_volume",
    "bedrag_eur": "bedrag_eur",
}
WAARNEMING_KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("indicator", "varchar"),
    ("aanbieder_agb", "varchar"),
    ("jaar", "integer"),
    ("reikwijdte", "varchar"),
    ("methode", "varchar"),
    ("teller", "double"),
    ("noemer", "double"),
    ("noemer_vorig", "double"),
    ("waarde", "double"),
    ("referentiewaarde", "double"),
    ("mad", "double"),
    ("krimp", "double"),
    ("richting", "integer"),
    ("spreidingsgroep", "varchar"),
    ("telt_voor_spreiding", "boolean"),
    # Money, like everywhere (sql/macros.sql: bedrag_op_centen): each waarneming rounds its
    # amount to the cent where it becomes one, before the materiality test.
    ("financieel_belang", "decimal(18, 2)"),
    ("peergroep", "varchar"),
    # The threshold when the observation is the strongest of several tests (VOL01: five growth
    # components); null = the method's own (z_drempel, robuuste_z_drempel).
    ("eigen_drempel", "double"),
)
REGISTER_KOLOMMEN = (
    "naam",
    "categorie",
    "definitie",
    "waarom",
    "drempels",
    "bron",
    "eenheid",
    "eenheid_afwijking",
    "soort_belang",
    "baan",
)
# What an indicator's euros are (#10): hard onrechtmatig money from line statuses, an estimate
# by a statistical indicator, or none (a quality signal). Never added together.
SOORTEN_BELANG = ("onrechtmatig", "schatting", "geen")
# The lane of the ranking an indicator belongs to: client safety and quality, lawfulness (hard
# euros), statistical risk.
BANEN = ("zorg", "rechtmatigheid", "risico")
_KEUZES = {
    "eenheid": tuple(INDICATOR_EENHEDEN),
    "eenheid_afwijking": tuple(INDICATOR_EENHEDEN),
}
_KEUZES |= {"soort_belang": SOORTEN_BELANG, "baan": BANEN}
# A header's categorie is one word (spookzorg, upcoding, ...); a model whose categorie differs
# per signal (PRF01) says so in words and supplies the column itself.
_EEN_CATEGORIE = re.compile(r"[a-z]+")
_NAAM = re.compile(r"[a-z][a-z0-9_]*")


class KitFout(Exception):
    """The files do not fit together (a duplicate code, evidence without its indicator)."""


def _tekst_sql(waarde: str | None) -> str:
    return "null" if waarde is None else sql_tekst(waarde)


def _lege_rij(kolommen: tuple[tuple[str, str], ...]) -> str:
    """An empty row with every column and its type, as the first union member.

    One line: it is the contract in SQL form, read once, not code to follow step by step.
    """
    velden_sql = ", ".join(f"null::{t} as {k}" for k, t in kolommen)
    return (
        "    -- Alle kolommen met hun type: een model dat er een weglaat, krijgt er null.\n"
        f"    select {velden_sql} where false"
    )


def _kolom(naam: str, type_: str, waarde: str | None = None) -> str:
    """A column of the final select. A union widens types (a count is a bigint, an amount may
    be a double), so integers and money are cast back to the contract's type."""
    waarde = waarde or naam
    if type_.startswith(("integer", "decimal")):
        return f"        cast({waarde} as {type_}) as {naam}"
    return f"        {waarde}" if waarde == naam else f"        {waarde} as {naam}"


def _unie(naam: str, lege_rij: str, delen: list[str]) -> str:
    leden = "\n    union all by name\n".join([lege_rij, *(f"    {d}" for d in delen)])
    return f"with {naam} as (\n{leden}\n),\n\n"


def _kop(doel: str, grain: str, sleutel: str, bronnen: str) -> str:
    """The header; `sleutel` is the key the runner checks (pipelines/sql_controles.py)."""
    regels = []
    for veld, tekst in (
        ("doel", doel),
        ("grain", grain),
        ("sleutel", sleutel),
        ("bronnen", bronnen),
    ):
        regels += textwrap.wrap(
            tekst,
            width=100,
            initial_indent=f"-- {veld}: ",
            subsequent_indent="--   ",
            break_on_hyphens=False,
        )
    return "\n".join(regels) + "\n" + GEGENEREERD


def _tabel_sql(m: Model) -> str:
    """`<schema>.<model>` as the runner finds references: unquoted, so only plain names."""
    if not _NAAM.fullmatch(m.naam):
        raise KitFout(f"modelnaam {m.naam!r} mag alleen kleine letters, cijfers en _ bevatten")
    return m.tabel


def indicatoren(modellen: list[Model]) -> list[Model]:
    """Every model that is a signal: in the indicators layer with a code in its header."""
    gevonden = sorted(
        (m for m in modellen if m.laag == "indicators" and "code" in m.kop), key=lambda m: m.naam
    )
    codes: dict[str, str] = {}
    for m in gevonden:
        if m.kop["code"] in codes:
            raise KitFout(
                f"code {m.kop['code']} staat in de kop van {codes[m.kop['code']]} en van {m.naam}"
            )
        codes[m.kop["code"]] = m.naam
    return gevonden


def bewijsmodellen(modellen: list[Model]) -> list[tuple[Model, Model]]:
    """Each `ind_<naam>_bewijs` with the indicator `ind_<naam>` whose signals it explains."""
    per_naam = {m.naam: m for m in indicatoren(modellen)}
    paren = []
    for m in sorted(modellen, key=lambda m: m.naam):
        if m.laag != "indicators" or not m.naam.endswith("_bewijs"):
            continue
        signaal = per_naam.get(m.naam.removesuffix("_bewijs"))
        if signaal is None:
            raise KitFout(
                f"{m.naam}: geen indicator {m.naam.removesuffix('_bewijs')} met een code in de kop"
            )
        paren.append((m, signaal))
    return paren


def waarnemingmodellen(modellen: list[Model]) -> list[Model]:
    return sorted(
        (m for m in modellen if m.laag == "intermediate" and m.naam.startswith("int_waarneming_")),
        key=lambda m: m.naam,
    )


def mart_signalen(modellen: list[Model]) -> str:
    delen = []
    for m in indicatoren(modellen):
        categorie = m.kop.get("categorie", "")
        kolommen_sql = [f"{sql_tekst(m.kop['code'])} as indicator"]
        if _EEN_CATEGORIE.fullmatch(categorie):
            kolommen_sql.append(f"{sql_tekst(categorie)} as categorie")
        delen.append(f"select {', '.join(kolommen_sql)}, * from {_tabel_sql(m)}")
    namen = ", ".join(m.naam for m in indicatoren(modellen))
    uitvoer_sql = ",\n".join(
        ["        signaal_sleutel(indicator, aanbieder_agb, jaar, reikwijdte) as signaal_id"]
        + [_kolom(k, t) for k, t in SIGNAAL_KOLOMMEN]
        + [
            # Two kinds of money, never added (#10): the headline figure is one of them.
            "        cast(case when i.soort_belang = 'onrechtmatig' then financieel_belang "
            "else 0 end as decimal(18, 2)) as onrechtmatig_eur",
            "        cast(case when i.soort_belang = 'schatting' then financieel_belang "
            "else 0 end as decimal(18, 2)) as geschat_belang_eur",
            "        i.soort_belang",
            "        i.baan",
        ]
    )
    indeling_sql = ",\n".join(
        f"        ({sql_tekst(m.kop['code'])}, {sql_tekst(m.kop['soort_belang'])}, "
        f"{sql_tekst(m.kop['baan'])})"
        for m in indicatoren(modellen)
    )
    return (
        _kop(
            "alle signalen van alle indicatoren in één tabel; indicator en categorie komen uit de "
            "kop van het indicatorbestand, signaal_id uit indicator, aanbieder, jaar en reikwijdte "
            "(stabiel over runs)",
            "één rij per signaal: indicator × aanbieder_agb × jaar × reikwijdte",
            "signaal_id",
            namen,
        )
        + _unie("signalen", _lege_rij(SIGNAAL_KOLOMMEN), delen)
        + "-- Per indicator uit de kop: soort geld en baan van de rangorde.\n"
        + f"indeling (indicator, soort_belang, baan) as (\n    values\n{indeling_sql}\n),\n\n"
        + f"final as (\n    select\n{uitvoer_sql}\n    from signalen\n"
        + "    left join indeling as i using (indicator)\n)\n\nselect * from final\n"
    )


def mart_signaal_bewijsregels(modellen: list[Model]) -> str:
    paren = bewijsmodellen(modellen)
    delen = [
        f"select {sql_tekst(signaal.kop['code'])} as indicator, * from {_tabel_sql(bewijs)}"
        for bewijs, signaal in paren
    ]
    velden = ["        s.signaal_id"]
    for k, t in BEWIJS_KOLOMMEN:
        if k in ("indicator", "aanbieder_agb", "jaar", "reikwijdte"):
            continue
        waarde = f"coalesce(b.{k}, r.{REGELDETAILS[k]})" if k in REGELDETAILS else f"b.{k}"
        if k == "onrechtmatig_eur":
            # A line's euros are onrechtmatig only under a signal whose money is (its header's
            # soort_belang); under an estimate they are what is at stake on that line (#10).
            velden.append(
                _kolom(
                    k,
                    t,
                    "case when s.soort_belang = 'schatting' and b.onrechtmatig_eur is not null "
                    "then 0 else b.onrechtmatig_eur end",
                )
            )
            velden.append(
                _kolom(
                    "geschat_belang_eur",
                    t,
                    "case when s.soort_belang = 'schatting' then b.onrechtmatig_eur end",
                )
            )
            continue
        velden.append(_kolom(k, t, waarde))
    return (
        _kop(
            "de bewijsregels van alle signalen in één tabel: elk bewijsmodel ind_<naam>_bewijs bij "
            "het signaal van ind_<naam> met dezelfde aanbieder, hetzelfde jaar en dezelfde "
            "reikwijdte; een declaratieregel (bron declaratie) krijgt zijn gegevens van de regel "
            "zelf",
            "één rij per bewijsregel van een signaal",
            "geen (niet elke bewijsregel heeft een nummer, zoals een melding; elk bewijsmodel "
            "controleert zijn eigen sleutel, en een regel zonder signaal stopt de run)",
            ", ".join(b.naam for b, _ in paren) + ", mart_signalen, int_declaratieregels_status",
        )
        + _unie("bewijs", _lege_rij(BEWIJS_KOLOMMEN), delen)
        + "final as (\n    select\n"
        + ",\n".join(velden)
        + "\n    from bewijs as b\n"
        "    left join intermediate.int_declaratieregels_status as r\n"
        "        on b.bron = 'declaratie' and r.declaratieregel_id = b.declaratieregel_id\n"
        "    -- A declaration line belongs to its own provider and year unless the evidence\n"
        "    -- says otherwise (a repeated declaration from an earlier year). Evidence without\n"
        "    -- its signal keeps an empty signaal_id: assert_bewijs_hoort_bij_signaal stops the\n"
        "    -- run.\n"
        "    left join marts.mart_signalen as s\n"
        "        on (s.indicator, s.aanbieder_agb, s.jaar, s.reikwijdte) is not distinct from (\n"
        "            b.indicator,\n"
        "            coalesce(b.aanbieder_agb, r.aanbieder_agb),\n"
        "            coalesce(b.jaar, r.jaar),\n"
        "            b.reikwijdte\n"
        "        )\n"
        ")\n\nselect * from final\n"
    )


def _controleer_keuzes(m: Model) -> None:
    """Every indicator says what its numbers are (a tile without a unit shows "Afwijking
    6,813"), what kind of euros it has and in which lane of the ranking it belongs."""
    for sleutel, keuzes in _KEUZES.items():
        if m.kop.get(sleutel) not in keuzes:
            raise KitFout(
                f"{m.naam}: de kop mist '-- {sleutel}:' of heeft een onbekende waarde "
                f"({m.kop.get(sleutel)!r}); kies uit {', '.join(keuzes)}"
            )


def indicator_register(modellen: list[Model]) -> str:
    rijen = []
    for m in indicatoren(modellen):
        _controleer_keuzes(m)
        waarden = [m.kop["code"], *(m.kop.get(k) for k in REGISTER_KOLOMMEN), m.naam]
        waarden.append(m.kop.get("grain"))
        velden = ",\n".join(f"        {_tekst_sql(w)}" for w in waarden)
        rijen.append(f"    (\n{velden}\n    )")
    kolommen = ", ".join(["indicator", *REGISTER_KOLOMMEN, "model", "grain"])
    return (
        _kop(
            "de definitie van elke indicator zoals de kop van zijn bestand hem geeft; het "
            "dashboard toont deze tekst bij elk signaal",
            "één rij per indicator",
            "indicator",
            ", ".join(m.naam for m in indicatoren(modellen)),
        )
        + "select *\nfrom (\n    values\n"
        + ",\n".join(rijen)
        + f"\n) as register ({kolommen})\n"
    )


def int_peer_waarnemingen(modellen: list[Model]) -> str:
    waarnemingen = waarnemingmodellen(modellen)
    delen = [f"select * from {_tabel_sql(m)}" for m in waarnemingen]
    kolommen_sql = ",\n".join(_kolom(k, t) for k, t in WAARNEMING_KOLOMMEN)
    return (
        _kop(
            "alle peerwaarnemingen onder elkaar in één lang formaat: de invoer van de gedeelde "
            "peerstatistiek (int_peer_statistiek); een waarneming die een kolom weglaat, krijgt "
            "er null",
            "één rij per indicator × aanbieder_agb × jaar × reikwijdte",
            "indicator, aanbieder_agb, jaar, reikwijdte (leeg = de hele aanbieder in dat jaar)",
            ", ".join(m.naam for m in waarnemingen),
        )
        + _unie("waarnemingen", _lege_rij(WAARNEMING_KOLOMMEN), delen)
        + f"final as (\n    select\n{kolommen_sql}\n    from waarnemingen\n)\n\n"
        + "select * from final\n"
    )


def genereer(modellen: list[Model]) -> dict[str, str]:
    """The generated files, as path relative to sql/ -> text."""
    return {
        "intermediate/int_peer_waarnemingen.sql": int_peer_waarnemingen(modellen),
        "marts/indicator_register.sql": indicator_register(modellen),
        "marts/mart_signaal_bewijsregels.sql": mart_signaal_bewijsregels(modellen),
        "marts/mart_signalen.sql": mart_signalen(modellen),
    }


def alle_modellen(sql_dir: Path = SQL_DIR) -> list[Model]:
    """The SQL files plus the Python models that a run adds (PRF01)."""
    # Imported here: the Python models pull in scikit-learn, which only generating needs.
    from pipelines.run_pipeline import python_modellen

    return vind_modellen(sql_dir) + python_modellen()


def schrijf(sql_dir: Path = SQL_DIR) -> list[Path]:
    """Write the generated files into sql_dir; returns the files whose text changed."""
    gewijzigd = []
    for relatief, tekst in genereer(alle_modellen(sql_dir)).items():
        pad = sql_dir / relatief
        if not pad.exists() or pad.read_text(encoding="utf-8") != tekst:
            pad.write_text(tekst, encoding="utf-8")
            gewijzigd.append(pad)
    return gewijzigd


def main() -> int:
    try:
        gewijzigd = schrijf()
    except KitFout as fout:
        print(f"Niet gegenereerd: {fout}.", file=sys.stderr)
        return 1
    for pad in gewijzigd:
        print(f"bijgewerkt: {pad}")
    if not gewijzigd:
        print("alle samengestelde modellen zijn actueel")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

-- De euro's sluiten aan tussen lagen: staande debet in de ruggengraat = geladen debet minus de
-- gecrediteerde debetregels; onrechtmatig is nooit negatief en nooit meer dan het bedrag.
with geladen as (
    select sum(ingediend_bedrag_eur) as eur
    from intermediate.int_declaraties_gesaldeerd
    where rol = 'staand'
),

ruggengraat as (
    select
        sum(bedrag_eur) as eur,
        count(*) filter (where onrechtmatig_eur < 0 or onrechtmatig_eur > bedrag_eur + 0.01) as fout
    from intermediate.int_declaratieregels_status
)

select *
from geladen, ruggengraat
where abs(coalesce(geladen.eur, 0) - coalesce(ruggengraat.eur, 0)) > 0.01 or ruggengraat.fout > 0

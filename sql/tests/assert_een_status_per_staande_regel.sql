-- Elke staande debetregel heeft precies één status in de ruggengraat, en geen andere regels.
with staand as (
    select declaratieregel_id from intermediate.int_declaraties_gesaldeerd where rol = 'staand'
),

status as (
    select declaratieregel_id, count(*) as n
    from intermediate.int_declaratieregels_status
    group by declaratieregel_id
)

select coalesce(s.declaratieregel_id, t.declaratieregel_id) as declaratieregel_id
from staand as s
full outer join status as t on t.declaratieregel_id = s.declaratieregel_id
where s.declaratieregel_id is null or t.declaratieregel_id is null or t.n <> 1

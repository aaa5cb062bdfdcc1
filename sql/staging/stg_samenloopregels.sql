-- doel: regels voor stapeling: productcode of perceel a naast b
-- grain: één rij per regel
-- bronnen: referentie.samenloopregels
select distinct a, b, regel, toelichting from referentie.samenloopregels

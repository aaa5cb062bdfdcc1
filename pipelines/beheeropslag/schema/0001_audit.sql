-- Het auditlog: alleen aanvullen. De code heeft geen pad dat een regel wijzigt of wist, en de
-- triggers hieronder weigeren het ook als iemand het bestand met een eigen SQLite-client opent.
-- `keten` is de SHA-256 over de vorige keten en deze regel: een regel die buiten de triggers om
-- is gewijzigd of gewist, breekt de keten (`signaalmonitor audit --controleer`).
create table if not exists audit (
    volgnummer integer primary key autoincrement,
    tijdstip text not null,
    gebruiker text,
    rol text,
    actie text not null,
    onderwerp text,
    aantal_rijen integer,
    toelichting text,
    keten text not null
);

create index if not exists audit_tijdstip on audit (tijdstip);

create trigger if not exists audit_niet_wijzigen before update on audit
begin
    select raise(abort, 'Het auditlog kan alleen worden aangevuld, niet gewijzigd.');
end;

create trigger if not exists audit_niet_wissen before delete on audit
begin
    select raise(abort, 'Het auditlog kan alleen worden aangevuld, niet gewist.');
end;

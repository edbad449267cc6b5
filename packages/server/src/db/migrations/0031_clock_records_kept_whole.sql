-- The clock's records of a round (issue 11, migration 0030) follow the rules of issue 8 (migration 0010):
-- nothing evidenced is destroyed, voided records keep their content, archived rounds are read-only.

-- 督办单 and 约谈 records are voided (作废) with a reason, never deleted; a voided one leaves the figures
-- and the reminders.
alter table directives
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint directives_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500)),
  drop constraint directives_measure_id_fkey,
  add constraint directives_measure_id_fkey foreign key (measure_id) references measures (id) on delete restrict;
alter table interviews
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint interviews_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500)),
  drop constraint interviews_inspection_id_fkey,
  add constraint interviews_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict,
  drop constraint interviews_directive_id_fkey,
  add constraint interviews_directive_id_fkey foreign key (directive_id) references directives (id) on delete restrict;

-- Deleting a measure or a directive never takes extension decisions or reply files with it.
alter table extensions
  drop constraint extensions_measure_id_fkey,
  add constraint extensions_measure_id_fkey foreign key (measure_id) references measures (id) on delete restrict;
alter table directive_files
  drop constraint directive_files_directive_id_fkey,
  add constraint directive_files_directive_id_fkey foreign key (directive_id) references directives (id) on delete restrict;

-- The read-only rule of archived rounds, extended to the new per-round tables: extensions belong to
-- their measure's round, reply files to their directive's round, 约谈 records to their own round.
-- (Weekly reports belong to a unit and a week, not to a round; notifications and clock events are the
-- system's messages, not the round's records.)
create or replace function refuse_write_in_archived_round() returns trigger language plpgsql as $$
declare
  target record;
  round_id bigint;
begin
  if coalesce(current_setting('zhenggai.restoring', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if tg_op = 'DELETE' then
    target := old;
  else
    target := new;
  end if;
  if tg_table_name = 'measures' then
    select f.inspection_id into round_id from findings f where f.id = target.finding_id;
  elsif tg_table_name in ('progress_reports', 'evidence', 'closures', 'reviews', 'extensions') then
    select f.inspection_id into round_id from measures m join findings f on f.id = m.finding_id where m.id = target.measure_id;
  elsif tg_table_name = 'closure_decisions' then
    select f.inspection_id into round_id
      from closures c join measures m on m.id = c.measure_id join findings f on f.id = m.finding_id where c.id = target.closure_id;
  elsif tg_table_name = 'directive_files' then
    select d.inspection_id into round_id from directives d where d.id = target.directive_id;
  else
    round_id := target.inspection_id;
  end if;
  if round_id is not null and exists (select 1 from inspections i where i.id = round_id and i.archived_at is not null) then
    raise exception 'inspection % is archived (read-only)', round_id using errcode = 'ZGA01';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger extensions_archived_round before insert or update or delete on extensions for each row execute function refuse_write_in_archived_round();
create trigger directive_files_archived_round before insert or update or delete on directive_files for each row execute function refuse_write_in_archived_round();
create trigger interviews_archived_round before insert or update or delete on interviews for each row execute function refuse_write_in_archived_round();

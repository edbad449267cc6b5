-- Nothing evidenced is destroyed: records are voided (作废) with a reason instead of deleted, rounds
-- are archived (归档) read-only, and the database itself refuses deletes that would take evidence,
-- progress, sign-offs, registers or notices with them.

-- A voided record keeps its content and says who voided it, when and why.
alter table findings
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint findings_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table measures
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint measures_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table progress_reports
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint progress_reports_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table evidence
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint evidence_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table rules
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint rules_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table accountabilities
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint accountabilities_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table recoveries
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint recoveries_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table petitions
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint petitions_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));
alter table leads
  add column voided_at timestamptz,
  add column voided_by bigint references users (id),
  add column void_reason text,
  add constraint leads_void_check check (voided_at is null or (void_reason is not null and length(void_reason) between 1 and 500));

-- Progress reports and evidence are edited while their measure is open (optimistic concurrency);
-- once signed, a correction is a new record pointing to the one it corrects.
alter table progress_reports
  add column version integer not null default 1,
  add column updated_at timestamptz not null default now(),
  add column corrects_id bigint references progress_reports (id);
alter table evidence
  add column category text not null default 'other' check (category in ('minutes', 'regulation', 'photo', 'ledger', 'other')),
  add column version integer not null default 1,
  add column updated_at timestamptz not null default now(),
  add column corrects_id bigint references evidence (id);

-- Petitions and leads move received → transferred → filed → closed, each stage dated.
alter table petitions
  drop constraint petitions_state_check,
  add constraint petitions_state_check check (state in ('received', 'transferred', 'filed', 'closed')),
  add column transferred_date date,
  add column filed_date date;
alter table leads
  add column transferred_date date,
  add column filed_date date,
  add column closed_date date;

-- Archived rounds are read-only.
alter table inspections
  add column archived_at timestamptz,
  add column archived_by bigint references users (id),
  add column archive_reason text;

-- Deleting a parent never takes evidence, progress, sign-offs, reviews, registers or notices with it.
alter table findings
  drop constraint findings_inspection_id_fkey,
  add constraint findings_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict;
alter table measures
  drop constraint measures_finding_id_fkey,
  add constraint measures_finding_id_fkey foreign key (finding_id) references findings (id) on delete restrict;
alter table progress_reports
  drop constraint progress_reports_measure_id_fkey,
  add constraint progress_reports_measure_id_fkey foreign key (measure_id) references measures (id) on delete restrict;
alter table evidence
  drop constraint evidence_measure_id_fkey,
  add constraint evidence_measure_id_fkey foreign key (measure_id) references measures (id) on delete restrict;
alter table closures
  drop constraint closures_measure_id_fkey,
  add constraint closures_measure_id_fkey foreign key (measure_id) references measures (id) on delete restrict;
alter table closure_decisions
  drop constraint closure_decisions_closure_id_fkey,
  add constraint closure_decisions_closure_id_fkey foreign key (closure_id) references closures (id) on delete restrict;
alter table reviews
  drop constraint reviews_measure_id_fkey,
  add constraint reviews_measure_id_fkey foreign key (measure_id) references measures (id) on delete restrict;
alter table rules
  drop constraint rules_inspection_id_fkey,
  add constraint rules_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict;
alter table accountabilities
  drop constraint accountabilities_inspection_id_fkey,
  add constraint accountabilities_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict,
  drop constraint accountabilities_finding_id_fkey,
  add constraint accountabilities_finding_id_fkey foreign key (finding_id) references findings (id) on delete restrict;
alter table recoveries
  drop constraint recoveries_inspection_id_fkey,
  add constraint recoveries_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict,
  drop constraint recoveries_finding_id_fkey,
  add constraint recoveries_finding_id_fkey foreign key (finding_id) references findings (id) on delete restrict;
alter table petitions
  drop constraint petitions_inspection_id_fkey,
  add constraint petitions_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict;
alter table leads
  drop constraint leads_inspection_id_fkey,
  add constraint leads_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict;
alter table directives
  drop constraint directives_inspection_id_fkey,
  add constraint directives_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict;
alter table notices
  drop constraint notices_inspection_id_fkey,
  add constraint notices_inspection_id_fkey foreign key (inspection_id) references inspections (id) on delete restrict;
alter table public_comments
  drop constraint public_comments_notice_id_fkey,
  add constraint public_comments_notice_id_fkey foreign key (notice_id) references notices (id) on delete restrict;

-- The round a row belongs to, for the read-only rule of archived rounds. A restore reloads archived
-- rounds with their content and sets zhenggai.restoring for its transaction.
create function refuse_write_in_archived_round() returns trigger language plpgsql as $$
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
  elsif tg_table_name in ('progress_reports', 'evidence', 'closures', 'reviews') then
    select f.inspection_id into round_id from measures m join findings f on f.id = m.finding_id where m.id = target.measure_id;
  elsif tg_table_name = 'closure_decisions' then
    select f.inspection_id into round_id
      from closures c join measures m on m.id = c.measure_id join findings f on f.id = m.finding_id where c.id = target.closure_id;
  else
    round_id := target.inspection_id;
  end if;
  if round_id is not null and exists (select 1 from inspections i where i.id = round_id and i.archived_at is not null) then
    raise exception 'inspection % is archived (read-only)', round_id using errcode = 'ZGA01';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger findings_archived_round before insert or update or delete on findings for each row execute function refuse_write_in_archived_round();
create trigger measures_archived_round before insert or update or delete on measures for each row execute function refuse_write_in_archived_round();
create trigger progress_reports_archived_round before insert or update or delete on progress_reports for each row execute function refuse_write_in_archived_round();
create trigger evidence_archived_round before insert or update or delete on evidence for each row execute function refuse_write_in_archived_round();
create trigger closures_archived_round before insert or update or delete on closures for each row execute function refuse_write_in_archived_round();
create trigger closure_decisions_archived_round before insert or update or delete on closure_decisions for each row execute function refuse_write_in_archived_round();
create trigger reviews_archived_round before insert or update or delete on reviews for each row execute function refuse_write_in_archived_round();
create trigger rules_archived_round before insert or update or delete on rules for each row execute function refuse_write_in_archived_round();
create trigger accountabilities_archived_round before insert or update or delete on accountabilities for each row execute function refuse_write_in_archived_round();
create trigger recoveries_archived_round before insert or update or delete on recoveries for each row execute function refuse_write_in_archived_round();
create trigger petitions_archived_round before insert or update or delete on petitions for each row execute function refuse_write_in_archived_round();
create trigger leads_archived_round before insert or update or delete on leads for each row execute function refuse_write_in_archived_round();
create trigger directives_archived_round before insert or update or delete on directives for each row execute function refuse_write_in_archived_round();
create trigger notices_archived_round before insert or update or delete on notices for each row execute function refuse_write_in_archived_round();

-- An archived round itself changes only by being unarchived, and is never deleted.
create function refuse_change_of_archived_round() returns trigger language plpgsql as $$
begin
  if coalesce(current_setting('zhenggai.restoring', true), '') = 'on' then
    return coalesce(new, old);
  end if;
  if old.archived_at is not null and (tg_op = 'DELETE' or new.archived_at is not null) then
    raise exception 'inspection % is archived (read-only)', old.id using errcode = 'ZGA01';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger inspections_archived_read_only before update or delete on inspections for each row execute function refuse_change_of_archived_round();

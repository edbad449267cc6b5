-- Voided (作废) findings are few: lists of measures leave out those of voided findings through this
-- small partial index (`finding_id not in (select id from findings where voided_at is not null)`)
-- instead of joining every finding before a page is picked.
create index findings_voided_idx on findings (id) where voided_at is not null;

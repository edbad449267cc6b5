-- Lists, counts and the roll-up read live rows only (voided_at is null). Indexes over live rows
-- let them skip and count inside the index (index-only scans at 1M measures: a deep page skipped
-- 100,000 heap rows in 87 ms; the roll-up's counts read 1M heap rows in 500 ms). A list that asks
-- for voided rows too sorts its (round-bounded) rows instead.
drop index measures_due_order_idx;
create index measures_due_order_idx on measures (due_date, finding_id, seq) include (id) where voided_at is null;
drop index measures_status_due_idx;
create index measures_status_due_idx on measures (status, due_date, finding_id, seq) include (id) where voided_at is null;
drop index measures_open_due_idx;
create index measures_open_due_idx on measures (due_date, finding_id, seq) include (id, org_id)
  where status not in ('completed', 'completed_long_term') and voided_at is null;
-- The roll-up's overdue findings per unit: open measures grouped by unit and finding, in index order.
create index measures_open_org_idx on measures (org_id, finding_id) include (due_date)
  where status not in ('completed', 'completed_long_term') and voided_at is null;
-- The roll-up's findings per unit and status.
create index findings_live_org_status_idx on findings (org_id, status) where voided_at is null;
-- Deadline rules are set on a few orgs: finding the nearest one above an org reads only those.
create index orgs_clock_rules_idx on orgs (path) where settings ? 'clockRules';

-- Indexes matching the ledger's filters and sort orders (see docs/SCALING.md for the EXPLAIN
-- findings behind each one). Lists order measures by (due_date, finding_id, seq) and findings by
-- (inspection_id, seq), so a page is the first rows of an index range instead of a sort of everything;
-- INCLUDE (id) lets a deep page skip rows inside the index alone (index-only scan).

-- Trigram text search (q=): PGlite ships pg_trgm too; it is trusted, so a database owner may create it.
create extension if not exists pg_trgm;

create index measures_due_order_idx on measures (due_date, finding_id, seq) include (id);
create index measures_status_due_idx on measures (status, due_date, finding_id, seq) include (id);
-- Open measures by due date: overdue lists, deadline lights and the roll-up's overdue count per unit.
create index measures_open_due_idx on measures (due_date, finding_id, seq) include (id, org_id) where status not in ('completed', 'completed_long_term');
create index measures_owner_idx on measures (owner_user_id) where owner_user_id is not null;
create index measures_search_idx on measures using gin ((text || ' ' || coalesce(owner_name, '') || ' ' || coalesce(leader_name, '')) gin_trgm_ops);

create index findings_status_idx on findings (status, inspection_id, seq) include (id);
-- The roll-up counts findings per unit and status from this index alone.
create index findings_org_status_idx on findings (org_id, status);
drop index findings_org_idx;
create index findings_lead_department_idx on findings (lead_department_id) where lead_department_id is not null;
create index findings_search_idx on findings using gin ((title || ' ' || coalesce(category, '')) gin_trgm_ops);

create index inspections_feedback_idx on inspections (feedback_date desc nulls last, id desc);
create index progress_reports_latest_idx on progress_reports (measure_id, report_date desc, id desc);
drop index progress_reports_measure_idx;
create index closures_approved_idx on closures (measure_id, decided_at) where state = 'approved';

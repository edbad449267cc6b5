-- 回头看 by the unit itself (自查) or by supervisors (督查); a rebound sets a new due date and marks
-- the approved closure as reopened, keeping its sign-off as it was.
alter table reviews add column kind text not null default 'supervision' check (kind in ('self', 'supervision'));
alter table reviews add column new_due_date date;
alter table closures add column reopened_at timestamptz;
alter table closures add column reopen_review_id bigint references reviews (id) deferrable initially deferred;

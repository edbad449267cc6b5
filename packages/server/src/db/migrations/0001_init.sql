-- zhenggai schema v1. PostgreSQL dialect; runs unchanged on PGlite and PostgreSQL 15+.
-- Money is integer fen; dates are `date`; instants are `timestamptz` (stored UTC, shown in Asia/Shanghai).

create table app_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Org tree: 巡察办 (office) → units → departments. `path` is the materialised ancestry '/1/4/9/'.
create table orgs (
  id bigint generated always as identity primary key,
  parent_id bigint references orgs (id),
  kind text not null check (kind in ('office', 'unit', 'department')),
  name text not null check (length(name) between 1 and 200),
  party_org_name text,
  path text not null default '',
  settings jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orgs_path_idx on orgs (path text_pattern_ops);
create index orgs_parent_idx on orgs (parent_id);

create function orgs_set_path() returns trigger language plpgsql as $$
begin
  if new.parent_id is null then
    new.path := '/' || new.id || '/';
  else
    select path || new.id || '/' into new.path from orgs where id = new.parent_id;
  end if;
  return new;
end;
$$;
create trigger orgs_path_trigger before insert on orgs for each row execute function orgs_set_path();

create table users (
  id bigint generated always as identity primary key,
  username text not null unique check (username ~ '^[A-Za-z0-9_.@-]{2,64}$'),
  display_name text not null,
  password_hash text,
  is_active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table user_roles (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  org_id bigint not null references orgs (id),
  role text not null check (role in ('admin', 'inspection_office', 'discipline', 'rectification_office', 'leader', 'department', 'readonly')),
  unique (user_id, org_id, role)
);
create index user_roles_user_idx on user_roles (user_id);

-- Server-side sessions; the cookie carries a random token whose sha256 is the id.
create table sessions (
  id text primary key,
  user_id bigint not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

create table inspections (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  name text not null,
  kind text not null default 'regular' check (kind in ('regular', 'special', 'follow_up')),
  group_name text,
  level text,
  start_date date,
  end_date date,
  feedback_date date,
  feedback_doc_numbers jsonb not null default '[]',
  source_sha256 text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index inspections_org_idx on inspections (org_id);

create table findings (
  id bigint generated always as identity primary key,
  inspection_id bigint not null references inspections (id) on delete cascade,
  org_id bigint not null references orgs (id),
  seq integer not null check (seq >= 1),
  number text not null default '',
  category text,
  title text not null check (length(title) between 1 and 2000),
  sub_points jsonb not null default '[]',
  source text not null default 'feedback' check (source in ('feedback', 'immediate', 'petition', 'lead', 'previous_round', 'audit')),
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'phased', 'completed', 'completed_long_term', 'not_completed')),
  lead_leader text,
  lead_department_id bigint references orgs (id),
  due_date date,
  progress_text text,
  plan_text text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (inspection_id, seq)
);
create index findings_org_idx on findings (org_id);

create table measures (
  id bigint generated always as identity primary key,
  finding_id bigint not null references findings (id) on delete cascade,
  org_id bigint not null references orgs (id),
  seq integer not null check (seq >= 1),
  text text not null check (length(text) between 1 and 4000),
  kind text not null default 'deadline' check (kind in ('immediate', 'deadline', 'long_term')),
  leader_name text,
  leader_user_id bigint references users (id),
  department_id bigint references orgs (id),
  owner_name text,
  owner_user_id bigint references users (id),
  due_date date,
  original_due_date date,
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'phased', 'completed', 'completed_long_term', 'not_completed')),
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (finding_id, seq)
);
create index measures_org_idx on measures (org_id);
create index measures_department_idx on measures (department_id);

create table progress_reports (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  org_id bigint not null references orgs (id),
  report_date date not null,
  text text not null check (length(text) between 1 and 10000),
  figures jsonb not null default '{}',
  author_id bigint references users (id),
  created_at timestamptz not null default now()
);
create index progress_reports_measure_idx on progress_reports (measure_id);

create table evidence (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  org_id bigint not null references orgs (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  mime_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  effective_date date,
  description text,
  uploaded_by bigint references users (id),
  created_at timestamptz not null default now()
);
create index evidence_measure_idx on evidence (measure_id);

create table closures (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  org_id bigint not null references orgs (id),
  target_status text not null check (target_status in ('completed', 'completed_long_term')),
  state text not null default 'pending' check (state in ('pending', 'approved', 'returned', 'withdrawn')),
  chain jsonb not null,
  note text,
  submitted_by bigint not null references users (id),
  submitted_at timestamptz not null default now(),
  decided_at timestamptz
);
create index closures_measure_idx on closures (measure_id);
-- At most one open closure per measure.
create unique index closures_one_pending_idx on closures (measure_id) where state = 'pending';

create table closure_decisions (
  id bigint generated always as identity primary key,
  closure_id bigint not null references closures (id) on delete cascade,
  step_index integer not null,
  user_id bigint not null references users (id),
  decision text not null check (decision in ('approved', 'returned')),
  reason text,
  decided_at timestamptz not null default now()
);
create index closure_decisions_closure_idx on closure_decisions (closure_id);

create table reviews (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  org_id bigint not null references orgs (id),
  review_date date not null,
  outcome text not null check (outcome in ('confirmed', 'rebound')),
  note text,
  reviewed_by bigint references users (id),
  created_at timestamptz not null default now()
);
create index reviews_measure_idx on reviews (measure_id);

create table rules (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  inspection_id bigint references inspections (id) on delete cascade,
  title text not null,
  doc_number text,
  issued_date date,
  finding_ids jsonb not null default '[]',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index rules_org_idx on rules (org_id);

create table accountabilities (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  inspection_id bigint references inspections (id) on delete cascade,
  finding_id bigint references findings (id) on delete set null,
  person_name text,
  kind text not null check (kind in ('party_discipline', 'government_sanction', 'organisational', 'admonishment', 'interview', 'criticism', 'written_review', 'reminder_talk', 'referred')),
  decided_date date,
  people integer not null default 1 check (people >= 1),
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index accountabilities_org_idx on accountabilities (org_id);

create table recoveries (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  inspection_id bigint references inspections (id) on delete cascade,
  finding_id bigint references findings (id) on delete set null,
  kind text not null check (kind in ('refunded', 'recovered', 'loss_retrieved')),
  amount_fen bigint not null check (amount_fen >= 0),
  recovered_date date,
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index recoveries_org_idx on recoveries (org_id);

create table petitions (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  inspection_id bigint references inspections (id) on delete cascade,
  subject text not null,
  received_date date,
  state text not null default 'received' check (state in ('received', 'transferred', 'closed')),
  closed_date date,
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index petitions_org_idx on petitions (org_id);

create table leads (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  inspection_id bigint references inspections (id) on delete cascade,
  subject text not null,
  received_date date,
  state text not null default 'received' check (state in ('received', 'transferred', 'filed', 'closed')),
  people integer not null default 0 check (people >= 0),
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index leads_org_idx on leads (org_id);

create table directives (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  issued_by_org_id bigint not null references orgs (id),
  inspection_id bigint references inspections (id) on delete cascade,
  finding_id bigint references findings (id) on delete set null,
  text text not null,
  reply_due date,
  reply_text text,
  replied_at timestamptz,
  state text not null default 'open' check (state in ('open', 'replied', 'closed')),
  issued_by bigint references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index directives_org_idx on directives (org_id);

create table notices (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  inspection_id bigint not null references inspections (id) on delete cascade,
  state text not null default 'draft' check (state in ('draft', 'approved', 'published', 'withdrawn')),
  title text not null,
  texts jsonb not null default '{}',
  contacts jsonb not null default '{"phones": [], "emails": [], "postal": []}',
  issuer text,
  notice_date date,
  public_start date,
  public_end date,
  figures jsonb,
  approved_by bigint references users (id),
  approved_at timestamptz,
  published_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index notices_org_idx on notices (org_id);

create table public_comments (
  id bigint generated always as identity primary key,
  notice_id bigint not null references notices (id) on delete cascade,
  org_id bigint not null references orgs (id),
  text text not null check (length(text) between 1 and 5000),
  contact text,
  state text not null default 'pending' check (state in ('pending', 'accepted', 'rejected')),
  petition_id bigint references petitions (id),
  moderated_by bigint references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index public_comments_notice_idx on public_comments (notice_id);

-- Append-only audit trail: every mutation, with before/after, in the same transaction.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id bigint references users (id),
  actor_name text not null,
  action text not null,
  entity text not null,
  entity_id text,
  org_id bigint references orgs (id),
  before jsonb,
  after jsonb
);
create index audit_log_entity_idx on audit_log (entity, entity_id);
create index audit_log_org_idx on audit_log (org_id, at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();

-- Issue 11: the clock runs by itself. Deadline rules live in orgs.settings.clockRules (inherited down
-- the tree); this migration adds what the clock writes and what people do with it.

-- Every event the clock fired, once per (record, step, anchor date): the unique key is what makes a
-- reminder fire exactly once across app processes and after a downtime.
create table clock_events (
  id bigint generated always as identity primary key,
  record_type text not null check (record_type in ('measure', 'directive', 'inspection')),
  record_id bigint not null,
  step_key text not null,
  anchor_date date not null,
  fire_date date not null,
  org_id bigint references orgs (id),
  recipients integer not null default 0,
  fired_at timestamptz not null default now(),
  unique (record_type, record_id, step_key, anchor_date)
);

-- What a person sees in the bell; e-mail delivery state rides on the same row (an outbox).
create table notifications (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  kind text not null,
  title text not null check (length(title) between 1 and 200),
  body text not null default '',
  link text,
  entity text,
  entity_id bigint,
  org_id bigint references orgs (id),
  event_id bigint references clock_events (id),
  email_state text check (email_state in ('pending', 'sending', 'sent', 'failed', 'skipped')),
  email_attempts integer not null default 0,
  email_claimed_until timestamptz,
  email_error text,
  emailed_at timestamptz,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user_idx on notifications (user_id, id desc);
create index notifications_unread_idx on notifications (user_id) where read_at is null;
create index notifications_email_idx on notifications (id) where email_state in ('pending', 'sending');

-- Each person's e-mail address and the notification kinds they want by e-mail.
create table notification_settings (
  id bigint generated always as identity primary key,
  user_id bigint not null unique references users (id) on delete cascade,
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  email_kinds jsonb not null default '[]',
  updated_at timestamptz not null default now()
);

-- 申请延期: each request and its decision; the measure keeps original_due_date, every approved row
-- keeps the date it replaced, so the original and each revision stay visible.
create table extensions (
  id bigint generated always as identity primary key,
  measure_id bigint not null references measures (id) on delete cascade,
  org_id bigint not null references orgs (id),
  previous_due_date date,
  requested_due_date date not null,
  reason text not null check (length(reason) between 1 and 2000),
  state text not null default 'pending' check (state in ('pending', 'approved', 'rejected', 'withdrawn')),
  requested_by bigint not null references users (id),
  requested_at timestamptz not null default now(),
  decided_by bigint references users (id),
  decided_at timestamptz,
  decision_note text,
  version integer not null default 1,
  updated_at timestamptz not null default now()
);
create index extensions_measure_idx on extensions (measure_id);
create unique index extensions_one_pending_idx on extensions (measure_id) where state = 'pending';

-- 督办: a directive may target a measure; the reply carries evidence; the issuer closes it.
alter table directives add column measure_id bigint references measures (id) on delete set null;
alter table directives add column replied_by bigint references users (id);
alter table directives add column closed_at timestamptz;
alter table directives add column closed_by bigint references users (id);
alter table directives add column close_note text;
create index directives_issuer_idx on directives (issued_by_org_id);

create table directive_files (
  id bigint generated always as identity primary key,
  directive_id bigint not null references directives (id) on delete cascade,
  org_id bigint not null references orgs (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  mime_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  uploaded_by bigint references users (id),
  created_at timestamptz not null default now()
);
create index directive_files_directive_idx on directive_files (directive_id);

-- 约谈 records: who talked to whom, when, about which items, with what outcome.
create table interviews (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  inspection_id bigint references inspections (id) on delete cascade,
  interviewer text not null check (length(interviewer) between 1 and 200),
  interviewee text not null check (length(interviewee) between 1 and 200),
  held_on date not null,
  location text,
  subject text not null check (length(subject) between 1 and 2000),
  finding_ids jsonb not null default '[]',
  measure_ids jsonb not null default '[]',
  directive_id bigint references directives (id) on delete set null,
  outcome text,
  recorded_by bigint references users (id),
  recorded_by_org_id bigint references orgs (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index interviews_org_idx on interviews (org_id);

-- 周汇报: one per unit and period; generated, edited by the 整改办, sent to the supervisor.
create table weekly_reports (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  period_start date not null,
  period_end date not null,
  state text not null default 'draft' check (state in ('draft', 'sent')),
  content jsonb not null,
  generated_at timestamptz not null default now(),
  updated_by bigint references users (id),
  sent_at timestamptz,
  sent_by bigint references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, period_start)
);

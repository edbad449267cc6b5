-- The publishing gate: each warning of a notice's check is acknowledged by a person before
-- approval; the acknowledgement records who, when and which warning (its code, message and key).
create table notice_acknowledgements (
  id bigint generated always as identity primary key,
  notice_id bigint not null references notices (id) on delete restrict,
  org_id bigint not null references orgs (id),
  warning_key text not null check (warning_key ~ '^[0-9a-f]{64}$'),
  code text not null,
  message text not null,
  note text check (note is null or length(note) <= 500),
  acknowledged_by bigint not null references users (id),
  acknowledged_at timestamptz not null default now(),
  unique (notice_id, warning_key)
);
create index notice_acknowledgements_notice_idx on notice_acknowledgements (notice_id);

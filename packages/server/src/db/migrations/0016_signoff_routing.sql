-- Sign-off by person (issue 8): each department may name its head (负责人), who signs the
-- department step; a decision records on whose behalf it was signed (代签); delegations are
-- explicit, dated records that are revoked, never deleted.

-- Deferred so a restore can load orgs before users inside its one transaction.
alter table orgs add column head_user_id bigint references users (id) deferrable initially deferred;

alter table closure_decisions add column on_behalf_of bigint references users (id);

create table delegations (
  id bigint generated always as identity primary key,
  principal_id bigint not null references users (id),
  delegate_id bigint not null references users (id),
  starts_on date not null,
  ends_on date,
  reason text not null check (length(reason) between 1 and 500),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by bigint references users (id),
  check (principal_id <> delegate_id),
  check (ends_on is null or ends_on >= starts_on)
);
create index delegations_delegate_idx on delegations (delegate_id);
create index delegations_principal_idx on delegations (principal_id);

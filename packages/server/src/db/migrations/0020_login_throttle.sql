-- Failed sign-ins, counted in the database so every app process sees the same counters:
-- one row per account ('account:<name>') and per client address ('ip:<address>').
create table login_throttle (
  key text primary key check (length(key) <= 200),
  failures integer not null default 0,
  window_start timestamptz not null,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);

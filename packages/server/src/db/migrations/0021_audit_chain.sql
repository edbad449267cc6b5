-- Tamper-evident audit trail: every entry carries the hash of the entry before it and its own
-- sha256 over a canonical JSON form of its content (computed by the app, repositories/audit-hash.ts),
-- so an edited, inserted or removed entry breaks the chain at a named place (`zhenggai audit verify`).
-- Entries written before this migration have no hash; they are reported as outside the chain.
alter table audit_log add column prev_hash text;
alter table audit_log add column hash text;
alter table audit_log add constraint audit_log_hash_format check (hash is null or (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$'));
-- From now on every new entry must be chained (NOT VALID: older rows are not checked).
alter table audit_log add constraint audit_log_hash_required check (hash is not null and prev_hash is not null) not valid;
create unique index audit_log_hash_idx on audit_log (hash);

-- Evidence files shared by every app process on one PostgreSQL server: the bytes live here, keyed by
-- their sha256, and each process keeps a local copy in ZG_FILES_DIR as a cache (FileStore). On the
-- embedded database (one process) files stay in the directory only and this table stays empty.
create table evidence_files (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea not null,
  size_bytes bigint not null check (size_bytes >= 0),
  created_at timestamptz not null default now()
);

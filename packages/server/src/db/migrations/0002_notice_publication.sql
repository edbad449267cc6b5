-- A published notice is frozen: the rendered text the public reads is stored at publication, so
-- later ledger changes never alter what was published.
alter table notices add column published_html text;
alter table notices add column published_text text;
alter table notices add column published_sha256 text;

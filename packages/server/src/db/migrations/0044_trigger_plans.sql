-- PL/pgSQL keeps a generic plan per statement for the life of a connection. Planned while a table is
-- small, a primary-key lookup becomes a sequential scan and stays one as the table grows (the embedded
-- database has no autovacuum, whose fresh statistics would invalidate it). Importing 1,000 notices in
-- one process, every new measure's archived-round check scanned every finding: a notice's measure
-- insert went from 7 ms to 120 ms and the import from linear to quadratic. Planned per execution,
-- these lookups are index scans at any size.
alter function refuse_write_in_archived_round() set plan_cache_mode = force_custom_plan;
alter function orgs_set_path() set plan_cache_mode = force_custom_plan;

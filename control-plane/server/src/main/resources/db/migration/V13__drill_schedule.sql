-- The last fire time of a drill's schedule that was handled: a run was started, or the fire was skipped as too late.
-- Each fire therefore starts at most one run, also after a restart. The column is written with SQL only and is not
-- mapped in DrillEntity, so that saving a changed drill cannot write back a stale value.
alter table drill add column last_scheduled_at timestamptz;

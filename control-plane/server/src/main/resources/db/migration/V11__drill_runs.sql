-- Runs of failover drills: who started them, how they ended and the pre-flight checks with their numbers. A run's
-- number counts from 1 for each drill. Deleting a drill deletes its runs.
create table drill_run (
    id          bigint       generated always as identity constraint drill_run_pkey primary key,
    drill_id    bigint       not null constraint drill_run_drill_fk references drill (id) on delete cascade,
    number      bigint       not null,
    dry_run     boolean      not null,
    status      varchar(16)  not null constraint drill_run_status_check check (status in ('PASSED', 'FAILED')),
    started_by  varchar(255) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    checks      jsonb        not null default '{"checks": []}',
    constraint drill_run_number_key unique (drill_id, number)
);

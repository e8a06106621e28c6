-- Live drill runs: a run moves through steps as a state machine kept here, so that a control plane that restarts
-- resumes it where it stood and never repeats a finished step.
alter table drill_run drop constraint drill_run_status_check;
alter table drill_run add constraint drill_run_status_check
    check (status in ('PASSED', 'FAILED', 'RUNNING', 'ABORTING', 'COMPLETED', 'ABORTED'));

alter table drill_run
    -- What the run acts on, fixed when it starts: the target, the affected workloads and clusters, the guardrails.
    add column plan jsonb,
    add column measurements jsonb,
    add column events jsonb not null default '{"events": []}',
    add column aborted_by varchar(255),
    add column abort_reason varchar(500);

create index drill_run_active_idx on drill_run (status) where status in ('RUNNING', 'ABORTING');

-- The steps of a live run. A step that changes desired state records the revision each cluster received
-- (revisions) in the transaction of the change, and each agent's Ack time (acks, epoch milliseconds) as it arrives.
create table drill_run_step (
    id          bigint      generated always as identity constraint drill_run_step_pkey primary key,
    run_id      bigint      not null constraint drill_run_step_run_fk references drill_run (id) on delete cascade,
    position    integer     not null,
    name        varchar(32) not null,
    status      varchar(16) not null
        constraint drill_run_step_status_check check (status in ('RUNNING', 'DONE', 'INTERRUPTED')),
    started_at  timestamptz not null,
    finished_at timestamptz,
    revisions   jsonb       not null default '{}',
    acks        jsonb       not null default '{}',
    summary     varchar(1000),
    constraint drill_run_step_position_key unique (run_id, position),
    constraint drill_run_step_name_key unique (run_id, name)
);

-- Regions a running drill has taken out of a workload's routing. The desired-state compiler reads them, so that
-- deleting the rows restores the routing the policy describes.
create table drill_evacuation (
    run_id      bigint not null constraint drill_evacuation_run_fk references drill_run (id) on delete cascade,
    workload_id bigint not null constraint drill_evacuation_workload_fk references workload (id) on delete cascade,
    region_id   bigint not null constraint drill_evacuation_region_fk references region (id) on delete cascade,
    constraint drill_evacuation_pkey primary key (run_id, workload_id, region_id)
);

create index drill_evacuation_workload_idx on drill_evacuation (workload_id);

-- The drill run that created a pre-scaling, so that its fail-back or abort deletes only its own.
alter table workload_prescale
    add column drill_run_id bigint constraint workload_prescale_drill_run_fk references drill_run (id) on delete set null;

-- Pre-scaling: raised minimum replicas per region while traffic is expected to move, such as during a failover
-- drill. Kept apart from the scaling policy, so that removing the row restores the policy's own bounds exactly.
create table workload_prescale (
    workload_id      bigint      primary key
                                 constraint workload_prescale_workload_fk references workload (id) on delete cascade,
    -- Regions expected to lose their traffic, which the floors were computed for.
    excluded_regions varchar(63)[] not null,
    -- Region name -> lowest minimum replicas while the pre-scaling lasts.
    floors           jsonb       not null,
    reason           varchar(200),
    created_by       varchar(255) not null,
    created_at       timestamptz not null
);

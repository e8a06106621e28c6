-- Clusters a running cluster-evacuation drill takes a workload out of. The desired-state compiler leaves such a
-- cluster out of its region's replica split: the other clusters of the region share the region's replicas, and the
-- cluster keeps its own share until it is drained, then runs none. Deleting the rows restores the split.
create table drill_cluster_evacuation (
    run_id      bigint  not null constraint drill_cluster_evacuation_run_fk references drill_run (id) on delete cascade,
    workload_id bigint  not null
        constraint drill_cluster_evacuation_workload_fk references workload (id) on delete cascade,
    cluster_id  bigint  not null
        constraint drill_cluster_evacuation_cluster_fk references cluster (id) on delete cascade,
    drained     boolean not null default false,
    constraint drill_cluster_evacuation_pkey primary key (run_id, workload_id, cluster_id)
);

create index drill_cluster_evacuation_workload_idx on drill_cluster_evacuation (workload_id);

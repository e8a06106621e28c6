-- Routing policies: how a service's traffic is spread over its regions and how it fails over. A service is
-- a workload with a Service, named after the workload, as agents register it in Consul.
create table routing_policy (
    workload_id        bigint      primary key
                                   constraint routing_policy_workload_fk references workload (id) on delete cascade,
    strategy           varchar(16) not null constraint routing_policy_strategy_check
                                   check (strategy in ('WEIGHTED', 'LOCALITY_FIRST')),
    -- Region name -> weight, for strategy WEIGHTED.
    weights            jsonb       not null default '{}'::jsonb,
    failover_order     varchar(63)[] not null default '{}',
    outlier_detection  jsonb,
    connect_timeout_ms integer     not null,
    request_timeout_ms integer     not null,
    retries            jsonb,
    version            bigint      not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);

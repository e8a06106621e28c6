-- The global service catalog: every service instance each region's Consul reports, with its health, kept
-- up to date by blocking queries. Written only by the leader's catalog watch.
create table catalog_instance (
    region_id   bigint       not null constraint catalog_instance_region_fk references region (id) on delete cascade,
    service     varchar(255) not null,
    instance_id varchar(255) not null,
    node        varchar(255) not null,
    address     varchar(255) not null,
    port        integer      not null,
    tags        varchar(255)[] not null default '{}',
    -- From the instance's tags tenant=<slug> and cluster=<name>, when present.
    tenant      varchar(63),
    cluster     varchar(63),
    -- passing when every check passes, else the worst check status: warning or critical.
    health      varchar(16)  not null constraint catalog_instance_health_check
                             check (health in ('passing', 'warning', 'critical')),
    updated_at  timestamptz  not null,
    constraint catalog_instance_pkey primary key (region_id, service, instance_id)
);

create index catalog_instance_service_idx on catalog_instance (service);

-- When each region's Consul last answered and last failed, so that stale regions can be shown as such.
create table catalog_region (
    region_id       bigint      primary key constraint catalog_region_region_fk references region (id) on delete cascade,
    consul_address  varchar(255) not null,
    last_contact_at timestamptz,
    last_error      varchar(500),
    last_error_at   timestamptz
);

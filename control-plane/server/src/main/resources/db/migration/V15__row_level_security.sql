-- Row-level security on tenant-owned rows, a second line of tenant isolation behind the tenant checks of the
-- services. A request of a tenant administrator sets the session setting securewatch.tenant to its tenant's slug
-- (TenantRowsInterceptor). Every query of that session then reads and writes that tenant's rows only, also one that
-- lacks a tenant filter. Without the setting (platform callers, background jobs, Flyway) every row is visible.
--
-- FORCE applies the policies to the owner of the tables too, because the application connects as that owner. A
-- superuser or a role with BYPASSRLS skips all of them, which the application reports with a warning at start-up.
-- Foreign-key checks and ON DELETE CASCADE skip row-level security in PostgreSQL, so they work across tenants.
--
-- Tables left out, because their rows belong to the platform rather than to one tenant: region, cluster,
-- cluster_bundle (one bundle contains the objects of every tenant of its cluster), cluster_agent_state,
-- registration_token, agent_credential, catalog_region, idempotency_record (per user, looked up by user), and the
-- drill tables drill, drill_run and drill_run_step (a drill acts on a region, cluster or service, and only platform
-- roles reach the drill API).

-- The tenant the current session is limited to, or null for all tenants. The second argument of current_setting
-- returns null instead of failing when the setting was never set; nullif turns a setting reset to '' into null.
create function securewatch_tenant()
    returns text
    language sql
    stable
as
$$
select nullif(current_setting('securewatch.tenant', true), '')
$$;

-- Each policy first compares (select securewatch_tenant()) with null. The subselect makes PostgreSQL evaluate
-- the setting once per statement, and an unset setting then admits every row without running the tenant lookup.
-- The tenant lookup is another uncorrelated subselect, also evaluated once per statement, so scoped queries pay
-- one index lookup on tenant_slug_key and a comparison per row. PostgreSQL checks a policy before the conditions
-- of the query that are not leakproof, such as LIKE or jsonb @>, so those cannot use an index on these tables.

alter table tenant enable row level security;
alter table tenant force row level security;
create policy tenant_rows on tenant
    using ((select securewatch_tenant()) is null or slug = (select securewatch_tenant()))
    with check ((select securewatch_tenant()) is null or slug = (select securewatch_tenant()));

alter table tenant_region enable row level security;
alter table tenant_region force row level security;
create policy tenant_rows on tenant_region
    using ((select securewatch_tenant()) is null
           or tenant_id = (select t.id from tenant t where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or tenant_id = (select t.id from tenant t where t.slug = securewatch_tenant()));

-- A platform workload (tenant_id null) belongs to no tenant, so a scoped session does not see it.
alter table workload enable row level security;
alter table workload force row level security;
create policy tenant_rows on workload
    using ((select securewatch_tenant()) is null
           or tenant_id = (select t.id from tenant t where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or tenant_id = (select t.id from tenant t where t.slug = securewatch_tenant()));

-- Rows that hang off a workload belong to the workload's tenant. The workload ids of that tenant are collected
-- once per statement (a hashed subplan over workload_tenant_idx) rather than looked up per row.
alter table workload_region enable row level security;
alter table workload_region force row level security;
create policy tenant_rows on workload_region
    using ((select securewatch_tenant()) is null
           or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                              where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                                   where t.slug = securewatch_tenant()));

alter table scaling_policy enable row level security;
alter table scaling_policy force row level security;
create policy tenant_rows on scaling_policy
    using ((select securewatch_tenant()) is null
           or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                              where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                                   where t.slug = securewatch_tenant()));

alter table workload_prescale enable row level security;
alter table workload_prescale force row level security;
create policy tenant_rows on workload_prescale
    using ((select securewatch_tenant()) is null
           or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                              where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                                   where t.slug = securewatch_tenant()));

alter table routing_policy enable row level security;
alter table routing_policy force row level security;
create policy tenant_rows on routing_policy
    using ((select securewatch_tenant()) is null
           or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                              where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                                   where t.slug = securewatch_tenant()));

-- The regions and clusters a running drill takes a workload out of: per workload, so per tenant, although drills
-- themselves are platform objects.
alter table drill_evacuation enable row level security;
alter table drill_evacuation force row level security;
create policy tenant_rows on drill_evacuation
    using ((select securewatch_tenant()) is null
           or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                              where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                                   where t.slug = securewatch_tenant()));

alter table drill_cluster_evacuation enable row level security;
alter table drill_cluster_evacuation force row level security;
create policy tenant_rows on drill_cluster_evacuation
    using ((select securewatch_tenant()) is null
           or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                              where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or workload_id in (select w.id from workload w join tenant t on t.id = w.tenant_id
                                   where t.slug = securewatch_tenant()));

-- Audit events carry the slug of the tenant of the object they describe, or null for a platform object.
-- Queries through audit_event use this policy for every partition. The partitions have no policy of their own;
-- the application names a partition only to create it (ensure_audit_event_partitions).
alter table audit_event enable row level security;
alter table audit_event force row level security;
create policy tenant_rows on audit_event
    using ((select securewatch_tenant()) is null or tenant = (select securewatch_tenant()))
    with check ((select securewatch_tenant()) is null or tenant = (select securewatch_tenant()));

-- Catalog instances carry the tenant of their Consul tag tenant=<slug>, or null for a platform service.
alter table catalog_instance enable row level security;
alter table catalog_instance force row level security;
create policy tenant_rows on catalog_instance
    using ((select securewatch_tenant()) is null or tenant = (select securewatch_tenant()))
    with check ((select securewatch_tenant()) is null or tenant = (select securewatch_tenant()));

-- Tenant operations as durable workflows. Each tenant has the steps of its latest operation (provision, update,
-- suspend, resume, delete); a leader-only worker attempts every step that is due, records the outcome, and backs off
-- after failures. A new operation replaces the steps of the previous one.
create table tenant_step (
    tenant_id       bigint        not null constraint tenant_step_tenant_fk references tenant (id) on delete cascade,
    name            varchar(80)   not null,
    operation       varchar(16)   not null constraint tenant_step_operation_check
                                  check (operation in ('PROVISION', 'UPDATE', 'SUSPEND', 'RESUME', 'DELETE')),
    position        integer       not null,
    state           varchar(16)   not null constraint tenant_step_state_check
                                  check (state in ('PENDING', 'WAITING', 'FAILING', 'DONE')),
    attempts        integer       not null default 0,
    message         varchar(1000),
    last_error      varchar(1000),
    -- Revisions each cluster must reach, for environment steps.
    targets         jsonb         not null default '{}'::jsonb,
    started_at      timestamptz   not null,
    last_attempt_at timestamptz,
    next_attempt_at timestamptz   not null,
    finished_at     timestamptz,
    constraint tenant_step_pkey primary key (tenant_id, name)
);

create index tenant_step_due_idx on tenant_step (next_attempt_at) where state <> 'DONE';

-- Each tenant's objects in Keycloak. The row outlives a deleted tenant until its retention ends, so that the
-- disabled objects can still be found and removed, and so that the slug is not reused while they exist.
create table tenant_identity (
    slug            varchar(56)   not null constraint tenant_identity_pkey primary key,
    display_name    varchar(200)  not null,
    admin_email     varchar(254),
    organization_id varchar(64),
    group_id        varchar(64),
    client_id       varchar(64),
    admin_user_id   varchar(64),
    remove_after    timestamptz,
    updated_at      timestamptz   not null
);

create index tenant_identity_remove_after_idx on tenant_identity (remove_after) where remove_after is not null;

-- Both tables belong to tenants, so row-level security scopes them like the others (see V15).
alter table tenant_step enable row level security;
alter table tenant_step force row level security;
create policy tenant_rows on tenant_step
    using ((select securewatch_tenant()) is null
           or tenant_id = (select t.id from tenant t where t.slug = securewatch_tenant()))
    with check ((select securewatch_tenant()) is null
                or tenant_id = (select t.id from tenant t where t.slug = securewatch_tenant()));

alter table tenant_identity enable row level security;
alter table tenant_identity force row level security;
create policy tenant_rows on tenant_identity
    using ((select securewatch_tenant()) is null or slug = (select securewatch_tenant()))
    with check ((select securewatch_tenant()) is null or slug = (select securewatch_tenant()));

-- The leader lease that control-plane replicas share. The holder renews it before it expires; another replica
-- takes it only once it has expired, and every change of holder raises the epoch. Leader-only writes check the
-- epoch in their own transaction (with FOR SHARE), so a deposed leader's late write is rejected.
create table leader_lease (
    name        varchar(63)  not null constraint leader_lease_pkey primary key,
    holder      varchar(255) not null,
    epoch       bigint       not null constraint leader_lease_epoch_check check (epoch > 0),
    acquired_at timestamptz  not null,
    renewed_at  timestamptz  not null,
    expires_at  timestamptz  not null
);

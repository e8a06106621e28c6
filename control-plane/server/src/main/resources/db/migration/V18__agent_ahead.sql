-- An agent that applied a revision this database does not have, as after a restore from an older backup. That is a
-- revision above the cluster's desired revision, or the desired revision with another content hash. The control plane
-- then sends the agent nothing until an operator confirms the rollback or the agent reports the desired revision and
-- hash again, and both clear these columns. They are null while the agent is not ahead. cluster_agent_state belongs
-- to the platform, not to a tenant, so it has no row-level security (see V15).
alter table cluster_agent_state
    add column ahead_revision bigint,
    add column ahead_hash     varchar(64),
    add column ahead_since    timestamptz,
    add constraint cluster_agent_state_ahead_check
        check ((ahead_revision is null) = (ahead_since is null));

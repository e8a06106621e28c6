-- What each agent applied outside Kubernetes at its acknowledged revision: Consul config entries and HAProxy edge
-- backends, grouped by target, as the agent reports them in its Ack.
alter table cluster_agent_state add column applied_targets jsonb not null default '[]';

-- Caps on connections, pending and concurrent requests per region for a service's callers; null for none.
alter table routing_policy add column limits jsonb;

-- The state of the circuit breaker around each region's Consul: closed, open or half-open.
alter table catalog_region add column circuit varchar(16) not null default 'closed';

package io.securewatch.testsupport.consul;

import java.util.function.Function;

/**
 * A read of an endpoint that supports blocking queries. The read runs under the {@link Datacenter} lock, once at
 * once and again after every change while the request waits.
 */
record BlockingRead(QueryOptions options, Function<Datacenter, QueryResult> read) implements Reply {}

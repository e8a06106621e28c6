package io.securewatch.testsupport.consul;

/**
 * The outcome of one read at one moment.
 *
 * @param index the index of the watched result, which decides whether a blocking read returns
 */
record QueryResult(long index, Response response) {}

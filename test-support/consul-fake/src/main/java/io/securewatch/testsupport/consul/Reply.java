package io.securewatch.testsupport.consul;

/** Result of an endpoint: a response to send now, or a read that may wait for its index to pass a value. */
sealed interface Reply permits Response, BlockingRead {}

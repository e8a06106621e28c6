package io.securewatch.testsupport.consul;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * An HTTP response before the headers common to every response are added.
 *
 * @param contentType the media type, or null for a response without a body
 * @param allowedMethods the value of the {@code Allow} header, or null for none
 */
record Response(int status, String contentType, Buffer body, String allowedMethods) implements Reply {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    /** Encodes a value (a Vert.x JSON object or array, a string, a boolean) as a 200 JSON response. */
    static Response json(Object value, boolean pretty) {
        return new Response(200, JSON, Buffer.buffer(Json.CODEC.toString(value, pretty)), null);
    }

    static Response text(int status, String text) {
        return new Response(status, TEXT, Buffer.buffer(text), null);
    }

    static Response empty(int status) {
        return new Response(status, null, Buffer.buffer(), null);
    }

    /** Returns the response to an OPTIONS request, which lists the methods the path accepts. */
    static Response options(String allowedMethods) {
        return new Response(200, null, Buffer.buffer(), allowedMethods);
    }
}

package io.securewatch.testsupport.consul;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code /v1/kv/:key}, as the Consul HTTP API documentation, "KV Store - HTTP API", describes it: reads with
 * {@code recurse}, {@code keys}, {@code separator} and {@code raw}; writes with {@code flags} and {@code cas};
 * deletes with {@code recurse} and {@code cas}. Sessions ({@code acquire}, {@code release}) are not supported.
 */
final class KvEndpoints {

    /** Values in Consul's KV store cannot be larger than 512 KiB. */
    static final int MAX_VALUE_BYTES = 512 * 1024;

    private final Datacenter datacenter;

    KvEndpoints(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    /** {@code GET /v1/kv/:key}: a missing key, or a prefix without keys, is a 404 that still carries an index. */
    Reply get(Call call, String key) {
        QueryOptions options = QueryOptions.from(call);
        if (call.has("keys")) {
            String separator = call.param("separator").orElse("");
            return new BlockingRead(options, state -> {
                List<String> keys = state.keyValueStore().keys(key, separator);
                long index = state.keyValueStore().prefixIndex(key);
                return new QueryResult(index, keys.isEmpty() ? Response.empty(404) : call.json(new JsonArray(keys)));
            });
        }
        if (call.has("recurse")) {
            return new BlockingRead(options, state -> {
                List<KvEntry> entries = state.keyValueStore().list(key);
                JsonArray rendered = new JsonArray();
                entries.forEach(entry -> rendered.add(ConsulJson.keyValue(entry)));
                long index = state.keyValueStore().prefixIndex(key);
                return new QueryResult(index, entries.isEmpty() ? Response.empty(404) : call.json(rendered));
            });
        }
        boolean raw = call.has("raw");
        return new BlockingRead(options, state -> {
            Optional<KvEntry> entry = state.keyValueStore().get(key);
            long index = state.keyValueStore().keyIndex(key);
            if (entry.isEmpty()) {
                return new QueryResult(index, Response.empty(404));
            }
            if (raw) {
                byte[] value =
                        entry.get().value() == null ? new byte[0] : entry.get().value();
                return new QueryResult(index, new Response(200, "text/plain", Buffer.buffer(value), null));
            }
            return new QueryResult(index, call.json(new JsonArray().add(ConsulJson.keyValue(entry.get()))));
        });
    }

    /** {@code PUT /v1/kv/:key}: the body is the value; the response is {@code true} or {@code false}. */
    Reply put(Call call, String key) {
        if (key.isEmpty()) {
            throw HttpError.badRequest("Missing key name");
        }
        rejectSessions(call);
        if (call.body().length() > MAX_VALUE_BYTES) {
            throw new HttpError(
                    413,
                    "Request body of " + call.body().length() + " bytes is too large: the maximum is " + MAX_VALUE_BYTES
                            + " bytes");
        }
        long flags = unsignedParam(call, "flags").orElse(0);
        OptionalLong checkAndSetIndex = unsignedParam(call, "cas");
        byte[] value = call.body().length() == 0 ? null : call.body().getBytes();
        boolean written = datacenter.write(state -> state.keyValueStore().put(key, value, flags, checkAndSetIndex));
        return call.json(written);
    }

    /** {@code DELETE /v1/kv/:key}: the response is {@code true}, or {@code false} when a {@code cas} fails. */
    Reply delete(Call call, String key) {
        if (call.has("recurse")) {
            datacenter.update(state -> state.keyValueStore().deletePrefix(key));
            return call.json(true);
        }
        if (key.isEmpty()) {
            throw HttpError.badRequest("Missing key name");
        }
        OptionalLong checkAndSetIndex = unsignedParam(call, "cas");
        if (checkAndSetIndex.isPresent()) {
            long expected = checkAndSetIndex.getAsLong();
            return call.json(datacenter.write(state -> state.keyValueStore().deleteIfModifyIndexIs(key, expected)));
        }
        datacenter.update(state -> state.keyValueStore().delete(key));
        return call.json(true);
    }

    private static void rejectSessions(Call call) {
        for (String parameter : List.of("acquire", "release")) {
            if (call.has(parameter)) {
                throw HttpError.notImplemented("The ?" + parameter + " parameter (sessions and locks)");
            }
        }
    }

    private static OptionalLong unsignedParam(Call call, String name) {
        Optional<String> value = call.param(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(value.get()));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Invalid " + name + " \"" + value.get() + "\": use an unsigned integer");
        }
    }
}

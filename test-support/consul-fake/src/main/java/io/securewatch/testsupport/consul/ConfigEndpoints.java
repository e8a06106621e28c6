package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code /v1/config}, as the Consul HTTP API documentation, "Config - HTTP API", describes it, for the kinds in
 * {@link ConfigEntryRules#SUPPORTED_KINDS}.
 */
final class ConfigEndpoints {

    private final Datacenter datacenter;

    ConfigEndpoints(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    /** {@code PUT /v1/config} with {@code ?cas}: the response is {@code true} or {@code false}. */
    Reply apply(Call call) {
        JsonObject body = call.jsonBody();
        String kind = JsonInput.string(body, "Kind", "");
        String name = JsonInput.string(body, "Name", "");
        ConfigEntryRules.requireSupportedKind(kind);
        JsonObject entry = ConfigEntryRules.normalize(body, kind, name);
        OptionalLong checkAndSetIndex = casParam(call);
        boolean written = datacenter.write(state -> {
            ConfigEntryRules.validate(entry, state.configEntries());
            return state.configEntries().apply(kind, name, entry, checkAndSetIndex);
        });
        return call.json(written);
    }

    /** {@code GET /v1/config/:kind/:name}: a missing entry is a 404 that still carries an index. */
    Reply get(Call call, String kind, String name) {
        ConfigEntryRules.requireSupportedKind(kind);
        return new BlockingRead(QueryOptions.from(call), state -> {
            long index = state.configEntries().tableIndex();
            Optional<ConfigEntry> entry = state.configEntries().get(kind, name);
            if (entry.isEmpty()) {
                String message = "Config entry not found for \"" + kind + "\" / \"" + name + "\"";
                return new QueryResult(index, Response.text(404, message));
            }
            return new QueryResult(index, call.json(ConsulJson.configEntry(entry.get())));
        });
    }

    /** {@code GET /v1/config/:kind}: every entry of the kind, ordered by name. */
    Reply list(Call call, String kind) {
        ConfigEntryRules.requireSupportedKind(kind);
        return new BlockingRead(QueryOptions.from(call), state -> {
            JsonArray entries = new JsonArray();
            state.configEntries().list(kind).forEach(entry -> entries.add(ConsulJson.configEntry(entry)));
            return new QueryResult(state.configEntries().tableIndex(), call.json(entries));
        });
    }

    /**
     * {@code DELETE /v1/config/:kind/:name}: the response is an empty JSON object, or with {@code ?cas} whether the
     * entry was deleted.
     */
    Reply delete(Call call, String kind, String name) {
        ConfigEntryRules.requireSupportedKind(kind);
        OptionalLong checkAndSetIndex = casParam(call);
        if (checkAndSetIndex.isPresent()) {
            long expected = checkAndSetIndex.getAsLong();
            return call.json(
                    datacenter.write(state -> state.configEntries().deleteIfModifyIndexIs(kind, name, expected)));
        }
        datacenter.update(state -> state.configEntries().delete(kind, name));
        return call.json(new JsonObject());
    }

    private static OptionalLong casParam(Call call) {
        Optional<String> value = call.param("cas");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(value.get()));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Invalid cas \"" + value.get() + "\": use an unsigned integer");
        }
    }
}

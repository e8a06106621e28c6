package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * Rules for config entries: the kinds the fake accepts and the checks an entry passes before it is stored.
 *
 * <p>Errors in the shape of the request are 400 responses. Errors in the meaning of an entry (weights, subsets,
 * paths, retry conditions, protocol) are 500 responses, because Consul validates entries on its servers and its HTTP
 * API passes server errors on with status 500.
 */
// NOTE: the 500 status for invalid entries follows how Consul passes on server-side errors. The "Config - HTTP
// API" page does not document it, and no Consul server was available to confirm it.
final class ConfigEntryRules {

    static final Set<String> SUPPORTED_KINDS =
            Set.of("service-defaults", "service-resolver", "service-splitter", "service-router");

    /** Kinds that Consul supports but the fake does not implement. A request for one gets a 501, not a 400. */
    private static final Set<String> OTHER_CONSUL_KINDS = Set.of(
            "proxy-defaults",
            "service-intentions",
            "ingress-gateway",
            "terminating-gateway",
            "mesh",
            "exported-services",
            "sameness-group",
            "api-gateway",
            "http-route",
            "tcp-route",
            "inline-certificate",
            "file-system-certificate",
            "jwt-provider",
            "control-plane-request-limit");

    /**
     * The HTTP-based protocols. The service-splitter and service-router documentation allows those kinds only for a
     * service with one of these protocols.
     */
    private static final Set<String> HTTP_PROTOCOLS = Set.of("http", "http2", "grpc");

    private ConfigEntryRules() {}

    static void requireSupportedKind(String kind) {
        if (kind.isEmpty()) {
            throw HttpError.badRequest("Invalid config entry: Kind is required");
        }
        if (SUPPORTED_KINDS.contains(kind)) {
            return;
        }
        if (OTHER_CONSUL_KINDS.contains(kind)) {
            throw HttpError.notImplemented("The config entry kind \"" + kind + "\"");
        }
        throw HttpError.badRequest("Invalid config entry kind \"" + kind + "\"");
    }

    /**
     * Returns the entry with canonical {@code Kind} and {@code Name} fields first and without the index fields,
     * which Consul sets itself.
     */
    static JsonObject normalize(JsonObject body, String kind, String name) {
        JsonObject normalized = new JsonObject().put("Kind", kind).put("Name", name);
        for (String field : body.fieldNames()) {
            String lower = field.toLowerCase(Locale.ROOT);
            if (!Set.of("kind", "name", "createindex", "modifyindex").contains(lower)) {
                normalized.put(field, body.getValue(field));
            }
        }
        return normalized;
    }

    /** Checks an entry against the rules of its kind and against the entries it depends on. */
    static void validate(JsonObject entry, ConfigEntryStore store) {
        String kind = entry.getString("Kind");
        String name = entry.getString("Name");
        if (name.isEmpty()) {
            throw HttpError.badRequest("Invalid config entry: Name is required");
        }
        // Every supported kind has Meta, which Consul decodes into a map of strings. Any other shape is a decode error.
        JsonInput.stringMap(entry, "Meta");
        switch (kind) {
            case "service-defaults" -> JsonInput.string(entry, "Protocol", "");
            case "service-resolver" -> validateResolver(entry);
            case "service-splitter" -> validateSplitter(entry, store);
            case "service-router" -> ServiceRouterRules.validate(entry, store);
            default -> throw new IllegalStateException("unsupported kind " + kind);
        }
    }

    private static void validateResolver(JsonObject entry) {
        JsonObject subsets = JsonInput.object(entry, "Subsets");
        String defaultSubset = JsonInput.string(entry, "DefaultSubset", "");
        if (!defaultSubset.isEmpty() && (subsets == null || !subsets.containsKey(defaultSubset))) {
            throw invalid("service-resolver \"" + entry.getString("Name") + "\" has DefaultSubset \"" + defaultSubset
                    + "\", which is not one of its Subsets");
        }
        JsonInput.duration(entry, "ConnectTimeout", null);
        JsonInput.duration(entry, "RequestTimeout", null);
    }

    private static void validateSplitter(JsonObject entry, ConfigEntryStore store) {
        String name = entry.getString("Name");
        JsonArray splits = JsonInput.array(entry, "Splits");
        if (splits == null || splits.isEmpty()) {
            throw invalid("service-splitter \"" + name + "\" has no Splits");
        }
        double total = 0;
        for (Object item : splits) {
            if (!(item instanceof JsonObject split)) {
                throw HttpError.badRequest("Request decode failed: field \"Splits\" must be an array of objects");
            }
            double weight = JsonInput.number(split, "Weight", 0);
            if (weight < 0 || weight > 100) {
                throw invalid("service-splitter \"" + name + "\" has a split Weight of " + weight
                        + "; each weight must be between 0 and 100");
            }
            total += weight;
        }
        if (Math.abs(total - 100) > 0.01) {
            throw invalid("service-splitter \"" + name + "\" has split weights that add up to " + total
                    + "; they must add up to 100");
        }

        requireHttpProtocol("service-splitter", name, store);
    }

    /**
     * Rejects an entry of the given kind unless the service's protocol is HTTP-based. The protocol comes from the
     * service's service-defaults entry and is {@code tcp} without one, because the fake has no proxy-defaults.
     */
    static void requireHttpProtocol(String kind, String name, ConfigEntryStore store) {
        String protocol = store.get("service-defaults", name)
                .map(defaults -> JsonInput.string(defaults.body(), "Protocol", ""))
                .filter(value -> !value.isEmpty())
                .orElse("tcp");
        if (!HTTP_PROTOCOLS.contains(protocol)) {
            throw invalid(kind + " \"" + name + "\" needs the protocol http, http2 or grpc, but the service's"
                    + " protocol is \"" + protocol + "\"; apply a service-defaults entry for \"" + name
                    + "\" with such a Protocol first");
        }
    }

    /** Returns the error for an entry that breaks one of Consul's rules, with the status Consul uses for it. */
    static HttpError invalid(String message) {
        return new HttpError(500, message);
    }
}

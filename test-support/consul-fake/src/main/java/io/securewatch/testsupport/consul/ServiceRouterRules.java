package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation rules for service-router entries, following Consul's "Service router configuration reference" page.
 *
 * <p>As for the other kinds in {@link ConfigEntryRules}, a field of the wrong type is a 400 response and a broken rule
 * is a 500 response. Every route is decoded before any rule is checked, because Consul decodes the whole request
 * before it validates the entry.
 */
// NOTE: the fake checks only the path matchers, RetryOn and the protocol. Consul also rejects routes with invalid
// Header, QueryParam or Methods matchers, and a PrefixRewrite without PathExact or PathPrefix. The fake stores those.
final class ServiceRouterRules {

    /**
     * The values that Consul accepts in a route's {@code Destination.RetryOn}, as {@code isValidRetryCondition} in
     * Consul's {@code agent/structs/config_entry_discoverychain.go} lists them.
     */
    private static final List<String> RETRY_CONDITIONS = List.of(
            "5xx",
            "gateway-error",
            "reset",
            "connect-failure",
            "envoy-ratelimited",
            "retriable-4xx",
            "refused-stream",
            "cancelled",
            "deadline-exceeded",
            "internal",
            "resource-exhausted",
            "unavailable");

    /** Maximum {@code NumRetries}, because Consul stores the field as an unsigned 32-bit integer. */
    private static final long MAX_NUM_RETRIES = 4_294_967_295L;

    private ServiceRouterRules() {}

    /**
     * The fields of one route that the rules check. A path matcher that is not set is an empty string.
     *
     * @param location the route's position in the entry, such as {@code Routes[2]}
     */
    private record Route(
            String location, String pathExact, String pathPrefix, String pathRegex, List<String> retryConditions) {}

    /** Checks a service-router entry and the protocol of the service it routes. */
    static void validate(JsonObject entry, ConfigEntryStore store) {
        String name = entry.getString("Name");
        List<Route> routes = decodeRoutes(entry);
        for (Route route : routes) {
            checkPathMatchers(name, route);
            checkRetryConditions(name, route);
        }
        ConfigEntryRules.requireHttpProtocol("service-router", name, store);
    }

    private static List<Route> decodeRoutes(JsonObject entry) {
        JsonArray routesJson = JsonInput.array(entry, "Routes");
        List<Route> routes = new ArrayList<>();
        if (routesJson == null) {
            return routes;
        }
        for (int i = 0; i < routesJson.size(); i++) {
            String location = "Routes[" + i + "]";
            if (!(routesJson.getValue(i) instanceof JsonObject routeJson)) {
                throw HttpError.badRequest("Request decode failed: field \"Routes\" must be an array of objects, but "
                        + location + " is not an object");
            }
            try {
                routes.add(decodeRoute(location, routeJson));
            } catch (HttpError e) {
                // The field names within one route are unique, so the route's position is enough to find the field.
                throw HttpError.badRequest(e.getMessage() + " (in " + location + ")");
            }
        }
        return routes;
    }

    private static Route decodeRoute(String location, JsonObject routeJson) {
        JsonObject match = JsonInput.object(routeJson, "Match");
        JsonObject http = match == null ? null : JsonInput.object(match, "HTTP");
        JsonObject httpMatch = http == null ? new JsonObject() : http;
        String pathExact = JsonInput.string(httpMatch, "PathExact", "");
        String pathPrefix = JsonInput.string(httpMatch, "PathPrefix", "");
        String pathRegex = JsonInput.string(httpMatch, "PathRegex", "");

        JsonObject destinationJson = JsonInput.object(routeJson, "Destination");
        JsonObject destination = destinationJson == null ? new JsonObject() : destinationJson;
        requireNumRetries(destination);
        List<String> retryConditions = JsonInput.strings(destination, "RetryOn");
        JsonInput.duration(destination, "RequestTimeout", null);
        JsonInput.duration(destination, "IdleTimeout", null);

        return new Route(location, pathExact, pathPrefix, pathRegex, retryConditions);
    }

    private static void requireNumRetries(JsonObject destination) {
        Object value = JsonInput.field(destination, "NumRetries");
        if (value == null) {
            return;
        }
        boolean valid = value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= 0
                && number.doubleValue() <= MAX_NUM_RETRIES;
        if (!valid) {
            String valueText = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
            throw HttpError.badRequest("Request decode failed: field \"NumRetries\" must be an integer from 0 to "
                    + MAX_NUM_RETRIES + ", not " + valueText);
        }
    }

    private static void checkPathMatchers(String name, Route route) {
        String httpLocation = route.location() + ".Match.HTTP";
        requireLeadingSlash(name, httpLocation + ".PathExact", route.pathExact());
        requireLeadingSlash(name, httpLocation + ".PathPrefix", route.pathPrefix());

        List<String> pathMatchers = new ArrayList<>();
        if (!route.pathExact().isEmpty()) {
            pathMatchers.add("PathExact");
        }
        if (!route.pathPrefix().isEmpty()) {
            pathMatchers.add("PathPrefix");
        }
        if (!route.pathRegex().isEmpty()) {
            pathMatchers.add("PathRegex");
        }
        if (pathMatchers.size() > 1) {
            throw ConfigEntryRules.invalid("service-router \"" + name + "\" sets " + pathMatchers.size()
                    + " path matchers (" + String.join(", ", pathMatchers) + ") in " + httpLocation
                    + ". Set at most one of PathExact, PathPrefix and PathRegex.");
        }
    }

    private static void requireLeadingSlash(String name, String location, String path) {
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw ConfigEntryRules.invalid("service-router \"" + name + "\" has " + location + " \"" + path
                    + "\", which does not start with \"/\"");
        }
    }

    private static void checkRetryConditions(String name, Route route) {
        for (String condition : route.retryConditions()) {
            if (!RETRY_CONDITIONS.contains(condition)) {
                throw ConfigEntryRules.invalid("service-router \"" + name + "\" has the invalid retry condition \""
                        + condition + "\" in " + route.location() + ".Destination.RetryOn. Use one of "
                        + String.join(", ", RETRY_CONDITIONS) + ".");
            }
        }
    }
}

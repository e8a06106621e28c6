package io.securewatch.agent.consul;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import io.securewatch.agent.routing.ObjectTarget;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.routing.RoutingObjects;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config entries of the region's Consul datacenter, written through Consul's HTTP API ({@code /v1/config}).
 *
 * <p>A {@code ConsulConfigEntry} object named {@code <kind>.<name>} is the entry of that kind and name. The entry's
 * {@code Meta} records that SecureWatch manages it, the service it belongs to and the content hash it was written
 * with, so an unchanged entry is not written again and entries that others wrote are never changed or deleted.
 * Updates use the entry's {@code ModifyIndex} for compare-and-swap; a swap that fails because another agent of the
 * region wrote the same content counts as done. An object whose {@code spec.datacenter} is not
 * the datacenter of the configured Consul is rejected, so an agent pointed at the wrong region changes nothing.
 */
public final class ConsulConfigEntries implements ObjectTarget {

    static final String META_MANAGED_BY = "securewatch-managed-by";
    static final String META_SERVICE = "securewatch-service";
    static final String META_CONTENT_HASH = "securewatch-content-hash";

    /** The kinds SecureWatch renders, listed when the agent looks for entries that left the bundle. */
    static final List<String> KINDS =
            List.of("service-defaults", "service-resolver", "service-router", "service-splitter");

    private static final Set<String> SERVER_FIELDS = Set.of("CreateIndex", "ModifyIndex", "Hash", "Meta");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() {};

    private final URI address;
    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> token;
    private volatile String datacenter;

    public ConsulConfigEntries(URI address, Duration timeout) {
        this(address, timeout, Optional.empty());
    }

    /**
     * Creates the target.
     *
     * @param token the ACL token sent as {@code X-Consul-Token}, for a Consul that enforces ACLs
     */
    public ConsulConfigEntries(URI address, Duration timeout, Optional<String> token) {
        this.address = address;
        this.timeout = timeout;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "consul";
    }

    @Override
    public String address() {
        return address.toString();
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        EntryName entry = EntryName.of(key);
        HttpResponse<String> response = send("GET", "/v1/config/" + entry.path(), null, key);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        requireSuccess(response, key);
        return Optional.of(toManifest(key, read(response.body(), OBJECT, key)));
    }

    @Override
    public void create(Map<String, Object> manifest) {
        // cas=0 writes only when no entry of that kind and name exists yet.
        write(manifest, "0");
    }

    @Override
    public void update(Map<String, Object> manifest, String resourceVersion) {
        write(manifest, resourceVersion);
    }

    @Override
    public void delete(ObjectKey key) {
        HttpResponse<String> response =
                send("DELETE", "/v1/config/" + EntryName.of(key).path(), null, key);
        if (response.statusCode() != 404) {
            requireSuccess(response, key);
        }
    }

    @Override
    public List<ObjectKey> listManaged() {
        List<ObjectKey> managed = new ArrayList<>();
        ObjectKey listing = new ObjectKey(RoutingDriver.API_VERSION, RoutingDriver.CONSUL_CONFIG_ENTRY, "", "*");
        for (String kind : KINDS) {
            HttpResponse<String> response = send("GET", "/v1/config/" + kind, null, listing);
            requireSuccess(response, listing);
            List<Map<String, Object>> entries = read(response.body(), OBJECTS, listing);
            for (Map<String, Object> entry : entries) {
                if (Reconciler.MANAGED_BY_VALUE.equals(meta(entry).get(META_MANAGED_BY))) {
                    managed.add(new ObjectKey(
                            RoutingDriver.API_VERSION,
                            RoutingDriver.CONSUL_CONFIG_ENTRY,
                            "",
                            kind + "." + entry.get("Name")));
                }
            }
        }
        return managed;
    }

    private void write(Map<String, Object> manifest, String resourceVersion) {
        ObjectKey key = RoutingObjects.key(manifest);
        Map<String, Object> spec = RoutingObjects.spec(manifest);
        String expected = String.valueOf(spec.get("datacenter"));
        String served = datacenter(key);
        if (!expected.equals(served)) {
            throw new ClusterWriteException(
                    "Invalid",
                    key + " is for Consul datacenter " + expected + ", but the agent's Consul at " + address
                            + " serves datacenter " + served + "; point the agent at its region's Consul");
        }
        if (!(spec.get("entry") instanceof Map<?, ?> desired)) {
            throw new ClusterWriteException("Invalid", key + " has no spec.entry");
        }
        EntryName name = EntryName.of(key);
        if (!name.kind().equals(desired.get("Kind")) || !name.name().equals(desired.get("Name"))) {
            throw new ClusterWriteException(
                    "Invalid", key + " has a mismatched entry " + desired.get("Kind") + " " + desired.get("Name"));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        desired.forEach((field, value) -> entry.put(String.valueOf(field), value));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_MANAGED_BY, Reconciler.MANAGED_BY_VALUE);
        String service = RoutingObjects.label(manifest, RoutingObjects.SERVICE_LABEL);
        if (service != null) {
            meta.put(META_SERVICE, service);
        }
        String hash = RoutingObjects.contentHash(manifest);
        if (hash != null) {
            meta.put(META_CONTENT_HASH, hash);
        }
        entry.put("Meta", meta);

        String query =
                resourceVersion == null ? "" : "?cas=" + URLEncoder.encode(resourceVersion, StandardCharsets.UTF_8);
        HttpResponse<String> response = send("PUT", "/v1/config" + query, entry, key);
        requireSuccess(response, key);
        if (!"true".equals(response.body().trim()) && !writtenByAnother(key, hash)) {
            throw new ClusterWriteException(
                    "Conflict",
                    key + " changed in Consul while it was being written; it is written again on the next try");
        }
    }

    /**
     * Tells whether the entry now carries the content hash this agent was writing. Every agent of a region writes the
     * same entries, so a compare-and-swap that fails because another agent wrote the same content is a success.
     */
    private boolean writtenByAnother(ObjectKey key, String hash) {
        if (hash == null) {
            return false;
        }
        return get(key).map(live -> hash.equals(RoutingObjects.contentHash(live)))
                .orElse(false);
    }

    /** Returns the datacenter of the configured Consul, read once from {@code /v1/agent/self}. */
    private String datacenter(ObjectKey key) {
        String known = datacenter;
        if (known != null) {
            return known;
        }
        HttpResponse<String> response = send("GET", "/v1/agent/self", null, key);
        requireSuccess(response, key);
        Map<String, Object> self = read(response.body(), OBJECT, key);
        if (self.get("Config") instanceof Map<?, ?> config && config.get("Datacenter") instanceof String name) {
            datacenter = name;
            return name;
        }
        throw new ClusterWriteException(
                "Unavailable", "Consul at " + address + " did not report its datacenter in /v1/agent/self");
    }

    private Map<String, Object> toManifest(ObjectKey key, Map<String, Object> entry) {
        Map<String, Object> meta = meta(entry);
        Map<String, Object> fields = new LinkedHashMap<>();
        entry.forEach((field, value) -> {
            if (!SERVER_FIELDS.contains(field)) {
                fields.put(field, value);
            }
        });
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("datacenter", datacenter(key));
        spec.put("entry", fields);
        Map<String, Object> manifest = RoutingObjects.live(
                key,
                (String) meta.get(META_SERVICE),
                (String) meta.get(META_CONTENT_HASH),
                entry.get("ModifyIndex") == null ? null : String.valueOf(entry.get("ModifyIndex")),
                spec);
        if (!Reconciler.MANAGED_BY_VALUE.equals(meta.get(META_MANAGED_BY))) {
            // Written by someone else: the reconciler must see an object without the ownership label.
            ((Map<?, ?>) manifest.get("metadata")).remove("labels");
        }
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> entry) {
        return entry.get("Meta") instanceof Map<?, ?> meta ? (Map<String, Object>) meta : Map.of();
    }

    private HttpResponse<String> send(String method, String path, Object body, ObjectKey key) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve(path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .method(method, publisher);
            token.ifPresent(value -> request.header("X-Consul-Token", value));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ClusterWriteException(
                    "Unavailable", "Consul at " + address + " cannot be reached for " + key + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterWriteException("Unavailable", "interrupted while writing " + key + " to Consul", e);
        }
    }

    private void requireSuccess(HttpResponse<String> response, ObjectKey key) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = switch (status) {
            case 400, 500 -> "Invalid";
            case 401, 403 -> "Forbidden";
            default -> "Unavailable";
        };
        String body = response.body() == null ? "" : response.body().strip();
        if (body.length() > 300) {
            body = body.substring(0, 300) + "...";
        }
        throw new ClusterWriteException(
                reason, "Consul at " + address + " answered " + status + " for " + key + ": " + body);
    }

    private static <T> T read(String body, TypeReference<T> type, ObjectKey key) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ClusterWriteException(
                    "Unavailable", "Consul's response for " + key + " is not the expected JSON", e);
        }
    }

    /** The kind and name of a config entry, from an object name such as {@code service-resolver.shop}. */
    private record EntryName(String kind, String name) {

        static EntryName of(ObjectKey key) {
            int dot = key.name().indexOf('.');
            if (dot <= 0 || dot == key.name().length() - 1) {
                throw new ClusterWriteException(
                        "Invalid", key + " is not named <kind>.<name>, such as service-resolver.shop");
            }
            return new EntryName(key.name().substring(0, dot), key.name().substring(dot + 1));
        }

        String path() {
            return URLEncoder.encode(kind, StandardCharsets.UTF_8) + "/"
                    + URLEncoder.encode(name, StandardCharsets.UTF_8);
        }
    }
}

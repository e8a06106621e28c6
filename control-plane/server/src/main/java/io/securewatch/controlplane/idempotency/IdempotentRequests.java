package io.securewatch.controlplane.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.controlplane.json.CanonicalJson;
import io.securewatch.controlplane.security.Caller;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs POST requests at most once per {@code Idempotency-Key}. The first successful response is stored in the
 * same transaction as the change it reports. A retry with the same key and body gets that response again and
 * changes nothing, while the same key with another body is rejected with 422. Keys are scoped to the user.
 * Failed requests are not stored, because they changed nothing and may be retried as they are.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";

    /** Response header set on a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /**
     * Content type of a replayed body, the same as the first response's. Stored bodies are JSON written by
     * {@link #toJson}, and Quarkus REST sends the first response of a JSON endpoint as UTF-8 with that charset named.
     */
    private static final MediaType REPLAYED_TYPE =
            MediaType.APPLICATION_JSON_TYPE.withCharset(StandardCharsets.UTF_8.name());

    @Inject
    IdempotencyRecordRepository records;

    @Inject
    Caller caller;

    @Inject
    RoutingContext routingContext;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    IdempotencyConfig config;

    @Inject
    Clock clock;

    /**
     * Runs the action in a transaction, or replays the stored response of an earlier run with the same key.
     *
     * @param request the deserialized request body, whose canonical JSON identifies the request
     * @param action performs the change inside the transaction and returns the response
     */
    public Uni<Response> execute(HttpHeaders headers, Object request, Supplier<Uni<Response>> action) {
        String key = parseKey(headers.getRequestHeader(HEADER));
        if (key == null) {
            return Panache.withTransaction(action);
        }
        String actor = caller.name();
        String method = routingContext.request().method().name();
        String path = routingContext.normalizedPath();
        String requestHash = requestHash(method, path, request);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lock(actor, key)
                .chain(() -> records.find(actor, key))
                .flatMap(existing -> {
                    if (existing != null && existing.expiresAt.isAfter(now)) {
                        return Uni.createFrom().item(replay(existing, requestHash));
                    }
                    Uni<Void> clearExpired = existing == null ? Uni.createFrom().voidItem() : records.delete(existing);
                    return clearExpired
                            .chain(action::get)
                            .call(response -> store(actor, key, method, path, requestHash, response));
                }));
    }

    /**
     * Takes a transaction-scoped advisory lock on the user's key, so that concurrent requests with one key run one
     * after the other: a retry that arrives while the first request runs waits for it, then replays its response.
     */
    private static Uni<Void> lock(String actor, String key) {
        long lock = HexFormat.fromHexDigitsToLong(
                CanonicalJson.sha256Hex(actor + '\n' + key).substring(0, 16));
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from pg_advisory_xact_lock(:lock)", Integer.class)
                        .setParameter("lock", lock)
                        .getSingleResult())
                .replaceWithVoid();
    }

    private Uni<?> store(String actor, String key, String method, String path, String requestHash, Response response) {
        if (response.getStatus() < 200 || response.getStatus() > 299) {
            return Uni.createFrom().voidItem();
        }
        IdempotencyRecordEntity record = new IdempotencyRecordEntity();
        record.actor = actor;
        record.idempotencyKey = key;
        record.method = method;
        record.path = path;
        record.requestHash = requestHash;
        record.responseStatus = response.getStatus();
        record.responseBody = response.hasEntity() ? toJson(response.getEntity()) : null;
        record.location = response.getHeaderString(HttpHeaders.LOCATION);
        record.etag = response.getHeaderString(HttpHeaders.ETAG);
        record.createdAt = clock.instant();
        record.expiresAt = record.createdAt.plus(config.retention());
        return records.persist(record);
    }

    private static Response replay(IdempotencyRecordEntity record, String requestHash) {
        if (!record.requestHash.equals(requestHash)) {
            throw new ApiException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key: this key was used for a different request; use a new key for every new request");
        }
        Response.ResponseBuilder response =
                Response.status(record.responseStatus).header(REPLAYED_HEADER, "true");
        if (record.responseBody != null) {
            response.entity(record.responseBody).type(REPLAYED_TYPE);
        }
        if (record.location != null) {
            response.header(HttpHeaders.LOCATION, record.location);
        }
        if (record.etag != null) {
            response.header(HttpHeaders.ETAG, record.etag);
        }
        return response.build();
    }

    private static String parseKey(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.invalid(HEADER, "send the header once");
        }
        String key = values.get(0);
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid(HEADER, "must be 1 to 255 visible ASCII characters, such as a UUID");
        }
        return key;
    }

    private String toJson(Object entity) {
        try {
            return objectMapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response entity cannot be written as JSON", e);
        }
    }

    private static String requestHash(String method, String path, Object request) {
        return CanonicalJson.sha256Hex(method + ' ' + path + '\n' + CanonicalJson.write(request));
    }
}

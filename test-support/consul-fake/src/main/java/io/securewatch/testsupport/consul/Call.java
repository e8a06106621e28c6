package io.securewatch.testsupport.consul;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One HTTP request to the fake with its body read, and the writing of its response with the headers Consul adds.
 */
final class Call {

    private static final Logger LOG = Logger.getLogger(Call.class);

    private static final Set<String> TRUE_VALUES = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE_VALUES = Set.of("0", "f", "F", "FALSE", "false", "False");

    private final HttpServerRequest request;
    private final String path;
    private final HttpError pathError;
    private final Buffer body;
    private final String aclPolicy;

    /** Creates a call; {@code aclPolicy} is the default ACL policy reported in every response, allow or deny. */
    Call(HttpServerRequest request, Buffer body, String aclPolicy) {
        this.aclPolicy = aclPolicy;
        this.request = request;
        this.body = body;
        String decoded = null;
        HttpError error = null;
        try {
            decoded = decodePath(request.path());
        } catch (HttpError e) {
            error = e;
        }
        this.path = decoded;
        this.pathError = error;
    }

    String method() {
        return request.method().name();
    }

    /** Returns the request path with percent-escapes decoded, as Consul reads resource names from it. */
    String path() {
        if (pathError != null) {
            throw pathError;
        }
        return path;
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(request.getParam(name));
    }

    /** Returns whether the query string names the parameter, with or without a value ("?recurse"). */
    boolean has(String name) {
        return request.params().contains(name);
    }

    /**
     * Reads a boolean parameter as Go's {@code strconv.ParseBool} does; a parameter without a value is true and a
     * missing one is the fallback.
     */
    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        String value = request.getParam(name);
        if (value.isEmpty() || TRUE_VALUES.contains(value)) {
            return true;
        }
        if (FALSE_VALUES.contains(value)) {
            return false;
        }
        throw HttpError.badRequest("Invalid value for ?" + name + ": \"" + value + "\"; use true or false");
    }

    Buffer body() {
        return body;
    }

    JsonObject jsonBody() {
        return JsonInput.parseObject(body);
    }

    /** Encodes a 200 JSON response, indented when the request has {@code ?pretty}. */
    Response json(Object value) {
        return Response.json(value, has("pretty"));
    }

    HttpServerRequest request() {
        return request;
    }

    void send(Response response) {
        write(response, null, null);
    }

    /** Sends a read's result with the index and consistency headers of Consul's query endpoints. */
    void send(QueryResult result, QueryOptions options) {
        write(result.response(), result, options);
    }

    void sendError(HttpError error) {
        Response text = Response.text(error.status(), error.getMessage());
        write(new Response(text.status(), text.contentType(), text.body(), error.allowedMethods()), null, null);
    }

    private void write(Response response, QueryResult result, QueryOptions options) {
        HttpServerResponse http = request.response();
        if (http.ended() || http.closed()) {
            LOG.debugf("Response dropped, client gone method=%s path=%s", method(), request.path());
            return;
        }
        try {
            http.setStatusCode(response.status());
            http.putHeader("X-Consul-Default-ACL-Policy", aclPolicy);
            if (response.contentType() != null) {
                http.putHeader("Content-Type", response.contentType());
            }
            if (response.allowedMethods() != null) {
                http.putHeader("Allow", response.allowedMethods());
            }
            if (result != null) {
                // Consul never reports an index below 1, so that a client's next blocking query blocks.
                http.putHeader("X-Consul-Index", Long.toUnsignedString(Math.max(1, result.index())));
                http.putHeader("X-Consul-KnownLeader", "true");
                http.putHeader("X-Consul-LastContact", "0");
                http.putHeader("X-Consul-Effective-Consistency", options.consistency());
            }
            http.end(response.body());
        } catch (IllegalStateException e) {
            LOG.debugf(e, "Response dropped, connection closed method=%s path=%s", method(), request.path());
        }
    }

    private static String decodePath(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= rawPath.length()) {
                throw HttpError.badRequest("Invalid URL escape in path \"" + rawPath + "\"");
            }
            int high = Character.digit(rawPath.charAt(i + 1), 16);
            int low = Character.digit(rawPath.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw HttpError.badRequest("Invalid URL escape in path \"" + rawPath + "\"");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

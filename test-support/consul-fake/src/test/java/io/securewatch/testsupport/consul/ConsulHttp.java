package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP/1.1 client for the fake, as a Consul client in the project would talk to it. */
final class ConsulHttp {

    /** Upper bound for any single request in the tests, so that a broken blocking query fails instead of hanging. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    ConsulHttp(ConsulFake fake) {
        this.baseUrl = fake.baseUrl();
    }

    /** A received response. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        long index() {
            return Long.parseLong(header("X-Consul-Index"));
        }

        String header(String name) {
            return headers.firstValue(name).orElseThrow(() -> new AssertionError("missing header " + name));
        }

        JsonArray array() {
            return new JsonArray(body);
        }

        JsonObject object() {
            return new JsonObject(body);
        }
    }

    Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, "");
    }

    Reply put(String pathAndQuery, String body) {
        return send("PUT", pathAndQuery, body);
    }

    Reply put(String pathAndQuery, JsonObject body) {
        return send("PUT", pathAndQuery, body.encode());
    }

    Reply delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, "");
    }

    Reply send(String method, String pathAndQuery, String body) {
        try {
            return sendAsync(method, pathAndQuery, body).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    CompletableFuture<Reply> getAsync(String pathAndQuery) {
        return sendAsync("GET", pathAndQuery, "");
    }

    CompletableFuture<Reply> sendAsync(String method, String pathAndQuery, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response.headers(), response.body()));
    }
}

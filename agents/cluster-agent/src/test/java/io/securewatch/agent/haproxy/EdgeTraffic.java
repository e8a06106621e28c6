package io.securewatch.agent.haproxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sends requests through HAProxy's frontend, one at a time over a kept-alive connection. */
public final class EdgeTraffic {

    /** A response: its status, and the region in its body, empty when HAProxy generated the response itself. */
    public record Response(int status, String region) {}

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final HttpRequest request;

    public EdgeTraffic(int frontendPort) {
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontendPort + "/"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
    }

    public Response send() {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            boolean fromBackend =
                    response.headers().firstValue("Content-Type").orElse("").equals("text/plain");
            return new Response(response.statusCode(), fromBackend ? response.body() : "");
        } catch (IOException e) {
            throw new AssertionError("request through HAProxy failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending a request through HAProxy", e);
        }
    }

    public List<Response> send(int count) {
        List<Response> responses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            responses.add(send());
        }
        return responses;
    }
}

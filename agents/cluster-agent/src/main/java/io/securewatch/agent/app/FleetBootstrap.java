package io.securewatch.agent.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Talks to the control plane's REST API for fleet mode: lists clusters and creates registration tokens. */
final class FleetBootstrap {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String authorization;

    FleetBootstrap(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl.replaceAll("/$", "");
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns every cluster name, following the list's pages. */
    List<String> clusters() throws IOException, InterruptedException {
        return new ArrayList<>(clusterRegions().keySet());
    }

    /** Returns the region of every cluster, by cluster name in the list's order, following the list's pages. */
    java.util.Map<String, String> clusterRegions() throws IOException, InterruptedException {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        String cursor = null;
        do {
            String query = "/api/v1/clusters?limit=500" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page =
                    send(HttpRequest.newBuilder(URI.create(baseUrl + query)).GET());
            page.path("items")
                    .forEach(item -> names.put(
                            item.path("name").asText(), item.path("region").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return names;
    }

    /** Creates a registration token for the cluster. */
    String registrationToken(String cluster) throws IOException, InterruptedException {
        JsonNode token = send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/clusters/" + cluster + "/registration-tokens"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        return token.path("token").asText();
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request.header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("control plane responded " + response.statusCode() + " to "
                    + response.request().uri() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}

package io.securewatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Live region evacuations through the REST API at one address, and the checks that every test of them makes. */
public final class LiveDrills {

    /** The steps of a live evacuation that completes, in order. */
    public static final List<String> STEPS =
            List.of("pre-scale", "wait-ready", "shift-routing", "verify", "observe", "fail-back", "restore-scaling");

    private final String apiUrl;

    public LiveDrills(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** Creates a live evacuation of the region that keeps it evacuated for the observation period. */
    public String create(String region, int observationSeconds) {
        String name = ItApi.unique("live");
        ItApi.asAdmin(apiUrl)
                .body(Map.of(
                        "name",
                        name,
                        "type",
                        "region-evacuation",
                        "target",
                        region,
                        "mode",
                        "live",
                        "guardrails",
                        Map.of("observationSeconds", observationSeconds, "ackTimeoutSeconds", 30)))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);
        return name;
    }

    /** Starts the drill's first run and checks that it passed its pre-flight checks. */
    public void start(String drill) {
        JsonPath run = ItApi.asAdmin(apiUrl)
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("running");
    }

    /** Waits until the drill's first run has the status, and returns the run. */
    public JsonPath awaitStatus(String drill, String status, Duration within) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(within)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    last[0] = run(drill);
                    assertThat(last[0].getString("status"))
                            .as(last[0].prettify())
                            .isEqualTo(status);
                });
        return last[0];
    }

    /** Waits until the step is the latest one of the drill's first run. */
    public void awaitStep(String drill, String step) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    JsonPath run = run(drill);
                    List<String> steps = run.getList("steps.name");
                    assertThat(steps).as(run.prettify()).isNotEmpty().last().isEqualTo(step);
                });
    }

    public JsonPath run(String drill) {
        return ItApi.asAdmin(apiUrl)
                .get("/api/v1/drills/" + drill + "/runs/1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public Map<String, String> desiredHashes(List<String> clusters) {
        Map<String, String> hashes = new LinkedHashMap<>();
        clusters.forEach(cluster -> hashes.put(cluster, status(cluster).getString("desiredHash")));
        return hashes;
    }

    public Map<String, Long> desiredRevisions(List<String> clusters) {
        Map<String, Long> revisions = new LinkedHashMap<>();
        clusters.forEach(cluster -> revisions.put(cluster, status(cluster).getLong("desiredRevision")));
        return revisions;
    }

    public JsonPath status(String cluster) {
        return ItApi.asAdmin(apiUrl)
                .get("/api/v1/clusters/" + cluster + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * Checks that every revision a cluster received during the run was pushed by exactly one recorded step: no
     * step ran twice, and nothing else wrote to the clusters' desired state.
     */
    public void assertEveryStepPushedOnce(JsonPath run, Map<String, Long> revisionsBefore) {
        assertThat(run.getList("steps.name")).containsExactlyElementsOf(STEPS);
        Map<String, Long> revisionsAfter = desiredRevisions(List.copyOf(revisionsBefore.keySet()));
        for (String cluster : revisionsBefore.keySet()) {
            List<Long> pushed = new ArrayList<>();
            for (Map<String, Object> step : run.<Map<String, Object>>getList("steps")) {
                Object revision = ((Map<?, ?>) step.get("revisions")).get(cluster);
                if (revision != null) {
                    pushed.add(((Number) revision).longValue());
                }
            }
            assertThat(pushed).as(cluster).isSorted().doesNotHaveDuplicates();
            assertThat(revisionsAfter.get(cluster) - revisionsBefore.get(cluster))
                    .as(cluster)
                    .isEqualTo(pushed.size());
        }
    }
}

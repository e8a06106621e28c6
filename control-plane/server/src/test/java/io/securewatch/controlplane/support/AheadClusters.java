package io.securewatch.controlplane.support;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Puts clusters in the state a restore from an older backup leaves them in. An agent connects with a revision above
 * the cluster's desired revision, which the control plane records as ahead.
 */
public final class AheadClusters {

    /** How far above the desired revision the agent's revision is. */
    public static final long REVISIONS_AHEAD = 1000;

    /** The content hash the agent reports, which no bundle of the control plane has. */
    public static final String UNKNOWN_HASH = "0".repeat(64);

    private AheadClusters() {}

    /** Creates a cluster in the region whose agent was found ahead and has disconnected since. */
    public static String create(String region) {
        String cluster = Fixtures.createCluster(region);
        markAhead(cluster);
        return cluster;
    }

    /** Connects an agent to the cluster that reports a revision ahead of the desired one, and closes it again. */
    public static void markAhead(String cluster) {
        String credential = TestAgentStream.register(cluster);
        long desired = Api.asAdmin()
                .get("/api/v1/clusters/" + cluster + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("desiredRevision");
        try (TestAgentStream stream =
                TestAgentStream.connect(credential, cluster, desired + REVISIONS_AHEAD, UNKNOWN_HASH)) {
            await().atMost(TestAgentStream.WAIT)
                    .untilAsserted(() -> Api.asAdmin()
                            .get("/api/v1/clusters/" + cluster + "/status")
                            .then()
                            .statusCode(200)
                            .body("ahead", equalTo(true)));
        }
    }
}

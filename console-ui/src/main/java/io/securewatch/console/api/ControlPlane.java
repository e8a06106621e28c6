package io.securewatch.console.api;

import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.Region;
import java.util.List;

/**
 * The control plane's REST API as the console uses it, on behalf of one signed-in user: every call carries that
 * user's credentials, so the API's role and tenant checks apply unchanged. Lists are read to their end.
 *
 * @see HttpControlPlane
 */
public interface ControlPlane {

    /**
     * Checks the credentials with a call that every role may make.
     *
     * @throws ApiError with status 401 when the API rejects them
     */
    void signIn(Credentials credentials);

    List<Region> regions(Credentials credentials);

    List<Cluster> clusters(Credentials credentials);

    ClusterStatus clusterStatus(Credentials credentials, String cluster);

    List<Drill> drills(Credentials credentials);

    /** Returns the drill's runs, newest first, up to the given number. */
    List<DrillRun> runs(Credentials credentials, String drill, int limit);

    /** Starts a run of the drill, dry or live. */
    DrillRun startRun(Credentials credentials, String drill, boolean dryRun);
}

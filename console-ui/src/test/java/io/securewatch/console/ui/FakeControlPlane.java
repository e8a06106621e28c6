package io.securewatch.console.ui;

import io.securewatch.api.v1.AuditEvent;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A control plane in memory for view tests, which returns its lists and records the runs started. */
final class FakeControlPlane implements ControlPlane {

    final List<Region> regions = new ArrayList<>();
    final List<Cluster> clusters = new ArrayList<>();
    final Map<String, ClusterStatus> statuses = new HashMap<>();
    final List<Drill> drills = new ArrayList<>();
    final Map<String, List<DrillRun>> runs = new HashMap<>();
    final List<String> started = new ArrayList<>();
    final List<Tenant> tenants = new ArrayList<>();
    final List<AuditEvent> auditEvents = new ArrayList<>();
    final List<Map<String, String>> filters = new ArrayList<>();
    final Map<String, DrillRun> details = new HashMap<>();
    final List<String> aborted = new ArrayList<>();
    final List<Workload> workloads = new ArrayList<>();
    final Map<String, WorkloadCapacity> capacities = new HashMap<>();
    final Map<String, String> passwords = new HashMap<>(Map.of("admin", "admin"));

    /** When set, every call fails with it. */
    ApiError failure;

    @Override
    public void signIn(Credentials credentials) {
        check();
        if (!credentials.password().equals(passwords.get(credentials.user()))) {
            throw new ApiError(401, "the user name or password is not valid", List.of());
        }
    }

    @Override
    public List<Region> regions(Credentials credentials) {
        check();
        return regions;
    }

    @Override
    public List<Cluster> clusters(Credentials credentials) {
        check();
        return clusters;
    }

    @Override
    public ClusterStatus clusterStatus(Credentials credentials, String cluster) {
        check();
        return statuses.get(cluster);
    }

    @Override
    public List<Drill> drills(Credentials credentials) {
        check();
        return drills;
    }

    @Override
    public List<DrillRun> runs(Credentials credentials, String drill, int limit) {
        check();
        return runs.getOrDefault(drill, List.of());
    }

    @Override
    public DrillRun startRun(Credentials credentials, String drill, boolean dryRun) {
        check();
        started.add(drill + (dryRun ? " dry" : " live"));
        return null;
    }

    @Override
    public List<Tenant> tenants(Credentials credentials, Map<String, String> filter) {
        check();
        filters.add(filter);
        return tenants;
    }

    @Override
    public List<AuditEvent> auditEvents(Credentials credentials, Map<String, String> filter, int limit) {
        check();
        filters.add(filter);
        return auditEvents;
    }

    @Override
    public DrillRun run(Credentials credentials, String drill, long run) {
        check();
        return details.get(drill + "/" + run);
    }

    @Override
    public DrillRun abort(Credentials credentials, String drill, long run, String reason) {
        check();
        aborted.add(drill + "/" + run);
        return details.get(drill + "/" + run);
    }

    @Override
    public List<String> killSwitch(Credentials credentials, String reason) {
        check();
        aborted.add("kill-switch");
        return List.of("evacuate-eu-west-1/3");
    }

    @Override
    public List<Workload> workloads(Credentials credentials) {
        check();
        return workloads;
    }

    @Override
    public WorkloadCapacity capacity(Credentials credentials, String workload) {
        check();
        return capacities.get(workload);
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }
}

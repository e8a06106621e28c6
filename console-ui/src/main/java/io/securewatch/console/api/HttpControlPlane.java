package io.securewatch.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.securewatch.api.v1.AuditEvent;
import io.securewatch.api.v1.CatalogService;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.CurrentUser;
import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillReport;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRun;
import io.securewatch.api.v1.KillSwitchResult;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Problem;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.RegistrationToken;
import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RoutingPolicy;
import io.securewatch.api.v1.RoutingPolicyRequest;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.api.v1.ScalingPreview;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.TenantEnvironments;
import io.securewatch.api.v1.TenantProvisioning;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadCapacity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The control plane's REST API over HTTP, with the JSON types of {@code control-plane/api}. */
@ApplicationScoped
public class HttpControlPlane implements ControlPlane {

    private static final Logger LOG = Logger.getLogger(HttpControlPlane.class);
    private static final int PAGE_SIZE = 200;

    private final ConsoleConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    public HttpControlPlane(ConsoleConfig config) {
        this.config = config;
        this.http =
                HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    @Override
    public CurrentUser signIn(Credentials credentials) {
        return get(credentials, "/api/v1/me", new TypeReference<>() {});
    }

    @Override
    public List<Region> regions(Credentials credentials) {
        return all(credentials, "/api/v1/regions", new TypeReference<Page<Region>>() {});
    }

    @Override
    public List<Cluster> clusters(Credentials credentials) {
        return all(credentials, "/api/v1/clusters", new TypeReference<Page<Cluster>>() {});
    }

    @Override
    public ClusterStatus clusterStatus(Credentials credentials, String cluster) {
        return get(credentials, "/api/v1/clusters/" + encode(cluster) + "/status", new TypeReference<>() {});
    }

    @Override
    public RegistrationToken createRegistrationToken(Credentials credentials, String cluster) {
        // The endpoint rejects a request body, and an Idempotency-Key because it would store the token for replay
        return send(
                credentials,
                "POST",
                "/api/v1/clusters/" + encode(cluster) + "/registration-tokens",
                null,
                new TypeReference<>() {});
    }

    @Override
    public List<Drill> drills(Credentials credentials) {
        return all(credentials, "/api/v1/drills", new TypeReference<Page<Drill>>() {});
    }

    @Override
    public Drill drill(Credentials credentials, String drill) {
        return get(credentials, drillPath(drill), new TypeReference<>() {});
    }

    @Override
    public Drill createDrill(Credentials credentials, DrillRequest request) {
        return send(credentials, "POST", "/api/v1/drills", request, new TypeReference<>() {});
    }

    @Override
    public Drill updateDrill(Credentials credentials, String drill, DrillRequest request, long version) {
        return read(
                exchange(credentials, "PUT", drillPath(drill), request, ifMatch(version)), new TypeReference<>() {});
    }

    @Override
    public void deleteDrill(Credentials credentials, String drill, long version) {
        exchange(credentials, "DELETE", drillPath(drill), null, ifMatch(version));
    }

    @Override
    public List<DrillRun> runs(Credentials credentials, String drill, int limit) {
        Page<DrillRun> page = get(
                credentials,
                "/api/v1/drills/" + encode(drill) + "/runs?limit=" + limit,
                new TypeReference<Page<DrillRun>>() {});
        return page.items();
    }

    @Override
    public DrillRun startRun(Credentials credentials, String drill, boolean dryRun) {
        return send(
                credentials,
                "POST",
                "/api/v1/drills/" + encode(drill) + "/runs",
                Map.of("dryRun", dryRun),
                new TypeReference<>() {});
    }

    @Override
    public List<Tenant> tenants(Credentials credentials, Map<String, String> filter) {
        return all(credentials, "/api/v1/tenants" + query(filter), new TypeReference<Page<Tenant>>() {});
    }

    @Override
    public List<AuditEvent> auditEvents(Credentials credentials, Map<String, String> filter, int limit) {
        String query = query(filter);
        String path = "/api/v1/audit-events" + query + (query.isEmpty() ? "?" : "&") + "limit=" + limit;
        return get(credentials, path, new TypeReference<Page<AuditEvent>>() {}).items();
    }

    @Override
    public DrillRun run(Credentials credentials, String drill, long run) {
        return get(credentials, "/api/v1/drills/" + encode(drill) + "/runs/" + run, new TypeReference<>() {});
    }

    @Override
    public DrillRun abort(Credentials credentials, String drill, long run, String reason) {
        return send(
                credentials,
                "POST",
                "/api/v1/drills/" + encode(drill) + "/runs/" + run + "/abort",
                reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason),
                new TypeReference<>() {});
    }

    @Override
    public List<String> killSwitch(Credentials credentials, String reason) {
        KillSwitchResult result = send(
                credentials,
                "POST",
                "/api/v1/drills/kill-switch",
                reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason),
                new TypeReference<>() {});
        return result.aborted();
    }

    @Override
    public List<Workload> workloads(Credentials credentials) {
        return all(credentials, "/api/v1/workloads", new TypeReference<Page<Workload>>() {});
    }

    @Override
    public WorkloadCapacity capacity(Credentials credentials, String workload) {
        return get(credentials, "/api/v1/workloads/" + encode(workload) + "/capacity", new TypeReference<>() {});
    }

    @Override
    public Tenant createTenant(Credentials credentials, TenantRequest request) {
        return send(credentials, "POST", "/api/v1/tenants", request, new TypeReference<>() {});
    }

    @Override
    public Tenant suspendTenant(Credentials credentials, String tenant) {
        return send(
                credentials, "POST", "/api/v1/tenants/" + encode(tenant) + "/suspend", null, new TypeReference<>() {});
    }

    @Override
    public Tenant resumeTenant(Credentials credentials, String tenant) {
        return send(
                credentials, "POST", "/api/v1/tenants/" + encode(tenant) + "/resume", null, new TypeReference<>() {});
    }

    @Override
    public TenantEnvironments environments(Credentials credentials, String tenant) {
        return get(credentials, "/api/v1/tenants/" + encode(tenant) + "/environments", new TypeReference<>() {});
    }

    @Override
    public TenantProvisioning provisioning(Credentials credentials, String tenant) {
        return get(credentials, "/api/v1/tenants/" + encode(tenant) + "/provisioning", new TypeReference<>() {});
    }

    @Override
    public Tenant deleteTenant(Credentials credentials, String tenant) {
        HttpResponse<String> response =
                exchange(credentials, "DELETE", "/api/v1/tenants/" + encode(tenant), null, Map.of());
        return response.statusCode() == 202 ? read(response, new TypeReference<Tenant>() {}) : null;
    }

    @Override
    public List<CatalogService> services(Credentials credentials) {
        return all(credentials, "/api/v1/services", new TypeReference<Page<CatalogService>>() {});
    }

    @Override
    public Optional<RoutingPolicy> routingPolicy(Credentials credentials, String service) {
        return policy(credentials, routingPath(service), new TypeReference<>() {});
    }

    @Override
    public RoutingPolicy putRoutingPolicy(
            Credentials credentials, String service, RoutingPolicyRequest request, Long version) {
        return read(
                exchange(credentials, "PUT", routingPath(service), request, ifMatch(version)),
                new TypeReference<>() {});
    }

    @Override
    public RenderedRouting previewRouting(Credentials credentials, String service, RoutingPolicyRequest request) {
        return send(credentials, "POST", routingPath(service) + "/preview", request, new TypeReference<>() {});
    }

    @Override
    public DrillReport report(Credentials credentials, String drill, long run) {
        return get(credentials, runPath(drill, run) + "/report?format=json", new TypeReference<>() {});
    }

    @Override
    public String reportDocument(Credentials credentials, String drill, long run, String format) {
        return exchange(
                        credentials,
                        "GET",
                        runPath(drill, run) + "/report?format=" + encode(format),
                        null,
                        Map.of("Accept", "*/*"))
                .body();
    }

    @Override
    public Optional<ScalingPolicy> scalingPolicy(Credentials credentials, String workload) {
        return policy(credentials, scalingPath(workload), new TypeReference<>() {});
    }

    @Override
    public ScalingPolicy putScalingPolicy(
            Credentials credentials, String workload, ScalingPolicyRequest request, Long version) {
        return read(
                exchange(credentials, "PUT", scalingPath(workload), request, ifMatch(version)),
                new TypeReference<>() {});
    }

    @Override
    public ScalingPreview previewScaling(Credentials credentials, String workload, ScalingPolicyRequest request) {
        return send(credentials, "POST", scalingPath(workload) + "/preview", request, new TypeReference<>() {});
    }

    private static String scalingPath(String workload) {
        return "/api/v1/workloads/" + encode(workload) + "/scaling-policy";
    }

    /**
     * Returns a policy, or nothing on 404. An object removed meanwhile also reads as one without a policy, and
     * setting one then fails with the API's 404.
     */
    private <T> Optional<T> policy(Credentials credentials, String path, TypeReference<T> type) {
        try {
            return Optional.of(get(credentials, path, type));
        } catch (ApiError failure) {
            if (failure.status() == 404) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /**
     * Returns the {@code If-Match} header for a version, or no header for null. The API's ETag is the version in
     * quotes, such as {@code "3"}.
     */
    private static Map<String, String> ifMatch(Long version) {
        return version == null ? Map.of() : Map.of("If-Match", "\"" + version + "\"");
    }

    private static String drillPath(String drill) {
        return "/api/v1/drills/" + encode(drill);
    }

    private static String routingPath(String service) {
        return "/api/v1/services/" + encode(service) + "/routing-policy";
    }

    private static String runPath(String drill, long run) {
        return "/api/v1/drills/" + encode(drill) + "/runs/" + run;
    }

    /** Returns {@code ?key=value&...} for the filter's non-blank values, or an empty string. */
    static String query(Map<String, String> filter) {
        StringBuilder query = new StringBuilder();
        new java.util.TreeMap<>(filter).forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                query.append(query.isEmpty() ? '?' : '&')
                        .append(encode(key))
                        .append('=')
                        .append(encode(value.strip()));
            }
        });
        return query.toString();
    }

    private <T> List<T> all(Credentials credentials, String path, TypeReference<Page<T>> type) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            String query = (path.contains("?") ? "&" : "?") + "limit=" + PAGE_SIZE
                    + (cursor == null ? "" : "&cursor=" + encode(cursor));
            Page<T> page = get(credentials, path + query, type);
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }

    private <T> T get(Credentials credentials, String path, TypeReference<T> type) {
        return send(credentials, "GET", path, null, type);
    }

    private <T> T send(Credentials credentials, String method, String path, Object body, TypeReference<T> type) {
        return read(exchange(credentials, method, path, body, Map.of()), type);
    }

    private <T> T read(HttpResponse<String> response, TypeReference<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            LOG.warnf("Control plane response not readable: status=%d", response.statusCode());
            throw new ApiError(
                    502,
                    "the control plane's response is not valid JSON of the expected type; check that the console and control plane versions match",
                    List.of());
        }
    }

    /** Sends one request and returns the response when its status is below 400; fails with the API's error. */
    private HttpResponse<String> exchange(
            Credentials credentials, String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.controlPlaneUrl() + path))
                .timeout(config.requestTimeout())
                .header("Authorization", credentials.authorization())
                .header("Accept", "application/json");
        headers.forEach(request::setHeader);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw error(response);
            }
            return response;
        } catch (IOException e) {
            LOG.warnf(e, "Control plane call failed: method=%s path=%s", method, path);
            throw new ApiError(
                    503,
                    "the control plane at " + config.controlPlaneUrl() + " cannot be reached; try again shortly",
                    List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "the call to the control plane was interrupted", List.of());
        }
    }

    private ApiError error(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            return new ApiError(401, "the user name or password is not valid", List.of());
        }
        try {
            Problem problem = json.readValue(response.body(), Problem.class);
            String message = problem.detail() != null ? problem.detail() : problem.title();
            return new ApiError(response.statusCode(), message, problem.errors());
        } catch (JsonProcessingException e) {
            return new ApiError(
                    response.statusCode(),
                    "the control plane answered " + response.statusCode() + " without problem details",
                    List.of());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Settings of the console's calls to the control plane. */
    @io.smallrye.config.ConfigMapping(prefix = "securewatch.console")
    public interface ConsoleConfig {

        /** Base URL of the control plane's REST API, such as {@code http://127.0.0.1:8080}. */
        String controlPlaneUrl();

        @io.smallrye.config.WithDefault("2s")
        Duration connectTimeout();

        @io.smallrye.config.WithDefault("10s")
        Duration requestTimeout();

        /** Sign-in through OIDC instead of the password form. */
        Oidc oidc();

        /** Settings of OIDC sign-in; the provider itself is set with quarkus-oidc's {@code quarkus.oidc.*} keys. */
        interface Oidc {

            /** When true, every page needs an OIDC sign-in and API calls carry the user's access token. */
            @io.smallrye.config.WithDefault("false")
            boolean enabled();
        }
    }
}

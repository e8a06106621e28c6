package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.RenderedRouting;
import io.securewatch.api.v1.RenderedRouting.HaproxyBackend;
import io.securewatch.api.v1.RenderedRouting.HaproxyServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a service's rendered routing into bundle objects for the clusters of each region. They are not Kubernetes
 * objects: the agent recognises their API group and applies them elsewhere.
 *
 * <ul>
 *   <li>{@code ConsulConfigEntry} carries one config entry for the region's Consul datacenter. Its object name is
 *       the entry's kind and name joined by a dot, such as {@code service-resolver.securewatch-api}, which sorts
 *       {@code service-defaults} before the resolvers and the resolvers before the splitter that names them.
 *   <li>{@code EdgeBackend} carries the server weights and states of the service's backend on the region's HAProxy
 *       edge, named after the service.
 * </ul>
 *
 * <p>Every cluster of a region gets the same objects. Writing a config entry or a server weight twice leaves the
 * same result, so two agents of one region agree without coordinating.
 */
public final class RoutingManifests {

    public static final String API_VERSION = "routing.securewatch.io/v1";
    public static final String CONSUL_CONFIG_ENTRY = "ConsulConfigEntry";
    public static final String EDGE_BACKEND = "EdgeBackend";
    public static final String SERVICE_LABEL = "securewatch.io/service";

    private RoutingManifests() {}

    /** Renders the policy and returns the objects of each region's clusters, by region name. */
    public static Map<String, List<Manifest>> perRegion(RoutingInput input) {
        RenderedRouting rendered = RoutingRenderer.render(input);
        Map<String, List<Manifest>> objects = new TreeMap<>();
        for (RoutingInput.Region region : input.regions()) {
            List<Manifest> manifests = new ArrayList<>();
            for (Map<String, Object> entry : rendered.consul().getOrDefault(region.datacenter(), List.of())) {
                manifests.add(configEntry(input.service(), region.datacenter(), entry));
            }
            HaproxyBackend backend = rendered.haproxy().get(region.name());
            if (backend != null) {
                manifests.add(edgeBackend(input.service(), region.name(), backend));
            }
            objects.put(region.name(), List.copyOf(manifests));
        }
        return objects;
    }

    private static Manifest configEntry(String service, String datacenter, Map<String, Object> entry) {
        String name = entry.get("Kind") + "." + entry.get("Name");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("datacenter", datacenter);
        spec.put("entry", entry);
        Map<String, Object> body = DesiredStateCompiler.object(
                API_VERSION, CONSUL_CONFIG_ENTRY, DesiredStateCompiler.metadata(name, null, labels(service)));
        body.put("spec", spec);
        return Manifest.of(new ObjectRef(API_VERSION, CONSUL_CONFIG_ENTRY, "", name), body);
    }

    private static Manifest edgeBackend(String service, String region, HaproxyBackend backend) {
        List<Map<String, Object>> servers = new ArrayList<>();
        // In name order, as the agent reads the running servers, so that equal servers compare equal.
        List<HaproxyServer> byName = backend.servers().stream()
                .sorted(java.util.Comparator.comparing(HaproxyServer::name))
                .toList();
        for (HaproxyServer server : byName) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", server.name());
            entry.put("weight", server.weight());
            entry.put("state", server.state());
            entry.put("backup", server.backup());
            servers.add(entry);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("backend", backend.backend());
        // The edge's own region, so that a simulated cluster can tell the share of traffic its region receives.
        spec.put("region", region);
        spec.put("servers", servers);
        Map<String, Object> body = DesiredStateCompiler.object(
                API_VERSION, EDGE_BACKEND, DesiredStateCompiler.metadata(service, null, labels(service)));
        body.put("spec", spec);
        return Manifest.of(new ObjectRef(API_VERSION, EDGE_BACKEND, "", service), body);
    }

    private static Map<String, String> labels(String service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(DesiredStateCompiler.MANAGED_BY_LABEL, DesiredStateCompiler.MANAGED_BY_VALUE);
        labels.put(SERVICE_LABEL, service);
        return labels;
    }
}

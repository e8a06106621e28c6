package io.securewatch.agent.consul;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.agent.core.DesiredObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the Consul registrations of a cluster from the objects the control plane put there: one per platform
 * Service (a v1 Service labelled with its workload), named after the workload. Pure code.
 */
final class ServiceRegistrations {

    static final String WORKLOAD_LABEL = "securewatch.io/workload";
    static final String TENANT_LABEL = "securewatch.io/tenant";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceRegistrations() {}

    /**
     * One service instance to register.
     *
     * @param id unique in the region: {@code <cluster>/<namespace>/<service>}
     * @param name the workload's name, which is the service's name in the catalog
     * @param tenant the owning tenant's slug, or null for a platform service
     * @param address the Service's DNS name inside the cluster
     */
    record Registration(
            String id, String name, String namespace, String tenant, String cluster, String address, int port) {

        List<String> tags() {
            List<String> tags = new ArrayList<>();
            tags.add("cluster=" + cluster);
            tags.add("namespace=" + namespace);
            if (tenant != null) {
                tags.add("tenant=" + tenant);
            }
            return tags;
        }

        String checkId() {
            return "service:" + id;
        }
    }

    /** Returns the prefix of every registration id of the cluster, so that its own stale entries can be found. */
    static String idPrefix(String cluster) {
        return cluster + "/";
    }

    static List<Registration> desired(String cluster, List<DesiredObject> objects) {
        List<Registration> registrations = new ArrayList<>();
        for (DesiredObject object : objects) {
            if (!"v1".equals(object.key().apiVersion())
                    || !"Service".equals(object.key().kind())) {
                continue;
            }
            JsonNode manifest = parse(object.manifestJson());
            JsonNode labels = manifest.path("metadata").path("labels");
            String workload = labels.path(WORKLOAD_LABEL).asText(null);
            if (workload == null) {
                continue;
            }
            String namespace = object.key().namespace();
            String name = object.key().name();
            JsonNode ports = manifest.path("spec").path("ports");
            int port = ports.isArray() && !ports.isEmpty()
                    ? ports.get(0).path("port").asInt(0)
                    : 0;
            registrations.add(new Registration(
                    idPrefix(cluster) + namespace + "/" + name,
                    workload,
                    namespace,
                    labels.path(TENANT_LABEL).asText(null),
                    cluster,
                    name + "." + namespace + ".svc",
                    port));
        }
        return registrations;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("applied manifest is not valid JSON", e);
        }
    }
}

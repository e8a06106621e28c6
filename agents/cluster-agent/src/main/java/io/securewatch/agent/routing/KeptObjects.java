package io.securewatch.agent.routing;

import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds routing objects in memory for an agent that has no such target configured, such as a cluster whose region
 * has no HAProxy edge managed by SecureWatch. The bundle still applies, and the Ack reports the objects with an
 * empty address, so the control plane shows that they were kept but not applied.
 */
public final class KeptObjects implements ObjectTarget {

    private final String name;
    private final Map<ObjectKey, Map<String, Object>> objects = new ConcurrentHashMap<>();

    public KeptObjects(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return "";
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public void create(Map<String, Object> manifest) {
        objects.put(RoutingDriver.keyOf(manifest), new LinkedHashMap<>(manifest));
    }

    @Override
    public void update(Map<String, Object> manifest, String resourceVersion) {
        create(manifest);
    }

    @Override
    public void delete(ObjectKey key) {
        objects.remove(key);
    }

    @Override
    public List<ObjectKey> listManaged() {
        List<ObjectKey> managed = new ArrayList<>();
        objects.forEach((key, manifest) -> {
            if (RoutingDriver.isLabelled(manifest, Reconciler.MANAGED_BY_LABEL, Reconciler.MANAGED_BY_VALUE)) {
                managed.add(key);
            }
        });
        return managed;
    }
}

package io.securewatch.agent.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last bundle the agent applied completely, kept on disk so that a restarted agent can tell which objects it owns.
 *
 * @param revision 0 when nothing was applied yet
 */
public record AppliedState(long revision, String contentHash, List<DesiredObject> objects) {

    public static final AppliedState EMPTY = new AppliedState(0, "", List.of());

    /** Returns the objects by identity, in apply order. */
    public Map<ObjectKey, DesiredObject> byKey() {
        Map<ObjectKey, DesiredObject> byKey = new TreeMap<>();
        objects.forEach(object -> byKey.put(object.key(), object));
        return byKey;
    }

    /** Returns the state after a delta: this state's objects without the removed ones, with the changed ones. */
    public List<DesiredObject> withChanges(List<DesiredObject> changed, List<ObjectKey> removed) {
        Map<ObjectKey, DesiredObject> next = new LinkedHashMap<>(byKey());
        removed.forEach(next::remove);
        changed.forEach(object -> next.put(object.key(), object));
        return List.copyOf(new TreeMap<>(next).values());
    }
}

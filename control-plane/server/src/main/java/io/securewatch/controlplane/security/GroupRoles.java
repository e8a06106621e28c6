package io.securewatch.controlplane.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps identity-provider groups to SecureWatch roles, such as Keycloak group {@code /securewatch/operators} to
 * {@code operator}. Groups match by their name or by their full path, with or without the leading slash. Pure code.
 */
final class GroupRoles {

    private static final Set<String> ROLES =
            Set.of(Roles.PLATFORM_ADMIN, Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.VIEWER);

    private final Map<String, String> roleByGroup;

    private GroupRoles(Map<String, String> roleByGroup) {
        this.roleByGroup = roleByGroup;
    }

    /**
     * Reads entries of the form {@code group=role}.
     *
     * @throws IllegalArgumentException naming the entry when one has no {@code =}, no group or an unknown role
     */
    static GroupRoles parse(List<String> entries) {
        Map<String, String> roleByGroup = new LinkedHashMap<>();
        for (String entry : entries) {
            int separator = entry.lastIndexOf('=');
            String group = separator < 0 ? "" : normalize(entry.substring(0, separator));
            String role = separator < 0 ? "" : entry.substring(separator + 1).strip();
            if (group.isEmpty() || !ROLES.contains(role)) {
                throw new IllegalArgumentException("securewatch.security.oidc.group-roles entry '" + entry
                        + "' is invalid: write group=role, with role one of " + new TreeSet<>(ROLES));
            }
            roleByGroup.put(group, role);
        }
        return new GroupRoles(roleByGroup);
    }

    /** Returns the roles that the token's groups grant, sorted. */
    Set<String> rolesOf(Collection<String> groups) {
        Set<String> roles = new TreeSet<>();
        for (String group : groups) {
            String normalized = normalize(group);
            String role = roleByGroup.get(normalized);
            if (role == null) {
                // a group given by full path also matches an entry that names only its last segment
                role = roleByGroup.get(normalized.substring(normalized.lastIndexOf('/') + 1));
            }
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    boolean isEmpty() {
        return roleByGroup.isEmpty();
    }

    private static String normalize(String group) {
        String stripped = group.strip();
        return stripped.startsWith("/") ? stripped.substring(1) : stripped;
    }
}

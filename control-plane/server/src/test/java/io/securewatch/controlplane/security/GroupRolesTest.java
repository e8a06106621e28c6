package io.securewatch.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupRolesTest {

    private final GroupRoles roles =
            GroupRoles.parse(List.of("/securewatch/operators=operator", "platform-admins = platform-admin"));

    @Test
    void groupMatchesByPathWithOrWithoutSlash() {
        // when / then
        assertThat(roles.rolesOf(List.of("/securewatch/operators"))).containsExactly("operator");
        assertThat(roles.rolesOf(List.of("securewatch/operators"))).containsExactly("operator");
    }

    @Test
    void fullPathMatchesEntryNamingLastSegment() {
        // when / then
        assertThat(roles.rolesOf(List.of("/org/platform-admins", "/unrelated"))).containsExactly("platform-admin");
    }

    @Test
    void unknownGroupsGrantNothing() {
        // when / then
        assertThat(roles.rolesOf(List.of("/operators", "viewers"))).isEmpty();
    }

    @Test
    void entryWithUnknownRoleIsRejectedByName() {
        // when / then
        assertThatThrownBy(() -> GroupRoles.parse(List.of("ops=superuser")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ops=superuser' is invalid: write group=role, with role one of [operator,"
                        + " platform-admin, tenant-admin, viewer]");
        assertThatThrownBy(() -> GroupRoles.parse(List.of("operator"))).hasMessageContaining("'operator' is invalid");
    }
}

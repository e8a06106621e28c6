package io.securewatch.controlplane.tenantrows;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RowSecurityCheckTest {

    @Inject
    RowSecurityCheck check;

    @Test
    void testRoleIsSubjectToRowSecurity() {
        // when
        RowSecurityCheck.DatabaseRole role = check.currentRole().await().atMost(Duration.ofSeconds(30));

        // then
        assertThat(role.name()).isEqualTo("securewatch");
        assertThat(role.superuser()).isFalse();
        assertThat(role.bypassRls()).isFalse();
        assertThat(role.skipsRowSecurity()).isFalse();
    }

    @Test
    void superuserOrBypassSkipsRowSecurity() {
        assertThat(new RowSecurityCheck.DatabaseRole("postgres", true, false).skipsRowSecurity())
                .isTrue();
        assertThat(new RowSecurityCheck.DatabaseRole("migrator", false, true).skipsRowSecurity())
                .isTrue();
        assertThat(new RowSecurityCheck.DatabaseRole("app", false, false).skipsRowSecurity())
                .isFalse();
    }
}

package io.securewatch.controlplane.tenant.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepNamesTest {

    @Test
    void provisionPutsIdentityFirst() {
        // when
        List<String> steps = StepNames.of(TenantOperation.PROVISION, List.of("us-east-1", "eu-west-1"), true);

        // then
        assertThat(steps).containsExactly("identity", "environment:eu-west-1", "environment:us-east-1");
    }

    @Test
    void withoutIdentityOnlyEnvironments() {
        // when / then
        assertThat(StepNames.of(TenantOperation.DELETE, List.of("eu-west-1"), false))
                .containsExactly("environment:eu-west-1");
    }

    @Test
    void updateLeavesIdentityAlone() {
        // when / then
        assertThat(StepNames.of(TenantOperation.UPDATE, List.of("eu-west-1"), true))
                .containsExactly("environment:eu-west-1");
    }

    @Test
    void regionReadFromEnvironmentSteps() {
        // when / then
        assertThat(StepNames.region(StepNames.environment("eu-central-1"))).contains("eu-central-1");
        assertThat(StepNames.region(StepNames.IDENTITY)).isEmpty();
    }
}

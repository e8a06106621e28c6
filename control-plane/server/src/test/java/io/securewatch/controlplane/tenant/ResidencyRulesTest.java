package io.securewatch.controlplane.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Problem.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResidencyRulesTest {

    private static final Map<String, String> ZONES = Map.of("eu-west-1", "EU", "eu-central-1", "EU", "us-east-1", "US");

    @Test
    void regionsInsideZonesPass() {
        List<FieldError> errors = ResidencyRules.check(List.of("EU", "US"), List.of("eu-west-1", "us-east-1"), ZONES);

        assertThat(errors).isEmpty();
    }

    @Test
    void regionOutsideZonesNamesZoneAndFix() {
        List<FieldError> errors = ResidencyRules.check(List.of("EU"), List.of("eu-west-1", "us-east-1"), ZONES);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("regions[1]");
            assertThat(error.message()).contains("residency zone US").contains("add US to residencyZones");
        });
    }

    @Test
    void unknownRegionIsReported() {
        List<FieldError> errors = ResidencyRules.check(List.of("EU"), List.of("mars-1"), ZONES);

        assertThat(errors).extracting(FieldError::field).containsExactly("regions[0]");
        assertThat(errors.get(0).message()).contains("not found");
    }

    @Test
    void repeatedEntriesAreReportedAtTheirSecondPosition() {
        List<FieldError> errors = ResidencyRules.check(List.of("EU", "EU"), List.of("eu-west-1", "eu-west-1"), ZONES);

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("residencyZones[1]", "regions[1]");
    }
}

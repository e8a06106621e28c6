package io.securewatch.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestValidationTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void validRegionPassesOnCreate() {
        RegionRequest region =
                new RegionRequest("eu-west-1", "Europe (Ireland)", "EU", "eu_west_1", RegionStatus.ACTIVE);

        assertThat(validator.validate(region, ValidationGroups.Create.class)).isEmpty();
    }

    @Test
    void regionNameIsRequiredOnCreateOnly() {
        RegionRequest region = new RegionRequest(null, "Europe", "EU", null, null);

        assertThat(fields(validator.validate(region, ValidationGroups.Create.class)))
                .containsExactly("name");
        assertThat(validator.validate(region)).isEmpty();
    }

    @Test
    void dnsLabelRejectsUppercaseUnderscoreEdgesAndLength() {
        for (String name : List.of("EU-west", "eu_west", "-eu", "eu-", "a".repeat(64), "", "eu west", "eu\u0000")) {
            RegionRequest region = new RegionRequest(name, "x", "EU", null, null);

            assertThat(fields(validator.validate(region))).as(name).contains("name");
        }
    }

    @Test
    void displayNameRejectsControlAndFormatCharacters() {
        for (String displayName : List.of("line\nbreak", "nul\u0000", "rtl\u202Eoverride", "zero\u200Bwidth")) {
            RegionRequest region = new RegionRequest("eu-west-1", displayName, "EU", null, null);

            assertThat(fields(validator.validate(region))).as(displayName).containsExactly("displayName");
        }
    }

    @Test
    void displayNameAcceptsAccentsAndEmoji() {
        RegionRequest region = new RegionRequest("eu-west-1", "Zürich 🇨🇭", "EU", null, null);

        assertThat(validator.validate(region)).isEmpty();
    }

    @Test
    void clusterLabelsFollowKubernetesSyntax() {
        Map<String, String> labels = Map.of(
                "app.kubernetes.io/name", "api",
                "bad key", "x",
                "tier", "has space");
        ClusterRequest cluster = new ClusterRequest("c1", "eu-west-1", labels, new Capacity(1L, 1L), null);

        assertThat(fields(validator.validate(cluster))).containsExactlyInAnyOrder("labels", "labels");
    }

    @Test
    void tenantQuotaMustBePositiveAndBounded() {
        TenantRequest tenant = new TenantRequest(
                "acme",
                "ACME",
                TenantTier.SHARED,
                List.of("EU"),
                List.of("eu-west-1"),
                new Quota(0L, ResourceLimits.MAX_MEMORY_BYTES + 1, -1L));

        assertThat(fields(validator.validate(tenant)))
                .containsExactlyInAnyOrder("quota.cpuMillis", "quota.memoryBytes", "quota.pods");
    }

    private static List<String> fields(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(violation -> {
                    String path = violation.getPropertyPath().toString();
                    int container = path.indexOf('<');
                    int index = path.indexOf('[');
                    int cut = container < 0 ? index : (index < 0 ? container : Math.min(container, index));
                    return cut < 0 ? path : path.substring(0, cut);
                })
                .collect(Collectors.toList());
    }
}

package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.api.v1.TenantTier;
import io.securewatch.console.ui.TenantDraft.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantDraftTest {

    private static final List<Region> REGIONS = List.of(
            OverviewTest.region("eu-west-1", "EU"),
            OverviewTest.region("eu-central-1", "EU"),
            OverviewTest.region("us-east-1", "US"));

    @Test
    void nameStepRejectsInvalidSlug() {
        // given
        TenantDraft draft = new TenantDraft();
        draft.slug = "Acme_Corp";

        // when
        List<FieldError> errors = draft.check(Step.NAME, REGIONS);

        // then
        assertThat(errors).extracting(FieldError::field).containsExactly("slug", "displayName");
        assertThat(errors.get(0).message()).startsWith("must be a DNS label");
    }

    @Test
    void placementStepRejectsRegionOutsideChosenZones() {
        // given
        TenantDraft draft = new TenantDraft();
        draft.residencyZones = Set.of("EU");
        draft.regions = Set.of("eu-west-1", "us-east-1");

        // when
        List<FieldError> errors = draft.check(Step.PLACEMENT, REGIONS);

        // then
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("regions");
            assertThat(error.message()).contains("[us-east-1] lie outside the residency zones [EU]");
        });
    }

    @Test
    void capacityStepNeedsEveryQuota() {
        // given
        TenantDraft draft = new TenantDraft();
        draft.cpuCores = 0.0001;
        draft.memoryGib = 0;

        // when
        List<FieldError> errors = draft.check(Step.CAPACITY, REGIONS);

        // then
        assertThat(errors)
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "quota.cpuMillis", "must be at least 0.001 cores (one millicore)"),
                        org.assertj.core.groups.Tuple.tuple("quota.memoryBytes", "must be greater than 0"),
                        org.assertj.core.groups.Tuple.tuple("quota.pods", "is required"));
    }

    @Test
    void completeDraftBecomesRequestInApiUnits() {
        // given
        TenantDraft draft = complete();

        // when
        TenantRequest request = draft.request();

        // then
        assertThat(draft.checkAll(REGIONS)).isEmpty();
        assertThat(request.slug()).isEqualTo("umbrella");
        assertThat(request.regions()).containsExactly("eu-central-1", "eu-west-1");
        assertThat(request.quota().cpuMillis()).isEqualTo(2500);
        assertThat(request.quota().memoryBytes()).isEqualTo(8L << 30);
        assertThat(request.quota().pods()).isEqualTo(50);
        assertThat(draft.quotaSummary()).isEqualTo("2.5 cores, 8 GiB, 50 pods");
    }

    @Test
    void adminEmailOptionalButValid() {
        // given
        TenantDraft draft = complete();

        // when / then
        assertThat(draft.request().adminEmail()).isNull();
        draft.adminEmail = "not an address";
        assertThat(draft.check(Step.NAME, REGIONS))
                .extracting(FieldError::field)
                .containsExactly("adminEmail");
        draft.adminEmail = " owner@umbrella.example ";
        assertThat(draft.check(Step.NAME, REGIONS)).isEmpty();
        assertThat(draft.request().adminEmail()).isEqualTo("owner@umbrella.example");
        assertThat(Step.of("adminEmail")).isEqualTo(Step.NAME);
    }

    @Test
    void apiFieldMapsToItsStep() {
        // when / then
        assertThat(Step.of("slug")).isEqualTo(Step.NAME);
        assertThat(Step.of("regions[1]")).isEqualTo(Step.PLACEMENT);
        assertThat(Step.of("quota.pods")).isEqualTo(Step.CAPACITY);
        assertThat(Step.of("somethingElse")).isEqualTo(Step.REVIEW);
    }

    static TenantDraft complete() {
        TenantDraft draft = new TenantDraft();
        draft.slug = "umbrella";
        draft.displayName = "Umbrella Corporation";
        draft.residencyZones = Set.of("EU");
        draft.regions = Set.of("eu-west-1", "eu-central-1");
        draft.tier = TenantTier.DEDICATED;
        draft.cpuCores = 2.5;
        draft.memoryGib = 8;
        draft.pods = 50;
        return draft;
    }
}

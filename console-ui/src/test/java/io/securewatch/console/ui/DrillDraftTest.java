package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Drill;
import io.securewatch.api.v1.DrillRequest;
import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.api.v1.DrillRequest.Mode;
import io.securewatch.api.v1.DrillRequest.Scope;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.Problem.FieldError;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillDraftTest {

    @Test
    void validDraftHasNoErrors() {
        // given
        DrillDraft draft = valid();

        // when / then
        assertThat(draft.check()).isEmpty();
    }

    @Test
    void guardrailsOutsideRangeAreRejected() {
        // given
        DrillDraft draft = valid();
        draft.minSurvivorHeadroomPercent = -1;
        draft.maxErrorRatePercent = 101;
        draft.ackTimeoutSeconds = 0;
        draft.maxDurationSeconds = 59;

        // when
        List<FieldError> errors = draft.check();

        // then
        assertThat(errors)
                .contains(new FieldError("guardrails.minSurvivorHeadroomPercent", "must be from 0 to 100"))
                .contains(new FieldError("guardrails.maxErrorRatePercent", "must be from 0 to 100"))
                .contains(new FieldError("guardrails.ackTimeoutSeconds", "must be from 1 to 3600"))
                .contains(new FieldError("guardrails.maxDurationSeconds", "must be from 60 to 86400"));
    }

    @Test
    void observationMustEndBeforeDefaultDuration() {
        // given: no maximum duration, so the API's default of 1800 s applies
        DrillDraft draft = valid();
        draft.observationSeconds = 1800;

        // when
        List<FieldError> errors = draft.check();

        // then
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("guardrails.observationSeconds");
            assertThat(error.message()).startsWith("must be less than the maximum duration (1800 s)");
        });
    }

    @Test
    void scopeListsRejectRepeatsAndBadNames() {
        // given
        DrillDraft draft = valid();
        draft.services = "checkout, payments, checkout";
        draft.tenants = "acme, Umbrella";

        // when
        List<FieldError> errors = draft.check();

        // then
        assertThat(errors)
                .contains(new FieldError("scope.services", "service 'checkout' is listed twice"))
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo("scope.tenants");
                    assertThat(error.message()).startsWith("tenant 'Umbrella' must be a DNS label of at most 56");
                });
    }

    @Test
    void scopeListOverLimitIsRejected() {
        // given
        DrillDraft draft = valid();
        draft.tenants = String.join(",", Collections.nCopies(DrillRequest.MAX_SCOPE_ENTRIES + 1, "acme"));

        // when / then
        assertThat(draft.check()).containsExactly(new FieldError("scope.tenants", "must list at most 100 tenants"));
    }

    @Test
    void scheduleNeedsSixOrSevenFields() {
        // given
        DrillDraft draft = valid();
        draft.schedule = "0 3 * * MON";

        // when
        List<FieldError> errors = draft.check();

        // then
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("schedule");
            assertThat(error.message()).endsWith("this one has 5");
        });
        draft.schedule = "0 0 3 ? * MON 2027";
        assertThat(draft.check()).isEmpty();
    }

    @Test
    void drillBecomesSameRequest() {
        // given
        Instant at = Instant.parse("2026-12-05T10:00:00Z");
        Drill drill = new Drill(
                "fail-over-checkout",
                Type.SERVICE_FAILOVER,
                "checkout",
                new Scope(List.of("checkout"), List.of("acme")),
                new Guardrails(30, 2, 45, 900, 200),
                Mode.LIVE,
                "0 0 3 ? * MON",
                "admin",
                7,
                at,
                at);

        // when
        DrillRequest request = DrillDraft.of(drill).request();

        // then
        assertThat(request)
                .isEqualTo(new DrillRequest(
                        "fail-over-checkout",
                        Type.SERVICE_FAILOVER,
                        "checkout",
                        new Scope(List.of("checkout"), List.of("acme")),
                        new Guardrails(30, 2, 45, 900, 200),
                        Mode.LIVE,
                        "0 0 3 ? * MON"));
    }

    private static DrillDraft valid() {
        DrillDraft draft = new DrillDraft();
        draft.name = "evacuate-eu-west-1";
        draft.type = Type.REGION_EVACUATION;
        draft.target = "eu-west-1";
        return draft;
    }
}

package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.securewatch.api.v1.AuditEvent;
import io.securewatch.api.v1.Problem;
import io.securewatch.console.api.ApiError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditViewTest extends ViewTestSupport {

    @Test
    void showsEventsWithShortDigests() {
        // given
        controlPlane.auditEvents.add(new AuditEvent(
                1,
                Instant.parse("2026-12-05T10:00:00Z"),
                "admin",
                "update",
                "region",
                "eu-west-1",
                null,
                "r-1",
                "127.0.0.1",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                Map.of(),
                Map.of()));

        // when
        AuditView view = open();

        // then
        assertThat(GridKt._size(view.events)).isEqualTo(1);
        assertThat(AuditView.digest("aaaaaaaaaaaaaaaaaaaa")).isEqualTo("aaaaaaaaaaaa");
        assertThat(AuditView.digest(null)).isEmpty();
    }

    @Test
    void rejectedFilterShowsAtItsField() {
        // given
        AuditView view = open();
        controlPlane.failure = new ApiError(
                400,
                "the request is not valid",
                List.of(new Problem.FieldError("action", "must be one of create, update, delete")));
        view.filters.get("action").setValue("edit");

        // when
        view.load();

        // then
        assertThat(view.filters.get("action").isInvalid()).isTrue();
        assertThat(view.filters.get("action").getErrorMessage()).isEqualTo("must be one of create, update, delete");
        assertThat(view.message.getText()).isEmpty();
    }

    @Test
    void otherErrorShowsAboveGrid() {
        // given
        AuditView view = open();
        controlPlane.failure = new ApiError(503, "the control plane cannot be reached; try again shortly", List.of());

        // when
        view.load();

        // then
        assertThat(view.message.getText()).isEqualTo("the control plane cannot be reached; try again shortly");
    }

    private AuditView open() {
        AuditView view = new AuditView(controlPlane);
        UI.getCurrent().add(view);
        return view;
    }
}

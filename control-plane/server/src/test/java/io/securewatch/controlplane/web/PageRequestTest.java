package io.securewatch.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsApplyWhenParametersAreAbsent() {
        PageRequest page = PageRequest.parse(null, null);

        assertThat(page.after()).isEmpty();
        assertThat(page.limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
    }

    @Test
    void cursorRoundTripsItsSortKey() {
        String cursor = PageRequest.cursorAfter("eu-west-1");

        assertThat(PageRequest.parse(cursor, "10").after()).contains("eu-west-1");
    }

    @Test
    void limitOutsideRangeIsRejected() {
        for (String limit : new String[] {"0", "-1", "501", "abc", "99999999999"}) {
            assertThatThrownBy(() -> PageRequest.parse(null, limit))
                    .as("limit %s", limit)
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            error -> assertThat(error.fieldErrors().get(0).field())
                                    .isEqualTo("limit"));
        }
    }

    @Test
    void foreignCursorIsRejected() {
        String foreign = Base64.getUrlEncoder().encodeToString("v2:whatever".getBytes());

        for (String cursor : new String[] {"%%%", foreign, "x".repeat(2000)}) {
            assertThatThrownBy(() -> PageRequest.parse(cursor, null))
                    .as("cursor %s", cursor)
                    .isInstanceOf(ApiException.class);
        }
    }
}

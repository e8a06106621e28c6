package io.securewatch.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securewatch.api.v1.Problem.FieldError;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void strongTagMatchesItsVersionOnly() {
        EntityTags.IfMatch ifMatch = EntityTags.requireIfMatch("\"4\"");

        assertThat(ifMatch.matches(4)).isTrue();
        assertThat(ifMatch.matches(5)).isFalse();
    }

    @Test
    void listMatchesAnyOfItsTags() {
        EntityTags.IfMatch ifMatch = EntityTags.requireIfMatch("\"1\", \"7\"");

        assertThat(ifMatch.matches(7)).isTrue();
        assertThat(ifMatch.matches(2)).isFalse();
    }

    @Test
    void weakTagNeverMatches() {
        assertThat(EntityTags.requireIfMatch("W/\"4\"").matches(4)).isFalse();
    }

    @Test
    void asteriskMatchesEveryVersion() {
        assertThat(EntityTags.requireIfMatch("*").matches(12)).isTrue();
    }

    @Test
    void missingHeaderIsPreconditionRequired() {
        assertThatThrownBy(() -> EntityTags.requireIfMatch(null))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED));
    }

    @Test
    void missingOptionalHeaderMatchesEveryVersion() {
        assertThat(EntityTags.optionalIfMatch(null).matches(3)).isTrue();
    }

    @Test
    void unquotedTagIsInvalid() {
        assertThatThrownBy(() -> EntityTags.requireIfMatch("4")).isInstanceOfSatisfying(ApiException.class, error -> {
            assertThat(error.type()).isEqualTo(ProblemType.INVALID_REQUEST);
            assertThat(error.fieldErrors().get(0).field()).isEqualTo("If-Match");
        });
    }

    @Test
    void staleCheckIsPreconditionFailedWithCurrentTag() {
        assertThatThrownBy(() -> EntityTags.requireIfMatch("\"1\"").check(2, "region 'x'"))
                .isInstanceOfSatisfying(ApiException.class, error -> {
                    assertThat(error.type()).isEqualTo(ProblemType.PRECONDITION_FAILED);
                    assertThat(error.getMessage()).contains("\"2\"");
                });
    }

    @Test
    void weakCurrentTagIsRejectedAsWeak() {
        // given
        EntityTags.IfMatch ifMatch = EntityTags.requireIfMatch("W/\"2\"");

        // when / then
        assertThatThrownBy(() -> ifMatch.check(2, "region 'x'")).isInstanceOfSatisfying(ApiException.class, error -> {
            assertThat(error.type()).isEqualTo(ProblemType.PRECONDITION_FAILED);
            assertThat(error.getMessage())
                    .isEqualTo("If-Match: weak ETags are not accepted for writes, so region 'x' was not changed; send"
                            + " the strong ETag from your last GET of it, such as \"3\" rather than W/\"3\"");
        });
    }

    @Test
    void weakOptionalTagIsRejectedAsWeak() {
        assertThatThrownBy(() -> EntityTags.optionalIfMatch("W/\"2\", W/\"3\"").check(2, "drill 'x'"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.getMessage()).contains("weak ETags are not accepted for writes"));
    }

    @Test
    void weakBesideStaleTagIsStale() {
        assertThatThrownBy(() -> EntityTags.requireIfMatch("W/\"2\", \"1\"").check(2, "region 'x'"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.getMessage()).startsWith("region 'x' has changed since you read it"));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertThat(EntityTags.noneMatchHits("W/\"abc\"", "abc")).isTrue();
        assertThat(EntityTags.noneMatchHits("\"x\", \"abc\"", "abc")).isTrue();
        assertThat(EntityTags.noneMatchHits("\"x\"", "abc")).isFalse();
    }

    @Test
    void ifNoneMatchAsteriskMatchesExistingState() {
        assertThat(EntityTags.noneMatchHits("*", "abc")).isTrue();
        assertThat(EntityTags.noneMatchHits("*", null)).isFalse();
    }

    @Test
    void malformedIfNoneMatchNamesTheHeader() {
        assertThatThrownBy(() -> EntityTags.noneMatchHits("abc", "abc"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        error -> assertThat(error.fieldErrors())
                                .extracting(FieldError::field)
                                .containsExactly("If-None-Match"));
    }
}

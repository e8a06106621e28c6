package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "10s, 10000",
        "5m, 300000",
        "1m30s, 90000",
        "1.5h, 5400000",
        "500ms, 500",
        "0, 0",
        "-2s, -2000",
        "2h45m, 9900000"
    })
    void parsesGoDurations(String text, long expectedMillis) {
        assertThat(GoDuration.parse(text)).contains(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1x", "1.2.3s", "-", "ten seconds"})
    void rejectsTextThatIsNotADuration(String text) {
        assertThat(GoDuration.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "1500, 1.5s", "90000, 1m30s", "7200000, 2h0m0s", "250, 250ms", "10000, 10s"})
    void formatsAsGoDoes(long millis, String expected) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}

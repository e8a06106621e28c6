package io.securewatch.controlplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PartitionCheckTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void followerNeverChecks() {
        // given a replica that does not lead, with a check due and the interval passed
        boolean due = true;
        Duration sinceCheck = Duration.ofHours(5);

        // when, then
        assertThat(AuditPartitionMaintenance.checkNow(false, due, sinceCheck, HOUR))
                .isFalse();
    }

    @Test
    void newLeaderChecksAtOnce() {
        // given a replica that has just become leader, a minute after its last check as an earlier leader
        Duration sinceCheck = Duration.ofMinutes(1);

        // when, then
        assertThat(AuditPartitionMaintenance.checkNow(true, true, sinceCheck, HOUR))
                .isTrue();
    }

    @Test
    void leaderWaitsForTheInterval() {
        // given a leader that checked a minute ago, with no check due
        // when, then
        assertThat(AuditPartitionMaintenance.checkNow(true, false, Duration.ofMinutes(1), HOUR))
                .isFalse();
        assertThat(AuditPartitionMaintenance.checkNow(true, false, HOUR, HOUR)).isTrue();
    }
}

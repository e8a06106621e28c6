package io.securewatch.controlplane.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.securewatch.api.v1.DrillRequest.Guardrails;
import io.securewatch.controlplane.drill.DrillProgress.ClusterView;
import io.securewatch.controlplane.drill.DrillProgress.Observation;
import io.securewatch.controlplane.drill.DrillProgress.Outcome;
import io.securewatch.controlplane.drill.DrillProgress.StepView;
import io.securewatch.controlplane.drill.DrillProgress.WorkloadView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrillProgressTest {

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    private static final Guardrails GUARDRAILS = new Guardrails(20, 5, 60, 1800, 30);
    private static final DrillPlan PLAN = new DrillPlan(
            "evacuate-eu-west-1/1",
            "eu-west-1",
            null,
            List.of(new DrillPlan.PlannedWorkload(7, "checkout", "shop", List.of("eu-central-1", "eu-west-1"))),
            Map.of("eu-west-1-a", "eu-west-1", "eu-central-1-a", "eu-central-1"),
            GUARDRAILS);

    @Test
    void ackNeedsAppliedRevision() {
        // given: eu-west-1-a applied revision 12 at 10:00:02; eu-central-1-a is still at 8 of 9
        StepView step = new StepView(
                DrillProgress.SHIFT_ROUTING, START, Map.of("eu-west-1-a", 12L, "eu-central-1-a", 9L), Map.of());
        Observation observation = observation(
                START.plusSeconds(3),
                cluster("eu-west-1-a", "eu-west-1", 12, START.plusSeconds(2), 4, 0),
                cluster("eu-central-1-a", "eu-central-1", 8, START, 4, 0));

        // when
        Map<String, Long> acks = DrillProgress.acks(step, observation);
        Outcome outcome = DrillProgress.evaluate(PLAN, step, acks, observation, Map.of());

        // then
        assertThat(acks)
                .containsExactly(Map.entry("eu-west-1-a", START.plusSeconds(2).toEpochMilli()));
        assertThat(outcome)
                .isEqualTo(new Outcome(
                        false, "1 of 2 agents acknowledged their new revision; waiting for eu-central-1-a"));
    }

    @Test
    void unchangedStepIsDoneAtOnce() {
        // given
        StepView step = new StepView(DrillProgress.PRE_SCALE, START, Map.of(), Map.of());

        // when
        Outcome outcome = DrillProgress.evaluate(PLAN, step, Map.of(), observation(START), Map.of());

        // then
        assertThat(outcome).isEqualTo(new Outcome(true, "no cluster's desired state changed"));
    }

    @Test
    void waitReadyNeedsPreScaledReplicas() {
        // given: eu-central-1 must keep 6 ready, and has 4
        StepView step = new StepView(DrillProgress.WAIT_READY, START, Map.of(), Map.of());
        Map<String, Map<String, Integer>> floors = Map.of("checkout", Map.of("eu-central-1", 6));
        Observation short4 = observation(START, cluster("eu-central-1-a", "eu-central-1", 1, START, 4, 0));
        Observation ready6 = observation(START, cluster("eu-central-1-a", "eu-central-1", 1, START, 6, 0));

        // when
        Outcome waiting = DrillProgress.evaluate(PLAN, step, Map.of(), short4, floors);
        Outcome done = DrillProgress.evaluate(PLAN, step, Map.of(), ready6, floors);

        // then
        assertThat(waiting)
                .isEqualTo(new Outcome(
                        false, "waiting for ready replicas: checkout in eu-central-1 has 4 of 6 replicas ready"));
        assertThat(done.done()).isTrue();
    }

    @Test
    void verifyNeedsReadySurvivors() {
        // given: the survivor reports no ready replica, the evacuated region does not matter
        StepView step = new StepView(DrillProgress.VERIFY, START, Map.of(), Map.of());
        Observation observation = observation(
                START,
                cluster("eu-west-1-a", "eu-west-1", 1, START, 0, 0),
                cluster("eu-central-1-a", "eu-central-1", 1, START, 0, 0));

        // when
        Outcome outcome = DrillProgress.evaluate(PLAN, step, Map.of(), observation, Map.of());

        // then
        assertThat(outcome)
                .isEqualTo(new Outcome(
                        false, "waiting for healthy survivors: checkout has no ready replica in eu-central-1"));
    }

    @Test
    void observeHoldsForPeriod() {
        // given: 30 s of observation
        StepView step = new StepView(DrillProgress.OBSERVE, START, Map.of(), Map.of());

        // when
        Outcome early = DrillProgress.evaluate(PLAN, step, Map.of(), observation(START.plusSeconds(10)), Map.of());
        Outcome late = DrillProgress.evaluate(PLAN, step, Map.of(), observation(START.plusSeconds(30)), Map.of());

        // then
        assertThat(early).isEqualTo(new Outcome(false, "holding the evacuation: 20 of 30 s left"));
        assertThat(late.done()).isTrue();
    }

    @Test
    void survivorErrorRateBreachesGuardrail() {
        // given: 12 % errors in the evacuated region, then 7.5 % in the survivor
        StepView step = new StepView(DrillProgress.OBSERVE, START, Map.of(), Map.of());
        Outcome holding = new Outcome(false, "holding");
        Observation targetFails = observation(
                START,
                cluster("eu-west-1-a", "eu-west-1", 1, START, 4, 12),
                cluster("eu-central-1-a", "eu-central-1", 1, START, 4, 0));
        Observation survivorFails = observation(
                START,
                cluster("eu-west-1-a", "eu-west-1", 1, START, 4, 0),
                cluster("eu-central-1-a", "eu-central-1", 1, START, 4, 7.5));

        // when
        Optional<String> ignored = DrillProgress.breach(PLAN, START, step, holding, targetFails, true);
        Optional<String> breach = DrillProgress.breach(PLAN, START, step, holding, survivorFails, true);

        // then
        assertThat(ignored).isEmpty();
        assertThat(breach).contains("error rate of checkout in eu-central-1-a is 7.5 %, above the guardrail of 5 %");
    }

    @Test
    void disconnectedSurvivorBreachesAfterGrace() {
        // given
        StepView step = new StepView(DrillProgress.OBSERVE, START, Map.of(), Map.of());
        Observation observation = observation(
                START,
                cluster("eu-west-1-a", "eu-west-1", 1, START, 4, 0),
                new ClusterView("eu-central-1-a", "eu-central-1", false, 1, START, START, Map.of()));

        // when
        Optional<String> breach = DrillProgress.breach(PLAN, START, step, new Outcome(false, "x"), observation, true);
        Optional<String> reconnecting =
                DrillProgress.breach(PLAN, START, step, new Outcome(false, "x"), observation, false);

        // then
        assertThat(breach).contains("the agents of survivor clusters eu-central-1-a are disconnected");
        assertThat(reconnecting).isEmpty();
    }

    @Test
    void ackTimeoutBreachesGuardrail() {
        // given: 61 s without the second Ack, against a 60 s timeout
        StepView step = new StepView(DrillProgress.SHIFT_ROUTING, START, Map.of("eu-central-1-a", 9L), Map.of());
        Observation observation = observation(
                START.plusSeconds(61),
                cluster("eu-west-1-a", "eu-west-1", 1, START, 4, 0),
                cluster("eu-central-1-a", "eu-central-1", 8, START, 4, 0));
        Outcome outcome = DrillProgress.evaluate(PLAN, step, Map.of(), observation, Map.of());

        // when
        Optional<String> breach = DrillProgress.breach(PLAN, START, step, outcome, observation, true);

        // then
        assertThat(breach)
                .contains("step shift-routing did not finish within the Ack timeout of 60 s: 0 of 1 agents"
                        + " acknowledged their new revision; waiting for eu-central-1-a");
    }

    @Test
    void maximumDurationBreachesGuardrail() {
        // given
        StepView step = new StepView(DrillProgress.OBSERVE, START.plusSeconds(1790), Map.of(), Map.of());
        Observation observation = observation(
                START.plusSeconds(1801),
                cluster("eu-west-1-a", "eu-west-1", 1, START, 4, 0),
                cluster("eu-central-1-a", "eu-central-1", 1, START, 4, 0));

        // when
        Optional<String> breach = DrillProgress.breach(PLAN, START, step, new Outcome(false, "x"), observation, true);

        // then
        assertThat(breach).contains("the run took longer than its maximum duration of 1800 s");
    }

    @Test
    void trafficShareSumsRequestsPerRegion() {
        // given: 300 and 100 requests per second
        Observation observation = observation(
                START,
                cluster("eu-west-1-a", "eu-west-1", 1, START, 4, 0, 300),
                cluster("eu-central-1-a", "eu-central-1", 1, START, 4, 0, 100));

        // when
        Map<String, Double> share = DrillProgress.trafficShare(PLAN, observation);

        // then
        assertThat(share).containsExactly(Map.entry("eu-central-1", 25.0), Map.entry("eu-west-1", 75.0));
    }

    @Test
    void stepsEndWithRestoreScaling() {
        // when / then
        assertThat(DrillProgress.next(DrillProgress.PRE_SCALE)).contains(DrillProgress.WAIT_READY);
        assertThat(DrillProgress.next(DrillProgress.OBSERVE)).contains(DrillProgress.FAIL_BACK);
        assertThat(DrillProgress.next(DrillProgress.RESTORE_SCALING)).isEmpty();
        assertThatThrownBy(() -> DrillProgress.next(DrillProgress.ABORT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recoveryEndsAtLastAck() {
        // given: the shift started at 0 s, the last Ack came at 1.4 s, and verification passed at once at 1.5 s
        DrillStepEntity shift = step(DrillProgress.SHIFT_ROUTING, START, START.plusMillis(1500));
        shift.acks = Map.of(
                "eu-west-1-a", START.plusMillis(900).toEpochMilli(),
                "eu-central-1-a", START.plusMillis(1400).toEpochMilli());
        DrillStepEntity verifyAtOnce = step(DrillProgress.VERIFY, START.plusMillis(1500), START.plusMillis(1500));
        DrillStepEntity verifyLater = step(DrillProgress.VERIFY, START.plusMillis(1500), START.plusMillis(4000));

        // when
        Long atOnce = DrillMeasurements.recoveryTime(List.of(shift, verifyAtOnce));
        Long later = DrillMeasurements.recoveryTime(List.of(shift, verifyLater));

        // then
        assertThat(atOnce).isEqualTo(1400);
        assertThat(later).isEqualTo(4000);
    }

    @Test
    void heartbeatsSinceIgnoresDisconnectedAgents() {
        // given: one agent sent its heartbeat before the restore at 10:00:05, the other after it
        Instant restored = START.plusSeconds(5);
        Observation early = observation(
                START.plusSeconds(6),
                cluster("eu-west-1-a", "eu-west-1", 1, START.plusSeconds(4), 4, 0),
                cluster("eu-central-1-a", "eu-central-1", 1, START.plusSeconds(6), 4, 0));
        Observation disconnected = observation(
                START.plusSeconds(6),
                new ClusterView("eu-west-1-a", "eu-west-1", false, 1, START, START.plusSeconds(4), Map.of()),
                cluster("eu-central-1-a", "eu-central-1", 1, START.plusSeconds(6), 4, 0));

        // when / then
        assertThat(DrillProgress.heartbeatsSince(PLAN, early, restored)).isFalse();
        assertThat(DrillProgress.heartbeatsSince(PLAN, disconnected, restored)).isTrue();
    }

    private static DrillStepEntity step(String name, Instant startedAt, Instant finishedAt) {
        DrillStepEntity step = new DrillStepEntity();
        step.name = name;
        step.status = DrillStepEntity.DONE;
        step.startedAt = startedAt;
        step.finishedAt = finishedAt;
        return step;
    }

    private static Observation observation(Instant now, ClusterView... clusters) {
        Map<String, ClusterView> views = new LinkedHashMap<>();
        for (ClusterView view : clusters) {
            views.put(view.cluster(), view);
        }
        return new Observation(now, views);
    }

    private static ClusterView cluster(
            String name, String region, long applied, Instant appliedAt, int ready, double errorRate) {
        return cluster(name, region, applied, appliedAt, ready, errorRate, 100);
    }

    private static ClusterView cluster(
            String name,
            String region,
            long applied,
            Instant appliedAt,
            int ready,
            double errorRate,
            double requestsPerSecond) {
        return new ClusterView(
                name,
                region,
                true,
                applied,
                appliedAt,
                appliedAt,
                Map.of("shop/checkout", new WorkloadView(ready, ready, requestsPerSecond, errorRate)));
    }
}

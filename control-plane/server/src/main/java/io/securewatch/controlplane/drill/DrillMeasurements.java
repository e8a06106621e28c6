package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes a live run's measurements from its recorded steps and Acks. Pure code. */
final class DrillMeasurements {

    private DrillMeasurements() {}

    /**
     * Returns the run's measurements: recovery time, fail-back time and duration, with the traffic shares sampled
     * so far.
     *
     * @param now the end of the duration while the run is active
     */
    static DrillRun.Measurements of(DrillRunEntity run, List<DrillStepEntity> steps, Instant now) {
        Map<String, Map<String, Double>> shares = run.measurements == null ? null : run.measurements.trafficShare();
        Instant end = run.finishedAt == null ? now : run.finishedAt;
        return new DrillRun.Measurements(
                recoveryTime(steps), failBackTime(steps), DrillProgress.millisBetween(run.startedAt, end), shares);
    }

    /**
     * From the start of the routing shift until every affected agent acknowledged it and the survivors were
     * healthy. When the verification passed at once, the survivors were healthy at the last Ack, so the last Ack is
     * the end. Otherwise the end is when the verification passed.
     */
    static Long recoveryTime(List<DrillStepEntity> steps) {
        Optional<DrillStepEntity> shift = done(steps, DrillProgress.SHIFT_ROUTING);
        Optional<DrillStepEntity> verify = done(steps, DrillProgress.VERIFY);
        if (shift.isEmpty() || verify.isEmpty()) {
            return null;
        }
        Instant end =
                verify.get().startedAt.equals(verify.get().finishedAt) ? lastAck(shift.get()) : verify.get().finishedAt;
        return DrillProgress.millisBetween(shift.get().startedAt, end);
    }

    /** From the start of the fail-back until every affected agent acknowledged it. */
    static Long failBackTime(List<DrillStepEntity> steps) {
        return done(steps, DrillProgress.FAIL_BACK)
                .map(step -> DrillProgress.millisBetween(step.startedAt, lastAck(step)))
                .orElse(null);
    }

    /** Returns the last Ack of a step that changed desired state, or its end when it changed no cluster. */
    static Instant lastAck(DrillStepEntity step) {
        return step.acks.values().stream()
                .max(Long::compare)
                .map(Instant::ofEpochMilli)
                .orElse(step.finishedAt);
    }

    private static Optional<DrillStepEntity> done(List<DrillStepEntity> steps, String name) {
        return steps.stream()
                .filter(step -> step.name.equals(name) && DrillStepEntity.DONE.equals(step.status))
                .findFirst();
    }
}

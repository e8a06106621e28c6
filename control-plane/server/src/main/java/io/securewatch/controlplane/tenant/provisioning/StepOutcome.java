package io.securewatch.controlplane.tenant.provisioning;

/**
 * The result of one attempt of a step.
 *
 * @param state {@link StepState#DONE}, {@link StepState#WAITING} or {@link StepState#FAILING}
 * @param message what the step did or waits for
 * @param error why the attempt failed, only when failing
 */
public record StepOutcome(StepState state, String message, String error) {

    public static StepOutcome done(String message) {
        return new StepOutcome(StepState.DONE, message, null);
    }

    public static StepOutcome waiting(String message) {
        return new StepOutcome(StepState.WAITING, message, null);
    }

    public static StepOutcome failing(String message, String error) {
        return new StepOutcome(StepState.FAILING, message, error);
    }
}

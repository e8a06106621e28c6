package io.securewatch.console.api;

import io.securewatch.api.v1.Problem;
import java.util.List;

/**
 * An error the control plane returned for a call, with its problem details, so that the console can show the API's
 * own words next to the field they concern.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> fieldErrors;

    public ApiError(int status, String message, List<Problem.FieldError> fieldErrors) {
        super(message);
        this.status = status;
        this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    /** Returns the problem's field errors; empty when the problem concerns no field. */
    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }
}

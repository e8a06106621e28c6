package io.securewatch.controlplane.web;

import io.securewatch.api.v1.Problem.FieldError;
import java.util.Comparator;
import java.util.List;

/**
 * An error that reaches the client as a problem response. The detail must be safe to show: it names objects and
 * fields, never internals such as SQL or class names.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> fieldErrors;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.type = type;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static ApiException notFound(String kind, String name) {
        return new ApiException(ProblemType.NOT_FOUND, kind + " '" + name + "' not found");
    }

    public static ApiException alreadyExists(String kind, String name) {
        return new ApiException(
                ProblemType.ALREADY_EXISTS, kind + " '" + name + "' already exists; choose another name");
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** Reports invalid fields, listed in field order so that responses are stable. */
    public static ApiException invalid(List<FieldError> unsorted) {
        List<FieldError> errors = unsorted.stream()
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ApiException(ProblemType.INVALID_REQUEST, detail, errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}

package io.securewatch.controlplane.web;

import io.securewatch.api.v1.Problem.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Collection;
import java.util.List;

/** Turns Bean Validation violations into field errors named by their path in the request body. */
public final class Violations {

    private Violations() {}

    /**
     * Converts violations of request parameters. Violations of return values are server faults and are left
     * out, so an empty result means the caller must treat the exception as an internal error.
     */
    public static List<FieldError> toFieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .filter(violation -> !isReturnValue(violation.getPropertyPath()))
                .map(violation -> new FieldError(fieldPath(violation.getPropertyPath()), violation.getMessage()))
                .distinct()
                .toList();
    }

    static String fieldPath(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.isInIterable()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[')
                        .append(FieldPaths.printable(String.valueOf(position)))
                        .append(']');
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}

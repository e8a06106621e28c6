package io.securewatch.controlplane.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.securewatch.api.v1.Problem.FieldError;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns Jackson's read errors into field errors a client can act on. Messages name the field path and the
 * expected shape; they never echo the rejected value, which may be huge or hostile.
 */
final class JsonErrors {

    private JsonErrors() {}

    static FieldError toFieldError(JsonProcessingException error) {
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldError(path(mapping), mappingMessage(mapping));
        }
        return new FieldError("body", syntaxMessage(error));
    }

    private static String mappingMessage(JsonMappingException error) {
        if (error instanceof UnrecognizedPropertyException unknown) {
            return "unknown field; accepted fields are " + sorted(unknown.getKnownPropertyIds());
        }
        if (error instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            return expected(invalid.getTargetType());
        }
        if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expected(mismatch.getTargetType());
        }
        if (error.getCause() instanceof InputCoercionException) {
            return "is out of range for a 64-bit integer";
        }
        return "has an invalid value";
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            return "must be one of: " + allowed;
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number within the 64-bit integer range";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be a JSON object";
    }

    private static String syntaxMessage(JsonProcessingException error) {
        if (error instanceof StreamConstraintsException) {
            return "exceeds a JSON size limit (nesting depth, number length or string length)";
        }
        if (error instanceof InputCoercionException) {
            return "contains a number out of range for a 64-bit integer";
        }
        JsonLocation location = error.getLocation();
        String where = location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        if (error instanceof JsonParseException && isDuplicateField(error)) {
            return "has a field twice" + where + "; send each field once";
        }
        if (error instanceof JsonParseException) {
            return "is not valid JSON" + where + "; check quotes, commas and brackets";
        }
        if (error instanceof MismatchedInputException) {
            return "must be a JSON object" + where;
        }
        return "could not be read as JSON" + where;
    }

    /** Jackson reports duplicate keys under strict duplicate detection with this message prefix. */
    private static boolean isDuplicateField(JsonProcessingException error) {
        String message = error.getOriginalMessage();
        return message != null && message.startsWith("Duplicate field");
    }

    private static String sorted(Collection<Object> names) {
        return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /** Renders a Jackson reference path as {@code capacity.cpuMillis} or {@code regions[1]}. */
    private static String path(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(FieldPaths.printable(reference.getFieldName()));
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}

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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson's read errors into field errors a client can act on. Messages name the field path and the
 * expected shape; they never echo the rejected value, which may be huge or hostile. Jackson distinguishes some
 * errors only by their message text, so the prefixes used here are those of Jackson 2.x.
 */
final class JsonErrors {

    private JsonErrors() {}

    static FieldError toFieldError(JsonProcessingException error) {
        JsonProcessingException syntax = syntaxError(error);
        if (syntax != null) {
            return new FieldError("body", syntaxMessage(syntax));
        }
        if (hasMessagePrefix(error, "Trailing token")) {
            return new FieldError("body", "has text after the JSON value" + location(error) + "; send one JSON object");
        }
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new FieldError(path(mapping), mappingMessage(mapping));
        }
        if (error instanceof MismatchedInputException) {
            return new FieldError("body", "must be a JSON object" + location(error));
        }
        return new FieldError("body", "could not be read as JSON" + location(error));
    }

    /**
     * Returns the error of the JSON text itself, or null when the text is well formed. Jackson may wrap a syntax
     * error in a mapping error that carries the path of the field it was reading.
     */
    private static JsonProcessingException syntaxError(JsonProcessingException error) {
        if (error instanceof JsonParseException || error instanceof StreamConstraintsException) {
            return error;
        }
        Throwable cause = error.getCause();
        if (cause instanceof JsonParseException || cause instanceof StreamConstraintsException) {
            return (JsonProcessingException) cause;
        }
        if (error instanceof JsonMappingException && cause instanceof InputCoercionException) {
            return null;
        }
        return error instanceof InputCoercionException ? error : null;
    }

    private static String syntaxMessage(JsonProcessingException error) {
        String where = location(error);
        if (error instanceof StreamConstraintsException) {
            return "exceeds a JSON size limit (nesting depth, number length or string length)";
        }
        if (error instanceof InputCoercionException coercion) {
            return "contains a number out of range for a " + bits(coercion.getTargetType()) + "-bit integer" + where;
        }
        if (hasMessagePrefix(error, "Duplicate field")) {
            return "has a field twice" + where + "; send each field once";
        }
        if (hasMessagePrefix(error, "Invalid UTF-8")) {
            return "is not valid UTF-8" + where + "; send JSON encoded as UTF-8";
        }
        if (hasMessagePrefix(error, "Illegal unquoted character")) {
            return "has a control character inside a string" + where + "; escape it, for example as \\t or \\n";
        }
        return "is not valid JSON" + where + "; check quotes, commas and brackets";
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
        if (error.getCause() instanceof InputCoercionException coercion) {
            return "is out of range for a " + bits(coercion.getTargetType()) + "-bit integer";
        }
        return "has an invalid value";
    }

    /** Returns the spelling JSON uses for the constant: its {@code @JsonProperty} name, else its lowercase name. */
    private static String wireName(Class<?> type, Enum<?> constant) {
        try {
            com.fasterxml.jackson.annotation.JsonProperty property =
                    type.getField(constant.name()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        } catch (NoSuchFieldException e) {
            // An enum constant is always a field; fall back to the name below.
        }
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Returns the width of the integer type a number was read into: 32 for int, else 64. */
    private static int bits(Class<?> type) {
        return type == Integer.class || type == int.class ? 32 : 64;
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(constant -> wireName(type, (Enum<?>) constant))
                    .collect(Collectors.joining(", "));
            return "must be one of: " + allowed;
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number within the " + bits(type) + "-bit integer range";
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

    private static String location(JsonProcessingException error) {
        JsonLocation location = error.getLocation();
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static boolean hasMessagePrefix(JsonProcessingException error, String prefix) {
        String message = error.getOriginalMessage();
        return message != null && message.startsWith(prefix);
    }

    private static String sorted(Collection<Object> names) {
        return names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * Renders a Jackson reference path as {@code capacity.cpuMillis}, {@code regions[1]} or {@code labels[tier]},
     * the same form as validation errors use.
     */
    private static String path(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null && reference.getFrom() instanceof Map) {
                path.append('[')
                        .append(FieldPaths.printable(reference.getFieldName()))
                        .append(']');
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

package io.securewatch.testsupport.consul;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request bodies as leniently as Consul does: Go's JSON decoder matches field names case-insensitively, and the
 * agent endpoints also accept snake_case names ("enable_tag_override"). Every type error becomes a 400 response that
 * names the field.
 */
final class JsonInput {

    private JsonInput() {}

    static JsonObject parseObject(Buffer body) {
        if (body.length() == 0) {
            throw HttpError.badRequest("Request decode failed: the request body is empty; send a JSON object");
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw HttpError.badRequest("Request decode failed: the request body is not a JSON object");
        }
    }

    /** Returns the field's value, matching its name exactly, then case-insensitively, then without underscores. */
    static Object field(JsonObject json, String name) {
        if (json.containsKey(name)) {
            return json.getValue(name);
        }
        String wanted = normalize(name);
        for (String key : json.fieldNames()) {
            if (normalize(key).equals(wanted)) {
                return json.getValue(key);
            }
        }
        return null;
    }

    static boolean has(JsonObject json, String name) {
        return field(json, name) != null;
    }

    static String string(JsonObject json, String name, String fallback) {
        Object value = field(json, name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw typeError(name, "a string");
        }
        return text;
    }

    static int integer(JsonObject json, String name, int fallback) {
        Object value = field(json, name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw typeError(name, "an integer");
        }
        return number.intValue();
    }

    static double number(JsonObject json, String name, double fallback) {
        Object value = field(json, name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number)) {
            throw typeError(name, "a number");
        }
        return number.doubleValue();
    }

    static boolean bool(JsonObject json, String name, boolean fallback) {
        Object value = field(json, name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw typeError(name, "a boolean");
        }
        return flag;
    }

    /** Returns a nested object, or null when the field is missing or null. */
    static JsonObject object(JsonObject json, String name) {
        Object value = field(json, name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw typeError(name, "an object");
        }
        return object;
    }

    /** Returns a nested array, or null when the field is missing or null. */
    static JsonArray array(JsonObject json, String name) {
        Object value = field(json, name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw typeError(name, "an array");
        }
        return array;
    }

    static List<String> strings(JsonObject json, String name) {
        JsonArray array = array(json, name);
        List<String> result = new ArrayList<>();
        if (array != null) {
            for (Object item : array) {
                if (!(item instanceof String text)) {
                    throw typeError(name, "an array of strings");
                }
                result.add(text);
            }
        }
        return List.copyOf(result);
    }

    static Map<String, String> stringMap(JsonObject json, String name) {
        JsonObject object = object(json, name);
        Map<String, String> result = new LinkedHashMap<>();
        if (object != null) {
            for (String key : object.fieldNames()) {
                if (!(object.getValue(key) instanceof String text)) {
                    throw typeError(name, "an object of strings");
                }
                result.put(key, text);
            }
        }
        return result;
    }

    /** Reads a duration given as a Go duration string ("10s") or as a number of nanoseconds. */
    static Duration duration(JsonObject json, String name, Duration fallback) {
        Object value = field(json, name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number nanos) {
            return Duration.ofNanos(nanos.longValue());
        }
        if (value instanceof String text) {
            if (text.isEmpty()) {
                return fallback;
            }
            return GoDuration.parse(text)
                    .orElseThrow(() -> HttpError.badRequest("Request decode failed: field \"" + name
                            + "\" must be a duration such as \"10s\" or \"1m30s\", not \"" + text + "\""));
        }
        throw typeError(name, "a duration string");
    }

    private static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static HttpError typeError(String name, String expected) {
        return HttpError.badRequest("Request decode failed: field \"" + name + "\" must be " + expected);
    }
}

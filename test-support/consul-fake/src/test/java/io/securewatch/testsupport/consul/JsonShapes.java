package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Assertions on the field names and JSON types of a response object, for pinning documented response shapes. */
final class JsonShapes {

    enum JsonType {
        STRING,
        NUMBER,
        BOOLEAN,
        OBJECT,
        ARRAY,
        NULL
    }

    private JsonShapes() {}

    /** Asserts that each named field is present with the given JSON type; other fields may exist too. */
    static void assertShape(JsonObject json, Map<String, JsonType> expected) {
        expected.forEach((field, type) -> {
            assertThat(json.containsKey(field))
                    .as("field %s present in %s", field, json)
                    .isTrue();
            assertThat(typeOf(json.getValue(field)))
                    .as("JSON type of field %s in %s", field, json)
                    .isEqualTo(type);
        });
    }

    static JsonType typeOf(Object value) {
        if (value == null) {
            return JsonType.NULL;
        }
        if (value instanceof String) {
            return JsonType.STRING;
        }
        if (value instanceof Number) {
            return JsonType.NUMBER;
        }
        if (value instanceof Boolean) {
            return JsonType.BOOLEAN;
        }
        if (value instanceof JsonObject) {
            return JsonType.OBJECT;
        }
        if (value instanceof JsonArray) {
            return JsonType.ARRAY;
        }
        throw new AssertionError("unexpected JSON value " + value.getClass());
    }
}

package io.securewatch.testsupport.consul;

import io.vertx.core.json.JsonObject;

/**
 * One config entry.
 *
 * @param body the entry's fields as applied, with {@code Kind} and {@code Name} first and without index fields
 */
record ConfigEntry(String kind, String name, JsonObject body, long createIndex, long modifyIndex) {

    ConfigEntry withIndexes(long newCreateIndex, long newModifyIndex) {
        return new ConfigEntry(kind, name, body, newCreateIndex, newModifyIndex);
    }
}

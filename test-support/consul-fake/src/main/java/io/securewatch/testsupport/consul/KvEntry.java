package io.securewatch.testsupport.consul;

/**
 * One key in the KV store.
 *
 * @param value the stored bytes, or null when the key was written with an empty body, which Consul returns as a
 *     JSON null {@code Value}
 * @param flags an opaque unsigned 64-bit value, stored in a signed long
 */
record KvEntry(String key, byte[] value, long flags, long createIndex, long modifyIndex) {

    KvEntry withIndexes(long newCreateIndex, long newModifyIndex) {
        return new KvEntry(key, value, flags, newCreateIndex, newModifyIndex);
    }
}

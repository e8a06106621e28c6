package io.securewatch.agent.core;

/**
 * An object the cluster should hold, as the control plane sent it.
 *
 * @param manifestJson the complete manifest
 * @param contentHash the control plane's hash of the manifest, written to the object as an annotation
 */
public record DesiredObject(ObjectKey key, String manifestJson, String contentHash) {}

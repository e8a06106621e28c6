package io.securewatch.api.v1;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The objects a cluster should hold at one revision, as the JSON form of
 * {@code GET /api/v1/clusters/{cluster}/desired-state} returns them.
 *
 * @param contentHash SHA-256 over the identity and content of every object; absent before the first revision
 * @param objects complete Kubernetes manifests, namespaces first
 */
@Schema(name = "DesiredState")
public record DesiredState(long revision, String contentHash, List<Map<String, Object>> objects) {}

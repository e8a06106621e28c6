package io.securewatch.api.v1;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Optional body of {@code POST /api/v1/drills/{drill}/runs}.
 *
 * @param dryRun whether to only run the pre-flight checks; defaults to the drill's mode
 */
@Schema(name = "DrillRunRequest")
public record DrillRunRequest(Boolean dryRun) {}

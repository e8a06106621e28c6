package io.securewatch.api.v1;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Response of {@code POST /api/v1/drills/kill-switch}.
 *
 * @param aborted the runs the kill switch aborted, as {@code <drill>/<run>}; empty when none was running
 */
@Schema(name = "KillSwitchResult")
public record KillSwitchResult(List<String> aborted) {}

package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/drills} and {@code PUT /api/v1/drills/{drill}}: a failover drill, the object it acts
 * on and the guardrails that stop it. A PUT replaces every field; omitted optional fields take their defaults, as on
 * create.
 */
@Schema(name = "DrillRequest", description = "A drill to create, or the new state of an existing one.")
public record DrillRequest(
        @Schema(
                description = "DNS label; required on create, and on update equal to the name in the path if given.",
                examples = "evacuate-eu-west-1")
        @NotNull(groups = ValidationGroups.Create.class, message = "is required")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String name,

        @NotNull(message = "is required") Type type,

        @Schema(
                description = "The object the drill acts on, which must exist: a region for region-evacuation, a"
                        + " cluster for cluster-evacuation, a service (a workload with a Service) for"
                        + " service-failover.",
                examples = "eu-west-1")
        @NotNull(message = "is required")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String target,

        @Valid Scope scope,

        @Valid Guardrails guardrails,

        @Schema(description = "Defaults to dry-run.") Mode mode,

        @Schema(
                description = "Quartz cron expression for regular practice runs, as Quarkus' scheduler reads it:"
                        + " seconds, minutes, hours, day of month, month, day of week and an optional year, with ?"
                        + " in one of the two day fields, in UTC. The control-plane leader starts a run in the"
                        + " drill's mode at each fire.",
                examples = "0 0 3 ? * MON")
        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = ApiPatterns.DISPLAY_TEXT, message = ApiMessages.DISPLAY_TEXT)
        String schedule) {

    /** Maximum number of services, and of tenants, that a scope may list. */
    public static final int MAX_SCOPE_ENTRIES = 100;

    /** Kind of failure a drill practises, which also sets the kind of object its target names. */
    public enum Type {
        /** Moves all traffic out of a region to the other regions of each service. */
        @JsonProperty("region-evacuation")
        REGION_EVACUATION("region"),
        /** Moves the load of one cluster to the other clusters of its region. */
        @JsonProperty("cluster-evacuation")
        CLUSTER_EVACUATION("cluster"),
        /** Sends one service's traffic to its failover regions. */
        @JsonProperty("service-failover")
        SERVICE_FAILOVER("service");

        private final String targetKind;

        Type(String targetKind) {
            this.targetKind = targetKind;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Returns the kind of object a target of this type names, such as {@code region}. */
        public String targetKind() {
            return targetKind;
        }
    }

    /** Whether a run of the drill changes anything. */
    public enum Mode {
        /** Runs the checks and reports what a live run would do, without changing anything. */
        @JsonProperty("dry-run")
        DRY_RUN,
        /** Moves traffic for real. */
        @JsonProperty("live")
        LIVE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The part of what the target affects that the drill acts on. An absent or empty list means everything the
     * target affects.
     *
     * @param services names of services, each a workload with a Service
     * @param tenants slugs of tenants
     */
    @Schema(name = "DrillScope")
    public record Scope(
            @Schema(description = "Services the drill acts on; absent or empty for every service the target affects.")
            @Size(max = MAX_SCOPE_ENTRIES, message = "must list at most " + MAX_SCOPE_ENTRIES + " services")
            List<
                            @NotNull(message = "is required")
                            @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL) String>
                    services,

            @Schema(description = "Tenants the drill acts on; absent or empty for every tenant the target affects.")
            @Size(max = MAX_SCOPE_ENTRIES, message = "must list at most " + MAX_SCOPE_ENTRIES + " tenants")
            List<
                            @NotNull(message = "is required") @Size(max = 56, message = "must be at most 56 characters")
                            @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.TENANT_SLUG) String>
                    tenants) {

        /** A scope that limits nothing. */
        public static final Scope EVERYTHING = new Scope(List.of(), List.of());

        /** Returns the scope with absent lists replaced by empty ones. */
        public Scope withDefaults() {
            return new Scope(
                    services == null ? List.of() : List.copyOf(services),
                    tenants == null ? List.of() : List.copyOf(tenants));
        }
    }

    /**
     * Limits that make a run abort and fail back. Every field is optional and takes its default when absent.
     *
     * @param minSurvivorHeadroomPercent spare capacity, in percent of the load they take over, that the regions or
     *     clusters left must keep
     * @param maxErrorRatePercent share of failed requests, in percent, above which the run aborts
     * @param ackTimeoutSeconds time an agent has to acknowledge a step before the run aborts
     * @param maxDurationSeconds time after which the run aborts and fails back
     * @param observationSeconds time to watch the survivors after traffic has moved, before failing back; less than
     *     {@code maxDurationSeconds}
     */
    @Schema(name = "DrillGuardrails")
    public record Guardrails(
            @Schema(description = "Default " + DEFAULT_MIN_SURVIVOR_HEADROOM_PERCENT + ".")
            @Min(value = 0, message = "must be from 0 to 100")
            @Max(value = 100, message = "must be from 0 to 100")
            Integer minSurvivorHeadroomPercent,

            @Schema(description = "Default " + DEFAULT_MAX_ERROR_RATE_PERCENT + ".")
            @Min(value = 0, message = "must be from 0 to 100")
            @Max(value = 100, message = "must be from 0 to 100")
            Integer maxErrorRatePercent,

            @Schema(description = "Default " + DEFAULT_ACK_TIMEOUT_SECONDS + ".")
            @Min(value = 1, message = "must be from 1 to 3600")
            @Max(value = 3600, message = "must be from 1 to 3600")
            Integer ackTimeoutSeconds,

            @Schema(description = "Default " + DEFAULT_MAX_DURATION_SECONDS + ".")
            @Min(value = 60, message = "must be from 60 to 86400")
            @Max(value = 86_400, message = "must be from 60 to 86400")
            Integer maxDurationSeconds,

            @Schema(description = "Less than maxDurationSeconds. Default " + DEFAULT_OBSERVATION_SECONDS + ".")
            @Min(value = 0, message = "must be from 0 to 86400")
            @Max(value = 86_400, message = "must be from 0 to 86400")
            Integer observationSeconds) {

        public static final int DEFAULT_MIN_SURVIVOR_HEADROOM_PERCENT = 20;
        public static final int DEFAULT_MAX_ERROR_RATE_PERCENT = 5;
        public static final int DEFAULT_ACK_TIMEOUT_SECONDS = 60;
        public static final int DEFAULT_MAX_DURATION_SECONDS = 1800;
        public static final int DEFAULT_OBSERVATION_SECONDS = 300;

        /** Every guardrail at its default. */
        public static final Guardrails DEFAULTS = new Guardrails(
                DEFAULT_MIN_SURVIVOR_HEADROOM_PERCENT,
                DEFAULT_MAX_ERROR_RATE_PERCENT,
                DEFAULT_ACK_TIMEOUT_SECONDS,
                DEFAULT_MAX_DURATION_SECONDS,
                DEFAULT_OBSERVATION_SECONDS);

        /** Returns the guardrails with absent fields set to their defaults. */
        public Guardrails withDefaults() {
            return new Guardrails(
                    Objects.requireNonNullElse(minSurvivorHeadroomPercent, DEFAULT_MIN_SURVIVOR_HEADROOM_PERCENT),
                    Objects.requireNonNullElse(maxErrorRatePercent, DEFAULT_MAX_ERROR_RATE_PERCENT),
                    Objects.requireNonNullElse(ackTimeoutSeconds, DEFAULT_ACK_TIMEOUT_SECONDS),
                    Objects.requireNonNullElse(maxDurationSeconds, DEFAULT_MAX_DURATION_SECONDS),
                    Objects.requireNonNullElse(observationSeconds, DEFAULT_OBSERVATION_SECONDS));
        }
    }
}

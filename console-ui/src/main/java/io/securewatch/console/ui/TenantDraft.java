package io.securewatch.console.ui;

import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Quota;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.ResourceLimits;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.api.v1.TenantTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A tenant being filled in by the create wizard, with the checks each step runs before the next one opens. The
 * checks mirror the API's, so most mistakes show at their field before anything is sent. The API still decides, and
 * its errors show at the same fields.
 */
final class TenantDraft {

    /** The wizard's steps, in order, with the request fields each one fills in. */
    enum Step {
        NAME(Set.of("slug", "displayName", "adminEmail")),
        PLACEMENT(Set.of("residencyZones", "regions")),
        CAPACITY(Set.of("tier", "quota", "quota.cpuMillis", "quota.memoryBytes", "quota.pods")),
        REVIEW(Set.of());

        private final Set<String> fields;

        Step(Set<String> fields) {
            this.fields = fields;
        }

        /** Returns the step that fills in a field of the request, such as {@code quota.pods} or {@code regions[1]}. */
        static Step of(String field) {
            String root = field.replaceAll("\\[.*$", "");
            for (Step step : values()) {
                if (step.fields.contains(root)) {
                    return step;
                }
            }
            return REVIEW;
        }
    }

    static final long BYTES_PER_GIB = 1L << 30;
    private static final int MAX_SLUG_LENGTH = 56;

    String slug = "";
    String displayName = "";
    String adminEmail = "";
    Set<String> residencyZones = Set.of();
    Set<String> regions = Set.of();
    TenantTier tier = TenantTier.SHARED;
    Double cpuCores;
    Integer memoryGib;
    Integer pods;

    /** Returns the problems of one step's fields; empty when the step is complete. */
    List<FieldError> check(Step step, List<Region> knownRegions) {
        List<FieldError> errors = new ArrayList<>();
        switch (step) {
            case NAME -> {
                if (slug.isBlank()) {
                    errors.add(new FieldError("slug", "is required"));
                } else if (slug.length() > MAX_SLUG_LENGTH) {
                    errors.add(new FieldError("slug", "must be at most 56 characters"));
                } else if (!slug.matches(ApiPatterns.DNS_LABEL)) {
                    errors.add(new FieldError(
                            "slug",
                            "must be a DNS label: lowercase letters, digits or '-', starting and ending with a"
                                    + " letter or digit"));
                }
                if (displayName.isBlank()) {
                    errors.add(new FieldError("displayName", "is required and must not be blank"));
                } else if (displayName.length() > 200) {
                    errors.add(new FieldError("displayName", "must be at most 200 characters"));
                }
                if (!adminEmail.isBlank() && !adminEmail.strip().matches(".+@.+\\..+")) {
                    errors.add(new FieldError("adminEmail", "must be an email address such as admin@acme.example"));
                } else if (adminEmail.strip().length() > 254) {
                    errors.add(new FieldError("adminEmail", "must be at most 254 characters"));
                }
            }
            case PLACEMENT -> {
                if (residencyZones.isEmpty()) {
                    errors.add(new FieldError("residencyZones", "must name at least one residency zone"));
                }
                if (regions.isEmpty()) {
                    errors.add(new FieldError("regions", "must name at least one region"));
                }
                Map<String, String> zoneOf = knownRegions.stream()
                        .collect(Collectors.toMap(Region::name, Region::residencyZone, (a, b) -> a));
                List<String> outside = regions.stream()
                        .filter(region -> !residencyZones.contains(zoneOf.get(region)))
                        .sorted()
                        .toList();
                if (!outside.isEmpty() && !residencyZones.isEmpty()) {
                    errors.add(new FieldError(
                            "regions",
                            outside + " lie outside the residency zones "
                                    + residencyZones.stream().sorted().toList()
                                    + "; choose their zones too or other regions"));
                }
            }
            case CAPACITY -> {
                checkPositive(errors, "quota.cpuMillis", cpuCores, ResourceLimits.MAX_CPU_MILLIS / 1000.0, "cores");
                if (cpuCores != null && cpuCores > 0 && Math.round(cpuCores * 1000) < 1) {
                    errors.add(new FieldError("quota.cpuMillis", "must be at least 0.001 cores (one millicore)"));
                }
                checkPositive(
                        errors,
                        "quota.memoryBytes",
                        memoryGib == null ? null : memoryGib.doubleValue(),
                        ResourceLimits.MAX_MEMORY_BYTES / (double) BYTES_PER_GIB,
                        "GiB");
                checkPositive(
                        errors,
                        "quota.pods",
                        pods == null ? null : pods.doubleValue(),
                        ResourceLimits.MAX_PODS,
                        "pods");
            }
            case REVIEW -> {
                // every field was checked at its own step
            }
        }
        return errors;
    }

    /** Returns the problems of every step, in step order. */
    List<FieldError> checkAll(List<Region> knownRegions) {
        List<FieldError> errors = new ArrayList<>();
        for (Step step : Step.values()) {
            errors.addAll(check(step, knownRegions));
        }
        return errors;
    }

    /** Returns the regions the chosen residency zones allow, by name. */
    static List<String> regionsIn(Set<String> zones, List<Region> knownRegions) {
        return knownRegions.stream()
                .filter(region -> zones.contains(region.residencyZone()))
                .map(Region::name)
                .sorted()
                .toList();
    }

    /** Returns the residency zones of the known regions, sorted. */
    static List<String> zones(List<Region> knownRegions) {
        return knownRegions.stream()
                .map(Region::residencyZone)
                .distinct()
                .sorted()
                .toList();
    }

    TenantRequest request() {
        return new TenantRequest(
                slug.strip(),
                displayName.strip(),
                tier,
                residencyZones.stream().sorted().toList(),
                regions.stream().sorted().toList(),
                new Quota(
                        cpuCores == null ? null : Math.round(cpuCores * 1000),
                        memoryGib == null ? null : memoryGib * BYTES_PER_GIB,
                        pods == null ? null : pods.longValue()),
                adminEmail.isBlank() ? null : adminEmail.strip());
    }

    /** Returns the request's quota as people read it, such as {@code 8 cores, 16 GiB, 200 pods}. */
    String quotaSummary() {
        Function<Double, String> number =
                value -> value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
        return number.apply(cpuCores) + " cores, " + memoryGib + " GiB, " + pods + " pods";
    }

    private static void checkPositive(List<FieldError> errors, String field, Double value, double max, String unit) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value <= 0) {
            errors.add(new FieldError(field, "must be greater than 0"));
        } else if (value > max) {
            errors.add(new FieldError(field, "must be at most " + (long) max + " " + unit));
        }
    }
}

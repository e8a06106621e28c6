package io.securewatch.controlplane.tenant;

import io.securewatch.api.v1.Problem.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a tenant's zones and regions against the stored regions: each listed once, each region known, and each
 * region inside one of the tenant's residency zones, so that no tenant data is placed outside the zones its
 * contract allows.
 */
final class ResidencyRules {

    private ResidencyRules() {}

    /**
     * Returns one field error per violation, empty when the tenant may run in these regions.
     *
     * @param zoneByRegion residency zone of every region the request names that exists
     */
    static List<FieldError> check(List<String> residencyZones, List<String> regions, Map<String, String> zoneByRegion) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(duplicates("residencyZones", "zone", residencyZones));
        errors.addAll(duplicates("regions", "region", regions));
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            String zone = zoneByRegion.get(region);
            String field = "regions[" + i + "]";
            if (zone == null) {
                errors.add(new FieldError(
                        field, "region '" + region + "' not found; create it or remove it from the list"));
            } else if (!residencyZones.contains(zone)) {
                errors.add(new FieldError(
                        field,
                        "region '" + region + "' lies in residency zone " + zone
                                + ", which residencyZones does not include; add " + zone
                                + " to residencyZones or remove the region"));
            }
        }
        return errors;
    }

    private static List<FieldError> duplicates(String field, String noun, List<String> values) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                errors.add(new FieldError(
                        field + "[" + i + "]", noun + " " + values.get(i) + " is listed more than once"));
            }
        }
        return errors;
    }
}

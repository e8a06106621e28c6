package io.securewatch.testsupport.consul;

/**
 * A health check as a registration request gives it.
 *
 * @param id the check ID, or empty to let the catalog derive one from the service ID
 * @param name the check name, or empty to let the catalog derive one from the service name
 * @param initialStatus the requested initial status, or null to keep the current one (critical for a new check)
 * @param serviceId the service instance the check belongs to, or empty for a node-level check
 */
record CheckSpec(
        String id,
        String name,
        CheckStatus initialStatus,
        String notes,
        String serviceId,
        String type,
        CheckDefinition definition) {

    CheckSpec withIdentity(String newId, String newName, String newServiceId) {
        return new CheckSpec(newId, newName, initialStatus, notes, newServiceId, type, definition);
    }
}

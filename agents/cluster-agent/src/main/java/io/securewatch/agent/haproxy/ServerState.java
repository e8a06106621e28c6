package io.securewatch.agent.haproxy;

/**
 * One server of a backend as the running HAProxy reports it in {@code show servers state} (format version 1).
 *
 * @param id the server's numeric id in its backend ({@code srv_id})
 * @param address the server's IP address ({@code srv_addr})
 * @param port the server's port ({@code srv_port})
 * @param adminFlags the bit mask {@code srv_admin_state}; {@link #adminState()} interprets it
 * @param userWeight the current weight, 0 to 256, as the Runtime API sets it ({@code srv_uweight})
 * @param initialWeight the weight from the configuration file ({@code srv_iweight})
 */
public record ServerState(
        int id,
        String name,
        String address,
        int port,
        OperationalState operationalState,
        int adminFlags,
        int userWeight,
        int initialWeight) {

    /** Forced into maintenance, by {@code set server ... state maint} or by {@code disabled} in the configuration. */
    static final int FORCED_MAINT = 0x01;
    /** Inherited maintenance from a tracked server. */
    static final int INHERITED_MAINT = 0x02;
    /**
     * Marked {@code disabled} in the configuration. HAProxy 2.6.12 keeps this bit after {@code set server ... state
     * ready} while the server takes traffic again, so it alone does not mean maintenance.
     */
    static final int CONFIGURED_MAINT = 0x04;
    /** Forced into drain by {@code set server ... state drain}. */
    static final int FORCED_DRAIN = 0x08;
    /** Inherited drain from a tracked server. */
    static final int INHERITED_DRAIN = 0x10;
    /** In maintenance because the server's address could not be resolved. */
    static final int RESOLUTION_MAINT = 0x20;

    private static final int MAINT_FLAGS = FORCED_MAINT | INHERITED_MAINT | RESOLUTION_MAINT;
    private static final int DRAIN_FLAGS = FORCED_DRAIN | INHERITED_DRAIN;

    /**
     * Returns the administrative state that the flags amount to; maintenance wins over drain. Only the forced flags
     * can be changed through {@code set server ... state}: a server in inherited or resolution maintenance stays
     * there whatever the Runtime API sets.
     */
    public AdminState adminState() {
        if ((adminFlags & MAINT_FLAGS) != 0) {
            return AdminState.MAINT;
        }
        if ((adminFlags & DRAIN_FLAGS) != 0) {
            return AdminState.DRAIN;
        }
        return AdminState.READY;
    }
}

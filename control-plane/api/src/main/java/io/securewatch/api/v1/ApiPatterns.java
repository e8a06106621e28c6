package io.securewatch.api.v1;

/**
 * Regular expressions that names and codes in the v1 API must match, shared by the server, the console
 * and clients so that all of them accept the same input.
 */
public final class ApiPatterns {

    /** An RFC 1123 DNS label: lowercase letters, digits and '-', 1 to 63 characters, alphanumeric at both ends. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /** A residency zone code such as {@code EU} or {@code US-GOV}: uppercase letters, digits and '-', 2 to 16. */
    public static final String RESIDENCY_ZONE = "^[A-Z][A-Z0-9-]{0,14}[A-Z0-9]$";

    /** A Consul datacenter name: lowercase letters, digits, '-' and '_', 1 to 63 characters. */
    public static final String CONSUL_DATACENTER = "^[a-z0-9][a-z0-9_-]{0,62}$";

    /** Free text for people: any characters except control, format, private-use and unassigned code points. */
    public static final String DISPLAY_TEXT = "^[^\\p{C}]*$";

    /**
     * A Kubernetes label key: an optional DNS subdomain prefix and '/', then a name of up to 63 characters made
     * of alphanumerics, '-', '_' and '.', alphanumeric at both ends.
     */
    public static final String LABEL_KEY = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    /** A Kubernetes label value: empty, or up to 63 alphanumerics, '-', '_' and '.', alphanumeric at both ends. */
    public static final String LABEL_VALUE = "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$";

    private ApiPatterns() {}
}

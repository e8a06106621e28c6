package io.securewatch.api.v1;

/** Validation messages that say what a value must look like, so a client can fix its input. */
final class ApiMessages {

    static final String DNS_LABEL =
            "must be a DNS label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit";

    /** Tenant slugs are DNS labels of at most 56 characters, and every slug field has {@code @Size(max = 56)}. */
    static final String TENANT_SLUG =
            "must be a tenant slug: 1 to 56 lowercase letters, digits or '-', starting and ending with a letter or"
                    + " digit, so that the namespace tenant-<slug> stays a DNS label";

    static final String RESIDENCY_ZONE =
            "must be a residency zone code: 2 to 16 uppercase letters, digits or '-', such as EU or US";
    static final String CONSUL_DATACENTER =
            "must be a Consul datacenter name: 1 to 63 lowercase letters, digits, '-' or '_'";
    static final String DISPLAY_TEXT = "must not contain control or formatting characters";
    static final String LABEL_KEY =
            "must be a Kubernetes label key: an optional DNS subdomain and '/', then up to 63 letters, digits, "
                    + "'-', '_' or '.', starting and ending with a letter or digit";
    static final String LABEL_VALUE =
            "must be a Kubernetes label value: empty, or up to 63 letters, digits, '-', '_' or '.', "
                    + "starting and ending with a letter or digit";

    private ApiMessages() {}
}

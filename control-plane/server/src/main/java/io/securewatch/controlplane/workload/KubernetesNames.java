package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ApiPatterns;
import java.util.regex.Pattern;

/** Name formats of Kubernetes objects and labels. */
final class KubernetesNames {

    static final String DNS_LABEL_MESSAGE =
            "must be a DNS label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit";
    static final String LABEL_KEY_MESSAGE = "must be a Kubernetes label key: an optional DNS subdomain and '/', then"
            + " up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    static final String LABEL_VALUE_MESSAGE = "must be a Kubernetes label value: a string of up to 63 letters, digits,"
            + " '-', '_' or '.', starting and ending with a letter or digit";
    static final String PORT_NAME_MESSAGE =
            "must be a port name: 1 to 15 lowercase letters, digits or '-', with at least one letter";

    private static final Pattern DNS_LABEL = Pattern.compile(ApiPatterns.DNS_LABEL);
    private static final Pattern LABEL_KEY = Pattern.compile(ApiPatterns.LABEL_KEY);
    private static final Pattern LABEL_VALUE = Pattern.compile(ApiPatterns.LABEL_VALUE);
    private static final Pattern PORT_NAME = Pattern.compile("^(?=.*[a-z])[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$");

    private KubernetesNames() {}

    static boolean isDnsLabel(String name) {
        return name != null && DNS_LABEL.matcher(name).matches();
    }

    static boolean isLabelKey(String key) {
        return key != null && key.length() <= 317 && LABEL_KEY.matcher(key).matches();
    }

    static boolean isLabelValue(String value) {
        return value != null && LABEL_VALUE.matcher(value).matches();
    }

    static boolean isPortName(String name) {
        return name != null && PORT_NAME.matcher(name).matches();
    }
}

package io.securewatch.controlplane.cluster;

import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.controlplane.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An equality requirement on a cluster label, written {@code key=value} in the {@code label} query parameter.
 */
record LabelSelector(String key, String value) {

    static final int MAX_SELECTORS = 8;

    private static final Pattern KEY = Pattern.compile(ApiPatterns.LABEL_KEY);
    private static final Pattern VALUE = Pattern.compile(ApiPatterns.LABEL_VALUE);

    /** Parses every {@code label} parameter; all of them must hold for a cluster to match. */
    static List<LabelSelector> parseAll(List<String> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return List.of();
        }
        if (parameters.size() > MAX_SELECTORS) {
            throw ApiException.invalid("label", "at most " + MAX_SELECTORS + " label selectors are allowed");
        }
        List<LabelSelector> selectors = new ArrayList<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? null : parameter.substring(equals + 1);
            if (value == null
                    || key.length() > 317
                    || !KEY.matcher(key).matches()
                    || !VALUE.matcher(value).matches()) {
                throw ApiException.invalid(
                        "label", "must be key=value with a Kubernetes label key and value, such as tier=gold");
            }
            selectors.add(new LabelSelector(key, value));
        }
        return List.copyOf(selectors);
    }
}

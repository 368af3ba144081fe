package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The string formats Kubernetes names and keys must follow, each returning kube's own wording (clients
 * and tests match on it), one message per broken rule.
 */
final class Names {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN = LABEL + "(\\." + LABEL + ")*";
    private static final String DNS1035 = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String CONFIG_KEY = "[-._a-zA-Z0-9]+";
    private static final String NAME_PART = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE = "(" + NAME_PART + ")?";

    private Names() {
    }

    static List<String> dns1123Label(String v) {
        List<String> errs = maxLen(v, 63);
        if (!v.matches(LABEL)) {
            errs.add(v.matches(SUBDOMAIN) ? "must not contain dots" : regexError(
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
                            + "must start and end with an alphanumeric character", LABEL, "my-name", "123-abc"));
        }
        return errs;
    }

    static List<String> dns1123Subdomain(String v) {
        List<String> errs = maxLen(v, 253);
        if (!v.matches(SUBDOMAIN)) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                    + "'-' or '.', and must start and end with an alphanumeric character", SUBDOMAIN, "example.com"));
        }
        return errs;
    }

    static List<String> dns1035Label(String v) {
        List<String> errs = maxLen(v, 63);
        if (!v.matches(DNS1035)) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
                    + "with an alphabetic character, and end with an alphanumeric character", DNS1035, "my-name", "abc-123"));
        }
        return errs;
    }

    /** Keys of ConfigMap and Secret data, which become file names in volumes. */
    static List<String> configKey(String v) {
        List<String> errs = maxLen(v, 253);
        if (!v.matches(CONFIG_KEY)) {
            errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    CONFIG_KEY, "key.name", "KEY_NAME", "key-name"));
        }
        if (v.equals(".")) {
            errs.add("must not be '.'");
        } else if (v.equals("..")) {
            errs.add("must not be '..'");
        } else if (v.startsWith("..")) {
            errs.add("must not start with '..'");
        }
        return errs;
    }

    /** An IANA_SVC_NAME, as used for port names. */
    static List<String> portName(String v) {
        List<String> errs = maxLen(v, 15);
        if (!v.matches("[-a-z0-9]+")) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!Pattern.compile("[a-z]").matcher(v).find()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (v.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (v.startsWith("-") || v.endsWith("-")) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    static List<String> labelValue(String v) {
        List<String> errs = maxLen(v, 63);
        if (!v.matches(LABEL_VALUE)) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', "
                    + "'_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE,
                    "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** A label key or other qualified name: an optional DNS subdomain prefix, a slash, a name part. */
    static List<String> qualifiedName(String v) {
        String[] parts = v.split("/", -1);
        String name = parts[parts.length - 1];
        List<String> errs = new ArrayList<>();
        if (parts.length > 2) {
            errs.add(regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and "
                    + "must start and end with an alphanumeric character", NAME_PART, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (parts.length == 2) {
            if (parts[0].isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(parts[0]).forEach(m -> errs.add("prefix part " + m));
            }
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else {
            if (name.length() > 63) {
                errs.add("name part must be no more than 63 characters");
            }
            if (!name.matches(NAME_PART)) {
                errs.add("name part " + regexError("must consist of alphanumeric characters, '-', '_' or '.', and "
                        + "must start and end with an alphanumeric character", NAME_PART, "MyName", "my.name", "123-abc"));
            }
        }
        return errs;
    }

    /**
     * A kind-specific rule for metadata.name that is stricter than the DNS subdomain the store checks for
     * every object (namespaces and StatefulSets: DNS labels, Services: DNS-1035 labels). Names the store
     * already rejects are left to it, so one bad name is reported once.
     */
    static List<FieldError> metadataName(JsonNode obj, Function<String, List<String>> rule) {
        String name = Tree.text(obj.path("metadata"), "name");
        if (name.isEmpty() || !dns1123Subdomain(name).isEmpty()) {
            return List.of();
        }
        return check("metadata.name", name, rule);
    }

    /** One Invalid error per broken rule, as kube reports them. */
    static List<FieldError> check(String path, String value, Function<String, List<String>> rule) {
        return rule.apply(value).stream().map(m -> FieldError.invalid(path, value, m)).toList();
    }

    private static List<String> maxLen(String v, int max) {
        List<String> errs = new ArrayList<>();
        if (v.length() > max) {
            errs.add("must be no more than " + max + " characters");
        }
        return errs;
    }

    static String regexError(String msg, String regex, String... examples) {
        StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            b.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
        }
        return b.append("regex used for validation is '").append(regex).append("')").toString();
    }
}

package io.k8j.apiserver.registry;

import java.util.regex.Pattern;

/** The name syntaxes of apimachinery's validation package, with its error texts. */
public final class NameRules {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private NameRules() {
    }

    /** Null when valid, else the detail text kube uses. */
    public static String dns1123Subdomain(String v) {
        if (v.length() > 253) {
            return "must be no more than 253 characters";
        }
        return DNS1123_SUBDOMAIN.matcher(v).matches() ? null
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                + "validation is '" + LABEL + "(\\." + LABEL + ")*')";
    }

    public static String dns1123Label(String v) {
        if (v.length() > 63) {
            return "must be no more than 63 characters";
        }
        return DNS1123_LABEL.matcher(v).matches() ? null
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                + "validation is '" + LABEL + "')";
    }

    public static String dns1035Label(String v) {
        if (v.length() > 63) {
            return "must be no more than 63 characters";
        }
        return DNS1035_LABEL.matcher(v).matches() ? null
                : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    }

    /** A label or annotation key: optional DNS subdomain prefix and '/', then a qualified name. */
    public static String qualifiedName(String v) {
        String name = v;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            String prefix = v.substring(0, slash);
            name = v.substring(slash + 1);
            if (prefix.isEmpty() || dns1123Subdomain(prefix) != null) {
                return "prefix part " + (prefix.isEmpty() ? "must be non-empty" : dns1123Subdomain(prefix));
            }
        }
        if (name.isEmpty()) {
            return "name part must be non-empty";
        }
        if (name.length() > 63) {
            return "name part must be no more than 63 characters";
        }
        return QUALIFIED_NAME.matcher(name).matches() ? null
                : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                + "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    }

    public static String labelValue(String v) {
        if (v.length() > 63) {
            return "must be no more than 63 characters";
        }
        return LABEL_VALUE.matcher(v).matches() ? null
                : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                + "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                + "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    }

    /** Names that are not safe as a URL path segment (every resource's minimum rule). */
    public static String pathSegment(String v) {
        if (v.equals(".") || v.equals("..")) {
            return "may not be '" + v + "'";
        }
        return v.contains("/") || v.contains("%") ? "may not contain '/' or '%'" : null;
    }
}

package io.k8j.apiserver.apiextensions;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube's order of API versions (CompareKubeAwareVersionStrings), which makes the first served version of a CRD
 * its group's preferred version: "kube-like" versions first, GA before beta before alpha, higher major then
 * higher minor first; other names after them, alphabetically.
 */
final class VersionPriority {
    private static final Pattern KUBE_LIKE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");
    static final Comparator<String> ORDER = VersionPriority::compare;

    private VersionPriority() {
    }

    private static int compare(String a, String b) {
        Matcher x = KUBE_LIKE.matcher(a);
        Matcher y = KUBE_LIKE.matcher(b);
        boolean xk = x.matches();
        boolean yk = y.matches();
        if (!xk || !yk) {
            return xk ? -1 : yk ? 1 : a.compareTo(b);
        }
        int byStability = Integer.compare(stability(y.group(2)), stability(x.group(2)));
        if (byStability != 0) {
            return byStability;
        }
        int byMajor = Long.compare(Long.parseLong(y.group(1)), Long.parseLong(x.group(1)));
        if (byMajor != 0 || x.group(3) == null) {
            return byMajor;
        }
        return Long.compare(Long.parseLong(y.group(3)), Long.parseLong(x.group(3)));
    }

    private static int stability(String level) {
        return level == null ? 2 : level.equals("beta") ? 1 : 0;
    }
}

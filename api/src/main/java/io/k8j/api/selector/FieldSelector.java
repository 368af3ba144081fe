package io.k8j.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed field selector: comma-joined {@code field=value}, {@code field==value} or {@code field!=value}
 * terms, with backslash escapes for ',' '=' and '\' in values, as apimachinery's fields.ParseSelector.
 */
public final class FieldSelector {
    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(text)) {
            terms.add(Term.parse(part));
        }
        return new FieldSelector(terms);
    }

    public List<Term> terms() {
        return terms;
    }

    /** Throws {@link SelectorException} naming the first field not in {@code supported}. */
    public void requireFields(Set<String> supported) {
        for (Term t : terms) {
            if (!supported.contains(t.field())) {
                throw new SelectorException("field label not supported: " + t.field());
            }
        }
    }

    /** {@code fields} returns a field's value, or null when the object has none (matches as ""). */
    public boolean matches(Function<String, String> fields) {
        for (Term t : terms) {
            String v = fields.apply(t.field());
            boolean equal = (v == null ? "" : v).equals(t.value());
            if (equal == t.negated()) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(Map<String, String> fields) {
        return matches(fields::get);
    }

    public record Term(String field, String value, boolean negated) {
        static Term parse(String part) {
            int i = indexOfUnescaped(part, '=');
            if (i < 0) {
                throw new SelectorException("invalid selector: '" + part + "'; can't understand '" + part + "'");
            }
            boolean negated = i > 0 && part.charAt(i - 1) == '!';
            String field = part.substring(0, negated ? i - 1 : i).trim();
            int valueStart = i + 1 < part.length() && part.charAt(i + 1) == '=' && !negated ? i + 2 : i + 1;
            return new Term(field, unescape(part.substring(valueStart)), negated);
        }
    }

    private static List<String> splitUnescaped(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static int indexOfUnescaped(String s, char target) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == target) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}

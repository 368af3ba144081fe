package io.k8j.api.selector;

import io.k8j.api.selector.LabelSelector.Operator;
import io.k8j.api.selector.LabelSelector.Requirement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Recursive-descent parser for the label selector grammar of apimachinery's labels.Parse. */
final class SelectorParser {
    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private final String text;
    private int pos;

    SelectorParser(String text) {
        this.text = text;
    }

    List<Requirement> requirements() {
        List<Requirement> out = new ArrayList<>();
        do {
            out.add(requirement());
            skipSpaces();
        } while (consume(","));
        if (pos < text.length()) {
            throw error("unexpected '" + text.substring(pos) + "'");
        }
        return out;
    }

    private Requirement requirement() {
        skipSpaces();
        if (consume("!")) {
            return new Requirement(key(), Operator.DOES_NOT_EXIST, Set.of());
        }
        String key = key();
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) == ',') {
            return new Requirement(key, Operator.EXISTS, Set.of());
        }
        if (consume("!=")) {
            return new Requirement(key, Operator.NOT_EQUALS, Set.of(value()));
        }
        if (consume("==") || consume("=")) {
            return new Requirement(key, Operator.EQUALS, Set.of(value()));
        }
        if (consumeWord("notin")) {
            return new Requirement(key, Operator.NOT_IN, valueSet());
        }
        if (consumeWord("in")) {
            return new Requirement(key, Operator.IN, valueSet());
        }
        throw error("found '" + text.substring(pos) + "', expected: in, notin, =, ==, !=, or end of string");
    }

    private Set<String> valueSet() {
        skipSpaces();
        if (!consume("(")) {
            throw error("found '" + text.substring(pos) + "', expected: '('");
        }
        Set<String> values = new LinkedHashSet<>();
        do {
            values.add(value());
            skipSpaces();
        } while (consume(","));
        if (!consume(")")) {
            throw error("expected ')'");
        }
        return values;
    }

    private String key() {
        skipSpaces();
        String k = token();
        if (k.isEmpty() || k.length() > 316 || !KEY.matcher(k).matches()) {
            throw error("invalid label key \"" + k + "\"");
        }
        return k;
    }

    private String value() {
        skipSpaces();
        String v = token();
        if (v.length() > 63 || !VALUE.matcher(v).matches()) {
            throw error("invalid label value: \"" + v + "\"");
        }
        return v;
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && " ,=!()".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean consumeWord(String word) {
        if (text.startsWith(word, pos) && (pos + word.length() == text.length()
                || " (".indexOf(text.charAt(pos + word.length())) >= 0)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean consume(String s) {
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private SelectorException error(String message) {
        return new SelectorException("unable to parse requirement: " + message);
    }
}

package io.k8j.apiserver.http;

import java.nio.charset.StandardCharsets;

/**
 * The first syntax error in a JSON document, worded as Go's encoding/json scanner words it ("invalid character
 * 'a' looking for beginning of value", "unexpected end of JSON input"): kube-apiserver puts that text in the
 * 400 it answers for a body that is not JSON, such as YAML sent without a Content-Type.
 */
final class GoJsonSyntax {
    private static final String EOF = "unexpected end of JSON input";

    private final byte[] in;
    private int pos;

    private GoJsonSyntax(byte[] in) {
        this.in = in;
    }

    /** Go's message for the first error in {@code data}, or null when it is valid JSON. */
    static String error(byte[] data) {
        GoJsonSyntax s = new GoJsonSyntax(data);
        try {
            s.space();
            s.value();
            s.space();
            if (s.pos < data.length) {
                s.fail("after top-level value");
            }
            return null;
        } catch (Failure f) {
            return f.getMessage();
        }
    }

    private void value() {
        switch (next()) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (in[pos] == '-' || isDigit(in[pos])) {
                    number();
                } else {
                    fail("looking for beginning of value");
                }
            }
        }
    }

    private void object() {
        pos++;
        space();
        if (next() == '}') {
            pos++;
            return;
        }
        while (true) {
            if (next() != '"') {
                fail("looking for beginning of object key string");
            }
            string();
            space();
            if (next() != ':') {
                fail("after object key");
            }
            pos++;
            space();
            value();
            space();
            byte c = next();
            pos++;
            if (c == '}') {
                return;
            }
            if (c != ',') {
                pos--;
                fail("after object key:value pair");
            }
            space();
        }
    }

    private void array() {
        pos++;
        space();
        if (next() == ']') {
            pos++;
            return;
        }
        while (true) {
            value();
            space();
            byte c = next();
            pos++;
            if (c == ']') {
                return;
            }
            if (c != ',') {
                pos--;
                fail("after array element");
            }
            space();
        }
    }

    private void string() {
        pos++;
        while (true) {
            byte c = next();
            pos++;
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                escape();
            } else if ((c & 0xff) < 0x20) {
                pos--;
                fail("in string literal");
            }
        }
    }

    private void escape() {
        byte c = next();
        if ("\"\\/bfnrt".indexOf(c) >= 0) {
            pos++;
        } else if (c == 'u') {
            pos++;
            for (int i = 0; i < 4; i++) {
                if (Character.digit(next(), 16) < 0) {
                    fail("in \\u hexadecimal character escape");
                }
                pos++;
            }
        } else {
            fail("in string escape code");
        }
    }

    private void number() {
        if (in[pos] == '-') {
            pos++;
            if (!isDigit(next())) {
                fail("in numeric literal");
            }
        }
        if (in[pos++] != '0') {
            digits();
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (!isDigit(next())) {
                fail("after decimal point in numeric literal");
            }
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (next() == '+' || in[pos] == '-') {
                pos++;
            }
            if (!isDigit(next())) {
                fail("in exponent of numeric literal");
            }
            digits();
        }
    }

    private void literal(String word) {
        pos++;
        for (int i = 1; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                fail("in literal " + word + " (expecting '" + word.charAt(i) + "')");
            }
            pos++;
        }
    }

    private void digits() {
        while (pos < in.length && isDigit(in[pos])) {
            pos++;
        }
    }

    private void space() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    /** The byte at the current position; the end of input is Go's "unexpected end of JSON input". */
    private byte next() {
        if (pos >= in.length) {
            throw new Failure(EOF);
        }
        return in[pos];
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private void fail(String context) {
        throw new Failure("invalid character " + quoteChar(in[pos]) + " " + context);
    }

    /** Go's quoteChar: the byte as a quoted character, with Go's escapes for the unprintable ones. */
    static String quoteChar(byte b) {
        int c = b & 0xff;
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        String escaped = switch (c) {
            case 7 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 11 -> "\\v";
            case '\\' -> "\\\\";
            default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
                    : c >= 0x80 && c < 0xa0 ? String.format("\\u%04x", c)
                    : new String(Character.toChars(c));
        };
        return "'" + escaped + "'";
    }

    /** Go's summarizeData: the start of a body for an error message, as text when it looks like JSON. */
    static String summary(byte[] body) {
        int max = 30;
        if (body.length == 0) {
            return "<empty>";
        }
        boolean longer = body.length > max;
        byte[] head = longer ? java.util.Arrays.copyOf(body, max) : body;
        String shown = body[0] == '{' ? new String(head, StandardCharsets.UTF_8)
                : java.util.HexFormat.of().formatHex(head);
        return longer ? shown + " ..." : shown;
    }

    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }
}

package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Secret;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code k8j token list}'s table, with kubeadm token list's columns; the secret part of each token is hidden. */
final class TokenTable {
    private static final List<String> HEADER = List.of("TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS");

    private TokenTable() {
    }

    static String render(List<Secret> secrets, Instant now) {
        List<List<String>> rows = new ArrayList<>(List.of(HEADER));
        secrets.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .forEach(secret -> rows.add(row(secret, now)));
        int[] widths = new int[HEADER.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                out.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 3));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static List<String> row(Secret secret, Instant now) {
        String expiration = BootstrapTokenSecrets.data(secret, "expiration");
        List<String> usages = new ArrayList<>();
        for (String usage : List.of("authentication", "signing")) {
            if (BootstrapTokenSecrets.data(secret, "usage-bootstrap-" + usage).equals("true")) {
                usages.add(usage);
            }
        }
        String description = BootstrapTokenSecrets.data(secret, "description");
        String groups = BootstrapTokenSecrets.data(secret, "auth-extra-groups");
        return List.of(BootstrapTokenSecrets.data(secret, "token-id") + ".<secret>", ttl(expiration, now),
                expiration.isEmpty() ? "<never>" : expiration, usages.isEmpty() ? "<none>" : String.join(",", usages),
                description.isEmpty() ? "<none>" : description, groups.isEmpty() ? "<none>" : groups);
    }

    /** Time left, rounded as kubeadm's ("23h", "59m"); "<invalid>" once expired, "<forever>" without expiry. */
    static String ttl(String expiration, Instant now) {
        if (expiration.isEmpty()) {
            return "<forever>";
        }
        Duration left;
        try {
            left = Duration.between(now, Instant.parse(expiration));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
        if (left.isNegative() || left.isZero()) {
            return "<invalid>";
        }
        if (left.toHours() >= 48) {
            return left.toDays() + "d";
        }
        if (left.toHours() >= 1) {
            return left.toHours() + "h";
        }
        return left.toMinutes() >= 1 ? left.toMinutes() + "m" : left.toSeconds() + "s";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(1, width - text.length()));
    }
}

package io.k8j.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolv.conf's nameserver, search and options lines (resolv.conf(5); {@code domain} is an older search). Read for
 * the node's upstream resolvers and for the pods whose dnsPolicy takes the node's settings.
 */
public record ResolvConf(List<String> nameservers, List<String> searches, List<String> options) {
    public static final ResolvConf EMPTY = new ResolvConf(List.of(), List.of(), List.of());

    public static ResolvConf parse(String text) {
        List<String> servers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            List<String> values = List.of(f).subList(1, f.length);
            switch (f[0]) {
                case "nameserver" -> servers.addAll(values);
                case "search", "domain" -> {
                    searches.clear(); // the last search or domain line wins
                    searches.addAll(values);
                }
                case "options" -> options.addAll(values);
                default -> {
                    // comments and lines resolvers ignore
                }
            }
        }
        return new ResolvConf(List.copyOf(servers), List.copyOf(searches), List.copyOf(options));
    }

    /** The file's settings, or none when it does not exist. */
    public static ResolvConf read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
    }
}

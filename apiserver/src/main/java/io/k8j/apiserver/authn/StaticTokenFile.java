package io.k8j.apiserver.authn;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.k8j.apiserver.http.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --token-auth-file}: kube's CSV of {@code token,user,uid,"group1,group2"}, read once at start. A
 * record with fewer than three columns makes the file unusable, as in kube; an empty token is skipped.
 */
public final class StaticTokenFile implements TokenAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(StaticTokenFile.class);

    private final Map<String, UserInfo> users;

    StaticTokenFile(Map<String, UserInfo> users) {
        this.users = Map.copyOf(users);
    }

    public static StaticTokenFile read(Path file) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES);
        Map<String, UserInfo> users = new HashMap<>();
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class)
                .readValues(Files.readString(file, StandardCharsets.UTF_8))) {
            int number = 0;
            while (rows.hasNext()) {
                String[] record = rows.next();
                number++;
                if (record.length < 3) {
                    throw new IllegalArgumentException("token file '" + file + "' must have at least 3 columns "
                            + "(token, user name, user uid), found " + record.length);
                }
                if (record[0].isEmpty()) {
                    LOG.warn("empty token has been found in token file '{}', record number '{}'", file, number);
                    continue;
                }
                List<String> groups = record.length >= 4
                        ? new ArrayList<>(Arrays.stream(record[3].split(",")).map(String::trim).toList())
                        : new ArrayList<>();
                if (users.put(record[0], new UserInfo(record[1], record[2], groups, Map.of())) != null) {
                    LOG.warn("duplicate token has been found in token file '{}', record number '{}'", file, number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token file " + file, e);
        }
        return new StaticTokenFile(users);
    }

    @Override
    public Authenticated authenticate(String token, List<String> audiences) {
        UserInfo user = users.get(token);
        return user == null ? null : new Authenticated(user, List.of());
    }
}

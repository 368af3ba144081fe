package io.k8j.apiserver.table;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.text;

/** ConfigMaps, Secrets, ServiceAccounts, ResourceQuotas, LimitRanges and the default for anything else. */
final class ConfigPrinters {
    private ConfigPrinters() {
    }

    static RowPrinter configMaps() {
        return RowPrinter.of(List.of(Column.NAME, Column.string("Data", "The number of data and binaryData keys."),
                Column.AGE), (cm, now) -> List.of(text(cm, "metadata", "name"),
                (long) (cm.path("data").size() + cm.path("binaryData").size()), Fields.age(cm, now)));
    }

    static RowPrinter secrets() {
        return RowPrinter.of(List.of(Column.NAME, Column.string("Type", "Used to facilitate programmatic handling."),
                Column.string("Data", "The number of data keys."), Column.AGE), (s, now) -> List.of(
                text(s, "metadata", "name"), text(s, "type"), (long) s.path("data").size(), Fields.age(s, now)));
    }

    static RowPrinter serviceAccounts() {
        return RowPrinter.of(List.of(Column.NAME, Column.string("Secrets", "The number of referenced secrets."),
                Column.AGE), (sa, now) -> List.of(text(sa, "metadata", "name"), (long) sa.path("secrets").size(),
                Fields.age(sa, now)));
    }

    /** Current kube's order; older releases put AGE second, which kubectl renders just as well. */
    static RowPrinter resourceQuotas() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Request", "Used and hard amounts of the quota's non-limit resources."),
                Column.string("Limit", "Used and hard amounts of the quota's limits.* resources."),
                Column.AGE), (q, now) -> {
            // "cpu: 100m/1, pods: 2/10", sorted by resource; limits.* resources go to the Limit column.
            List<String> requests = new ArrayList<>();
            List<String> limits = new ArrayList<>();
            TreeMap<String, String> hard = new TreeMap<>();
            at(q, "status", "hard").properties().forEach(e -> hard.put(e.getKey(), e.getValue().asText()));
            hard.forEach((resource, hardAmount) -> {
                String used = text(q, "status", "used", resource);
                String entry = resource + ": " + (used.isEmpty() ? "0" : used) + "/" + hardAmount;
                (resource.startsWith("limits.") ? limits : requests).add(entry);
            });
            return List.of(text(q, "metadata", "name"), String.join(", ", requests), String.join(", ", limits),
                    Fields.age(q, now));
        });
    }

    /** LimitRanges have no kube printer; kube's default table convertor shows the creation time (as for roles). */
    static RowPrinter limitRanges() {
        DateTimeFormatter rfc3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);
        return RowPrinter.of(List.of(Column.NAME,
                new Column("Created At", "date", "", "The time the object was created.", 0)), (lr, now) -> {
            var created = Fields.time(at(lr, "metadata", "creationTimestamp"));
            return List.of(text(lr, "metadata", "name"), created == null ? "" : rfc3339.format(created));
        });
    }

    static RowPrinter defaults() {
        return RowPrinter.of(List.of(Column.NAME, Column.AGE),
                (o, now) -> List.of(text(o, "metadata", "name"), Fields.age(o, now)));
    }
}

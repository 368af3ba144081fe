package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static io.k8j.apiserver.table.Fields.present;
import static io.k8j.apiserver.table.Fields.text;

/**
 * kubectl's events table (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE). Kube prints events.k8s.io Events
 * through the same printer after converting them to core Events, so one printer reads either field layout.
 */
final class EventPrinter implements RowPrinter {
    private static final List<Column> COLUMNS = List.of(
            Column.string("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            Column.string("Type", "Type of this event (Normal, Warning)."),
            Column.string("Reason", "Why the action was taken, short and machine readable."),
            Column.string("Object", "The object this event is about."),
            Column.wide("Subobject", "The part of the object this event is about."),
            Column.wide("Source", "The component and host reporting this event."),
            Column.string("Message", "A human-readable description of the status of this operation."),
            Column.wide("First Seen", "The time at which the event was first recorded."),
            Column.wide("Count", "The number of times this event has occurred."),
            new Column("Name", "string", "name", "Name must be unique within a namespace.", 1));

    /** Field names of core/v1 Event and, as kube converts them, of events.k8s.io/v1 Event. */
    private record Layout(String regarding, String message, String source, String first, String last,
                          String count, String reportingController) {
    }

    private static final Layout CORE = new Layout("involvedObject", "message", "source", "firstTimestamp",
            "lastTimestamp", "count", "reportingComponent");
    private static final Layout EVENTS_API = new Layout("regarding", "note", "deprecatedSource",
            "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount", "reportingController");

    private final Layout layout;

    private EventPrinter(Layout layout) {
        this.layout = layout;
    }

    static EventPrinter core() {
        return new EventPrinter(CORE);
    }

    static EventPrinter eventsApi() {
        return new EventPrinter(EVENTS_API);
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode event, Instant now) {
        Instant firstTime = Fields.time(event.path(layout.first()));
        String first = Fields.since(firstTime != null ? firstTime : Fields.time(event.path("eventTime")), now);
        Instant lastTime = Fields.time(event.path(layout.last()));
        String last = lastTime != null ? Fields.since(lastTime, now) : first;
        long count = event.path(layout.count()).asLong(0);
        JsonNode series = event.path("series");
        if (present(series)) {
            last = Fields.since(Fields.time(series.path("lastObservedTime")), now);
            count = series.path("count").asLong(0);
        } else if (count == 0) {
            count = 1; // singleton events of the new API carry no count
        }
        JsonNode regarding = event.path(layout.regarding());
        String kind = text(regarding, "kind").toLowerCase(Locale.ROOT);
        String target = text(regarding, "name").isEmpty() ? kind : kind + "/" + text(regarding, "name");
        return List.of(last, text(event, "type"), text(event, "reason"), target, text(regarding, "fieldPath"),
                source(event), text(event, layout.message()).strip(), first, count, text(event, "metadata", "name"));
    }

    /** "component, host", each falling back to the reporting controller and instance. */
    private String source(ObjectNode event) {
        String component = text(event, layout.source(), "component");
        String host = text(event, layout.source(), "host");
        component = component.isEmpty() ? text(event, layout.reportingController()) : component;
        host = host.isEmpty() ? text(event, "reportingInstance") : host;
        return host.isEmpty() ? component : component + ", " + host;
    }
}

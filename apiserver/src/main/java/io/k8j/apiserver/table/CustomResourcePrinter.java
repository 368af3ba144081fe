package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom resource's Table: Name, then its CRD version's additionalPrinterColumns, or Age when it names none
 * (kube's default). Dates print as ages; a path that selects nothing is an empty (null) cell.
 */
final class CustomResourcePrinter implements RowPrinter {
    private final JsonNode columns;

    CustomResourcePrinter(JsonNode printerColumns) {
        this.columns = printerColumns;
    }

    @Override
    public List<Column> columns() {
        List<Column> out = new ArrayList<>(List.of(Column.NAME));
        if (columns.isEmpty()) {
            out.add(Column.AGE);
        }
        for (JsonNode c : columns) {
            String type = c.path("type").asText("string");
            out.add(new Column(c.path("name").asText(), type.equals("date") ? "date" : type,
                    c.path("format").asText(""), c.path("description").asText(""), c.path("priority").asInt(0)));
        }
        return out;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        List<Object> cells = new ArrayList<>();
        cells.add(Fields.text(object, "metadata", "name"));
        if (columns.isEmpty()) {
            cells.add(Fields.age(object, now));
        }
        for (JsonNode c : columns) {
            cells.add(cell(SimpleJsonPath.first(object, c.path("jsonPath").asText()), c.path("type").asText(), now));
        }
        return cells;
    }

    private static Object cell(JsonNode value, String type, Instant now) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (type) {
            case "date" -> Fields.since(Fields.time(value), now);
            case "integer" -> value.asLong();
            case "number" -> value.isNumber() ? value.numberValue() : value.asText();
            case "boolean" -> value.asBoolean();
            default -> value.isValueNode() ? value.asText() : value.toString();
        };
    }
}

package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

/**
 * One Table column definition. Priority 1 columns are the ones kubectl shows only with {@code -o wide};
 * kubectl upper-cases the name for its header.
 */
record Column(String name, String type, String format, String description, int priority) {
    static final Column NAME = new Column("Name", "string", "name",
            "Name must be unique within a namespace.", 0);
    static final Column AGE = new Column("Age", "string", "",
            "The time since the object was created.", 0);

    static Column string(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("name", name);
        node.put("type", type);
        node.put("format", format);
        node.put("description", description);
        node.put("priority", priority);
        return node;
    }
}

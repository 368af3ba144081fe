package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** How one resource prints: its columns, and for each object the cells in column order. */
interface RowPrinter {
    List<Column> columns();

    /** Cells are Strings, or Longs/Integers where kube puts integers. {@code now} makes ages testable. */
    List<Object> cells(ObjectNode object, Instant now);

    /** Row conditions (kube marks finished pods "Completed"); most resources have none. */
    default List<ObjectNode> conditions(ObjectNode object) {
        return List.of();
    }

    /** A printer made of a column list and a cell function, enough for every resource but pods. */
    static RowPrinter of(List<Column> columns, Cells cells) {
        return new RowPrinter() {
            @Override
            public List<Column> columns() {
                return columns;
            }

            @Override
            public List<Object> cells(ObjectNode object, Instant now) {
                return cells.of(object, now);
            }
        };
    }

    @FunctionalInterface
    interface Cells {
        List<Object> of(ObjectNode object, Instant now);
    }
}

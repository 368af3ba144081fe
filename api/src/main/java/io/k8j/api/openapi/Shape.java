package io.k8j.api.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shape of a model type as kube's Go decoder sees it: the one tree both the OpenAPI documents
 * and the field validator are derived from, so what {@code kubectl explain} shows is what the server accepts.
 */
sealed interface Shape permits Shape.Scalar, Shape.ArrayOf, Shape.MapOf, Shape.Struct {

    /** Leaf values. The kube-named ones become their own schemas (Quantity, IntOrString, Time, MicroTime). */
    enum Scalar implements Shape {
        STRING("string", null), INT32("int32", null), INT64("int64", null), NUMBER("float64", null),
        BOOLEAN("bool", null),
        INT_OR_STRING("intstr.IntOrString", KubeNames.INT_OR_STRING),
        QUANTITY("resource.Quantity", KubeNames.QUANTITY),
        TIME("v1.Time", KubeNames.TIME),
        MICRO_TIME("v1.MicroTime", KubeNames.MICRO_TIME),
        /** Any JSON value: fields typed Object or an interface in the model (RawExtension and the like). */
        ANY("runtime.RawExtension", KubeNames.RAW_EXTENSION);

        private final String goType;
        private final String schemaName;

        Scalar(String goType, String schemaName) {
            this.goType = goType;
            this.schemaName = schemaName;
        }

        /** The kube definition this scalar has its own schema under, or null for plain JSON types. */
        String schemaName() {
            return schemaName;
        }

        String goType() {
            return goType;
        }
    }

    record ArrayOf(Shape items) implements Shape {
    }

    /** A JSON object with free keys (labels, annotations, data, resource limits...). */
    record MapOf(Shape values) implements Shape {
    }

    /**
     * A model class with named fields. Its fields are filled in once, right after construction, before the
     * struct is published to other threads; recursive types refer back to the same instance.
     */
    final class Struct implements Shape {
        private final Class<?> type;
        private final String schemaName;
        private final boolean open;
        private Map<String, Shape> fields = Map.of();

        Struct(Class<?> type, String schemaName, boolean open) {
            this.type = type;
            this.schemaName = schemaName;
            this.open = open;
        }

        Class<?> type() {
            return type;
        }

        /** Kube definition name, e.g. io.k8s.api.core.v1.Container. */
        String schemaName() {
            return schemaName;
        }

        /** An object whose keys the model does not enumerate (FieldsV1): any key is accepted. */
        boolean open() {
            return open;
        }

        /** Fields by JSON name, in name order (as kube's documents list them, and for a stable hash). */
        Map<String, Shape> fields() {
            return fields;
        }

        void fields(Map<String, Shape> fields) {
            this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(fields)));
        }

        /** "v1.Container": how Go's json errors name the type. */
        String goType() {
            int last = schemaName.lastIndexOf('.');
            int prev = schemaName.lastIndexOf('.', last - 1);
            return schemaName.substring(prev + 1);
        }

        String simpleName() {
            return type.getSimpleName();
        }

        @Override
        public String toString() {
            return schemaName;
        }
    }
}

package io.k8j.api.openapi;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives {@link Shape}s from fabric8 model classes, once per class. fabric8 declares every wire field as
 * a {@code @JsonProperty} field, so reading those annotations gives Jackson's own property view at a third
 * of the cost of a full Jackson bean introspection (this runs when the first request needs a kind).
 * fabric8 types timestamps as plain strings, so Time and MicroTime are recognised by field name.
 */
final class Shapes {
    private static final Map<Class<?>, Shape.Struct> CACHE = new ConcurrentHashMap<>();
    private static final Set<String> MICRO_TIME_FIELDS = Set.of("eventTime", "renewTime", "acquireTime",
            "lastObservedTime");

    private Shapes() {
    }

    /** The shape of a model class; built with everything it reaches on first use, then cached. */
    static Shape.Struct of(Class<?> type) {
        Shape.Struct s = CACHE.get(type);
        if (s != null) {
            return s;
        }
        synchronized (Shapes.class) {
            Map<Class<?>, Shape.Struct> building = new HashMap<>();
            Shape.Struct built = struct(type, building);
            CACHE.putAll(building);
            return built;
        }
    }

    private static Shape.Struct struct(Class<?> type, Map<Class<?>, Shape.Struct> building) {
        Shape.Struct s = CACHE.getOrDefault(type, building.get(type));
        if (s != null) {
            return s;
        }
        Map<String, Field> props = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                if (p != null && !Modifier.isStatic(f.getModifiers()) && !f.isAnnotationPresent(JsonIgnore.class)) {
                    props.putIfAbsent(p.value().isEmpty() ? f.getName() : p.value(), f);
                }
            }
        }
        // A class with no properties of its own that collects everything (FieldsV1) takes any keys.
        boolean open = props.isEmpty() && Arrays.stream(type.getMethods())
                .anyMatch(m -> m.isAnnotationPresent(JsonAnySetter.class));
        s = new Shape.Struct(type, KubeNames.schemaName(type), open);
        building.put(type, s);
        Map<String, Shape> fields = new HashMap<>();
        props.forEach((name, f) -> fields.put(name, shape(f.getGenericType(), name, building)));
        s.fields(fields);
        return s;
    }

    private static Shape shape(Type t, String field, Map<Class<?>, Shape.Struct> building) {
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
            Type[] args = pt.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return new Shape.ArrayOf(shape(args[0], field, building));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new Shape.MapOf(shape(args[1], field, building));
            }
            return shape(raw, field, building);
        }
        if (!(t instanceof Class<?> raw)) {
            return Shape.Scalar.ANY; // type variables and wildcards
        }
        if (raw.isArray()) {
            return new Shape.ArrayOf(shape(raw.getComponentType(), field, building));
        }
        if (raw == String.class) {
            return timeField(field) ? (MICRO_TIME_FIELDS.contains(field) ? Shape.Scalar.MICRO_TIME
                    : Shape.Scalar.TIME) : Shape.Scalar.STRING;
        }
        if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
            return Shape.Scalar.INT32;
        }
        if (raw == Long.class || raw == long.class) {
            return Shape.Scalar.INT64;
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return Shape.Scalar.NUMBER;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Shape.Scalar.BOOLEAN;
        }
        if (raw.isEnum()) {
            return Shape.Scalar.STRING;
        }
        if (raw == Quantity.class) {
            return Shape.Scalar.QUANTITY;
        }
        if (raw == IntOrString.class) {
            return Shape.Scalar.INT_OR_STRING;
        }
        if (raw == MicroTime.class || Temporal.class.isAssignableFrom(raw)) {
            return Shape.Scalar.MICRO_TIME;
        }
        if (raw.getSimpleName().startsWith("JSONSchemaPropsOr")) {
            return Shape.Scalar.ANY; // a CRD schema's items/additionalProperties: one of two JSON forms
        }
        boolean concrete = !raw.isInterface() && !Modifier.isAbstract(raw.getModifiers());
        if (concrete && !JsonNode.class.isAssignableFrom(raw) && raw.getName().startsWith("io.fabric8.")) {
            return struct(raw, building);
        }
        return Shape.Scalar.ANY;
    }

    /** creationTimestamp, lastTransitionTime, startedAt... are metav1.Time in kube, strings in fabric8. */
    private static boolean timeField(String field) {
        return field.endsWith("Time") || field.endsWith("Timestamp") || field.equals("time")
                || field.equals("startedAt") || field.equals("finishedAt") || field.equals("timeAdded");
    }
}

package io.k8j.api.patch;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import io.k8j.api.Json;

import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wire shape of a fabric8 model type, found by asking Jackson how it serializes the class: a struct with
 * named fields, a map with values of one type, a list, a scalar (including IntOrString and Quantity, which
 * serialize as strings or numbers), or unknown (Object, interfaces, and anything without a model class).
 */
public final class Schema {

    public enum Kind { STRUCT, MAP, LIST, SCALAR, UNKNOWN }

    public static final Schema UNKNOWN = new Schema(null, Kind.UNKNOWN);

    private static final Map<JavaType, Schema> CACHE = new ConcurrentHashMap<>();

    private final JavaType type;
    private final Kind kind;
    private volatile Map<String, JavaType> fields;

    private Schema(JavaType type, Kind kind) {
        this.type = type;
        this.kind = kind;
    }

    /** The schema rooted at a model class; null gives {@link #UNKNOWN}. */
    public static Schema of(Class<?> modelClass) {
        return modelClass == null ? UNKNOWN : of(Json.MAPPER.constructType(modelClass));
    }

    private static Schema of(JavaType type) {
        return CACHE.computeIfAbsent(type, t -> new Schema(t, kindOf(t)));
    }

    private static Kind kindOf(JavaType t) {
        Class<?> raw = t.getRawClass();
        if (t.isCollectionLikeType() || (t.isArrayType() && raw != byte[].class)) {
            return Kind.LIST;
        }
        if (t.isMapLikeType()) {
            return Kind.MAP;
        }
        if (t.isPrimitive() || t.isEnumType() || CharSequence.class.isAssignableFrom(raw)
                || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == byte[].class) {
            return Kind.SCALAR;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface()
                || Modifier.isAbstract(raw.getModifiers())) {
            return Kind.UNKNOWN;
        }
        try {
            // Custom serializers (IntOrString, Quantity) write scalars; only bean serializers write structs.
            return Json.MAPPER.getSerializerProviderInstance().findValueSerializer(t) instanceof BeanSerializerBase
                    ? Kind.STRUCT : Kind.SCALAR;
        } catch (JsonMappingException e) {
            return Kind.UNKNOWN;
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The fabric8 class's simple name, which keys {@link SchemaHints}; "" when not a struct. */
    public String name() {
        return kind == Kind.STRUCT ? type.getRawClass().getSimpleName() : "";
    }

    /** The schema of field (struct) or entry value (map) {@code name}; unknown for anything else. */
    public Schema field(String name) {
        if (kind == Kind.MAP) {
            return of(type.getContentType());
        }
        if (kind != Kind.STRUCT) {
            return UNKNOWN;
        }
        JavaType f = fields().get(name);
        return f == null ? UNKNOWN : of(f);
    }

    /** True when {@code name} is a declared field of this struct, not a key of a map or an unknown object. */
    public boolean declares(String name) {
        return kind == Kind.STRUCT && fields().containsKey(name);
    }

    /** The schema of this list's elements. */
    public Schema element() {
        return kind == Kind.LIST ? of(type.getContentType()) : UNKNOWN;
    }

    /** How list field {@code name} of this struct merges and is owned. */
    public ListType listType(String name) {
        return kind == Kind.STRUCT ? SchemaHints.list(name(), name) : ListType.ATOMIC;
    }

    /** A struct that server-side apply treats as one value ({@code +structType=atomic}). */
    public boolean isAtomic() {
        return kind == Kind.STRUCT && SchemaHints.isAtomicStruct(name());
    }

    private Map<String, JavaType> fields() {
        Map<String, JavaType> f = fields;
        if (f == null) {
            f = new HashMap<>();
            for (BeanPropertyDefinition p : Json.MAPPER.getSerializationConfig().introspect(type).findProperties()) {
                f.put(p.getName(), p.getPrimaryType());
            }
            fields = f;
        }
        return f;
    }
}

package io.k8j.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the generated message class for an (apiVersion, kind) among client-java-proto's outer classes.
 * Each outer class holds one API group-version, whose proto package is "k8s.io.api.&lt;group&gt;.&lt;version&gt;"
 * with the group cut to its first DNS label ("networking.k8s.io" -> "networking", core -> "core").
 */
final class ProtoKinds {
    private static final String PROTO_PACKAGE = "io.kubernetes.client.proto.";

    /** The GA group-versions that client-java-proto 24 generates; a group it lacks is an unknown kind. */
    private static final List<String> OUTER_CLASSES = List.of("V1", "V1Apps", "V1Autoscaling", "V1Batch",
            "V1Certificates", "V1Networking", "V1Policy", "V1Rbac", "V1Scheduling", "V1Storage",
            "V1Admissionregistration", "V1Authentication", "V1Authorization");

    private ProtoKinds() {
    }

    /** The default instance of the message for this kind, whose parser reads the envelope's raw bytes. */
    static Optional<Message> prototype(String apiVersion, String kind) {
        Class<?> outer = Index.BY_GROUP_VERSION.get(protoGroupVersion(apiVersion));
        if (outer == null) {
            return Optional.empty();
        }
        Descriptor type = descriptor(outer).findMessageTypeByName(kind);
        if (type == null) {
            return Optional.empty();
        }
        try {
            Class<?> messageClass = Class.forName(outer.getName() + "$" + type.getName(), true, outer.getClassLoader());
            return Optional.of((Message) messageClass.getMethod("getDefaultInstance").invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class for " + type.getFullName() + " is missing", e);
        }
    }

    /** "apps/v1" -> "apps/v1", "v1" -> "core/v1", "rbac.authorization.k8s.io/v1" -> "rbac/v1". */
    static String protoGroupVersion(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return "core/" + apiVersion;
        }
        String group = apiVersion.substring(0, slash);
        int dot = group.indexOf('.');
        return (dot < 0 ? group : group.substring(0, dot)) + apiVersion.substring(slash);
    }

    private static FileDescriptor descriptor(Class<?> outer) {
        try {
            return (FileDescriptor) outer.getMethod("getDescriptor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(outer + " is not a generated protobuf outer class", e);
        }
    }

    /** Built on first use: loading the descriptors costs time that JSON-only servers need not pay. */
    private static final class Index {
        static final Map<String, Class<?>> BY_GROUP_VERSION = build();

        private static Map<String, Class<?>> build() {
            Map<String, Class<?>> index = new HashMap<>();
            for (String name : OUTER_CLASSES) {
                Class<?> outer;
                try {
                    outer = Class.forName(PROTO_PACKAGE + name);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("client-java-proto lacks " + name, e);
                }
                String[] parts = descriptor(outer).getPackage().split("\\.");
                index.put(parts[parts.length - 2] + "/" + parts[parts.length - 1], outer);
            }
            return Map.copyOf(index);
        }
    }
}

package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube's default RBAC policy ({@code bootstrap-policy.yaml}), reconciled at every start as kube-apiserver's
 * rbac/bootstrap-roles post-start hook does: missing objects are created; existing ones annotated
 * {@code rbac.authorization.kubernetes.io/autoupdate: "true"} get the labels, annotations, rules (or aggregation
 * selectors) and subjects they miss. Nothing is taken away, so an administrator's additions stay.
 */
public final class BootstrapPolicy {
    static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    private static final WriteOptions SYSTEM = WriteOptions.of("k8j-apiserver");
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapPolicy.class);

    private BootstrapPolicy() {
    }

    /** The policy's objects, ClusterRoles before the bindings that name them. */
    public static List<ObjectNode> objects() {
        try (InputStream in = BootstrapPolicy.class.getResourceAsStream("bootstrap-policy.yaml")) {
            List<ObjectNode> out = new ArrayList<>();
            var docs = Json.YAML.readerFor(ObjectNode.class).<ObjectNode>readValues(in);
            while (docs.hasNext()) {
                out.add(docs.next());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void reconcile(Registry registry) {
        for (ObjectNode expected : objects()) {
            String plural = expected.path("kind").asText().equals("ClusterRole") ? "clusterroles" : "clusterrolebindings";
            GenericStore store = registry.find("rbac.authorization.k8s.io", "v1", plural).orElseThrow();
            reconcile(store, expected);
        }
    }

    private static void reconcile(GenericStore store, ObjectNode expected) {
        String name = Meta.name(expected);
        try {
            store.create(null, expected.deepCopy(), SYSTEM);
            LOG.info("created {} {}", expected.path("kind").asText(), name);
            return;
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
        store.guaranteedUpdate(null, name, current -> {
            if (!"true".equals(Meta.stringMap(current.path("metadata").path("annotations")).get(AUTOUPDATE))) {
                return current;
            }
            addMissing(current.with("metadata").with("labels"), expected.path("metadata").path("labels"));
            addMissing(current.with("metadata").with("annotations"), expected.path("metadata").path("annotations"));
            if (expected.has("aggregationRule")) {
                addMissingElements(current.with("aggregationRule").withArray("clusterRoleSelectors"),
                        expected.path("aggregationRule").path("clusterRoleSelectors"));
            } else if (expected.has("rules")) {
                addMissingElements(current.withArray("rules"), expected.path("rules"));
            }
            if (expected.has("subjects")) {
                addMissingElements(current.withArray("subjects"), expected.path("subjects"));
            }
            return current;
        }, SYSTEM, null);
    }

    private static void addMissing(ObjectNode target, JsonNode wanted) {
        for (Map.Entry<String, JsonNode> e : wanted.properties()) {
            if (!target.has(e.getKey())) {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void addMissingElements(ArrayNode target, JsonNode wanted) {
        for (JsonNode w : wanted) {
            boolean present = false;
            for (JsonNode t : target) {
                present |= t.equals(w);
            }
            if (!present) {
                target.add(w);
            }
        }
    }
}

package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.StrategyContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders for strategy tests: objects from YAML text, and a context backed by in-memory lists. */
final class Fixtures {
    private Fixtures() {
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "field: Reason" of each error, the part tests usually pin down. */
    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.type().reason()).toList();
    }

    /** A context whose stored objects are the given lists, keyed by plural. */
    static final class Context implements StrategyContext {
        final Map<String, List<ObjectNode>> stored;
        final boolean dryRun;
        private final List<Runnable> aborts = new ArrayList<>();

        Context(Map<String, List<ObjectNode>> stored, boolean dryRun) {
            this.stored = stored;
            this.dryRun = dryRun;
        }

        static Context empty() {
            return new Context(Map.of(), false);
        }

        static Context services(List<ObjectNode> services) {
            return new Context(Map.of("services", services), false);
        }

        @Override
        public List<ObjectNode> list(String group, String plural) {
            return new ArrayList<>(stored.getOrDefault(plural, List.of()));
        }

        /** Stored objects by namespace and name; with none stored, every service account exists (pods need one). */
        @Override
        public ObjectNode get(String group, String plural, String namespace, String name) {
            if (plural.equals("serviceaccounts") && !stored.containsKey(plural)) {
                return Json.object().put("apiVersion", "v1").put("kind", "ServiceAccount").set("metadata",
                        Json.object().put("name", name).put("namespace", namespace));
            }
            return stored.getOrDefault(plural, List.of()).stream()
                    .filter(o -> name.equals(o.path("metadata").path("name").asText())
                            && (namespace == null || namespace.equals(o.path("metadata").path("namespace").asText())))
                    .findFirst().orElse(null);
        }

        @Override
        public boolean dryRun() {
            return dryRun;
        }

        @Override
        public void onAbort(Runnable undo) {
            aborts.add(undo);
        }

        /** What the store would run if the write failed. */
        void abort() {
            aborts.forEach(Runnable::run);
            aborts.clear();
        }
    }
}

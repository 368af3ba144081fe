package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.apply.ManagedFields;
import io.k8j.apiserver.registry.strategy.ServiceAllocator;
import io.k8j.apiserver.registry.strategy.Strategies;
import io.k8j.storage.KeyValue;
import io.k8j.storage.cache.WatchCache;
import io.k8j.storage.sqlite.SqliteStorage;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A registry over real storage (SQLite behind the watch cache, in a fresh temporary directory) with
 * the built-in strategies, a hand-moved clock and the managedFields recording the server uses; plus
 * builders for objects. A JUnit extension: each test gets its own, with the given namespaces created,
 * and it is closed after the test's own {@code @AfterEach} methods have run.
 *
 * <pre>{@code
 * @RegisterExtension
 * final StoreFixture f = new StoreFixture("ns");
 * }</pre>
 */
final class StoreFixture implements BeforeEachCallback, AfterEachCallback {
    static final Instant START = Instant.parse("2025-03-04T05:06:07Z");
    static final WriteOptions WRITE = WriteOptions.of("test");
    static final WriteOptions DRY_RUN = new WriteOptions(true, "test", false, false, w -> { });

    /** What ManagedFieldsRecorder (package-private in io.k8j.apiserver) does on an ordinary write. */
    static final FieldManager RECORDER = (old, obj, options, apiVersion, subresource, now) -> options.apply() ? obj
            : ManagedFields.recordUpdate(old, obj, options.fieldManager(), apiVersion, "Update", now, subresource);

    private final List<String> namespaces;
    private Path dir;
    MutableClock clock;
    RacingStorage storage;
    Registry registry;

    /** A fixture in which each test starts with {@code namespaces} created. */
    StoreFixture(String... namespaces) {
        this.namespaces = List.of(namespaces);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("k8j-store-");
        clock = new MutableClock(START);
        storage = new RacingStorage(new WatchCache(new SqliteStorage(dir.resolve("db"))));
        ServiceAllocator allocator = new ServiceAllocator();
        registry = new Registry(ResourceCatalog.builtIn(), storage, t -> Strategies.forResource(t, allocator),
                RECORDER, clock);
        namespaces.forEach(this::namespace);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            storage.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    GenericStore store(String group, String plural) {
        return registry.find(group, "v1", plural).orElseThrow();
    }

    GenericStore configMaps() {
        return store("", "configmaps");
    }

    GenericStore pods() {
        return store("", "pods");
    }

    GenericStore deployments() {
        return store("apps", "deployments");
    }

    GenericStore namespaces() {
        return registry.namespaces();
    }

    ObjectNode namespace(String name) {
        return namespaces().create(null, yaml("metadata: {name: " + name + "}"), WRITE);
    }

    ObjectNode configMap(String ns, String name, String labels) {
        return configMaps().create(ns, yaml("metadata: {name: " + name + ", labels: {" + labels + "}}\ndata: {k: v}"),
                WRITE);
    }

    /** Writes {@code obj} straight to storage, as another API server would, bypassing the store. */
    KeyValue writeBehindTheStore(GenericStore store, ObjectNode obj) {
        String key = store.type().key(Meta.namespace(obj), Meta.name(obj));
        return storage.update(key, StoredObjects.encode(obj), Long.parseLong(Meta.resourceVersion(obj)));
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode deployment(String name) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, labels: {app: web}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: nginx, image: nginx}]
                """.formatted(name));
    }

    /** A pod, bound to {@code nodeName} unless it is empty. */
    static ObjectNode pod(String name, String nodeName) {
        ObjectNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  containers: [{name: c, image: busybox}]
                """.formatted(name));
        if (!nodeName.isEmpty()) {
            pod.with("spec").put("nodeName", nodeName);
        }
        return pod;
    }

    /** The ApiException {@code call} throws (fails the test when it returns normally). */
    static ApiException apiError(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    /** The field paths of a Status's details.causes. */
    static List<String> causeFields(ApiException e) {
        List<String> fields = new ArrayList<>();
        for (JsonNode c : e.status().path("details").path("causes")) {
            fields.add(c.path("field").asText());
        }
        return fields;
    }

    static List<String> names(ObjectList list) {
        return list.items().stream().map(Meta::name).toList();
    }
}

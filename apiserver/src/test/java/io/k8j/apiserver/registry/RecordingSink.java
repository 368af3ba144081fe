package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.storage.StorageException;

import java.util.ArrayList;
import java.util.List;

/** A watch sink that keeps what it is told as "TYPE name" lines, with initialEventsEnd as "END". */
final class RecordingSink implements WatchSink {
    private final List<String> lines = new ArrayList<>();
    private final List<ObjectNode> objects = new ArrayList<>();

    @Override
    public synchronized void event(String type, ObjectNode object) {
        lines.add(type + " " + Meta.name(object));
        objects.add(object);
    }

    @Override
    public synchronized void initialEventsEnd(long revision) {
        lines.add("END");
    }

    @Override
    public synchronized void terminated(StorageException cause) {
        lines.add("TERMINATED");
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized ObjectNode last() {
        return objects.getLast();
    }
}

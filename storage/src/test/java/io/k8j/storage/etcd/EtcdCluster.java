package io.k8j.storage.etcd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throwaway etcd cluster of several {@link EtcdProcess} members on 127.0.0.1, for tests of what happens when
 * members stop: {@link #stop(int)} kills one by its own process handle, {@link #restart(int)} brings it back on
 * its data dir. {@link #close()} kills them all and deletes their data.
 */
public final class EtcdCluster implements AutoCloseable {
    private final List<EtcdProcess> members = new ArrayList<>();

    /** Starts {@code size} members and waits until each reports healthy (the cluster has a leader). */
    public static EtcdCluster start(int size) throws IOException, InterruptedException {
        EtcdCluster cluster = new EtcdCluster();
        try {
            for (int i = 0; i < size; i++) {
                cluster.members.add(new EtcdProcess("k8j-test-" + i));
            }
            String initial = cluster.members.stream().map(EtcdProcess::peer).collect(Collectors.joining(","));
            for (EtcdProcess m : cluster.members) {
                m.join(initial);
                m.launch();
            }
            for (EtcdProcess m : cluster.members) {
                m.awaitHealthy();
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The client URLs of all members, comma-separated, as --datastore-endpoint takes them. */
    public String endpoints() {
        return members.stream().map(EtcdProcess::clientUrl).collect(Collectors.joining(","));
    }

    public long pid(int member) {
        return members.get(member).pid();
    }

    public void stop(int member) {
        members.get(member).stop();
    }

    /** Restarts a stopped member on its data dir; it rejoins (see {@link #awaitHealthy()}). */
    public void restart(int member) throws IOException, InterruptedException {
        members.get(member).launch();
    }

    /** Waits until every member reports healthy. */
    public void awaitHealthy() throws InterruptedException {
        for (EtcdProcess m : members) {
            m.awaitHealthy();
        }
    }

    @Override
    public void close() {
        members.forEach(EtcdProcess::close);
    }
}

package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EventRecorder;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.time.Clock;

/**
 * Kube's persistentvolume controller: binds claims to volumes and releases volumes whose claims are
 * gone. Claims and volumes share one queue (their keys differ: claims are namespaced); the work is
 * {@link VolumeBinder}.
 */
public final class PersistentVolumeController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Clock clock = Clock.systemUTC();
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;

    public PersistentVolumeController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    @Override
    public void start() {
        var claims = informers.of(PersistentVolumeClaim.class);
        var volumes = informers.of(PersistentVolume.class);
        claims.addEventHandler(VolumeEvents.claims(queue));
        volumes.addEventHandler(VolumeEvents.volumes(queue));
        VolumeBinder binder = new VolumeBinder(claims.getIndexer(), volumes.getIndexer(),
                informers.of(StorageClass.class).getIndexer(), informers.of(Node.class).getIndexer(),
                new VolumeWriter(client), new EventRecorder(client, "persistentvolume-controller", clock));
        loop = new ControllerLoop("persistentvolume-controller", queue, binder::reconcile, 2);
        informers.start(StorageClass.class, Node.class, PersistentVolume.class, PersistentVolumeClaim.class);
        loop.start();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}

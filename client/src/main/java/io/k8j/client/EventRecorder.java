package io.k8j.client;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Records core/v1 Events about objects, as client-go's recorder does: a repeat of the same reason and
 * message on the same object (or the same part of it: fieldPath) raises the count of the existing Event
 * instead of creating another. It writes synchronously; {@link AsyncEventSink} puts a queue in front.
 */
public final class EventRecorder implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String component;
    /** Event.source.host and reportingInstance: the node of a kubelet, null for control-plane components. */
    private final String host;
    private final Clock clock;
    private static final int REMEMBERED = 4096;

    /** The latest Event per (object, reason, message), bounded so a long-running component does not grow. */
    private final Map<String, Event> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public EventRecorder(KubernetesClient client, String component, Clock clock) {
        this(client, component, null, clock);
    }

    public EventRecorder(KubernetesClient client, String component, String host, Clock clock) {
        this.client = client;
        this.component = component;
        this.host = host;
        this.clock = clock;
    }

    /** {@code type} is "Normal" or "Warning". Failures are logged, never thrown: events are best effort. */
    public void record(HasMetadata obj, String type, String reason, String message) {
        record(new ObjectReferenceBuilder().withApiVersion(obj.getApiVersion()).withKind(obj.getKind())
                .withNamespace(obj.getMetadata().getNamespace()).withName(obj.getMetadata().getName())
                .withUid(obj.getMetadata().getUid()).withResourceVersion(obj.getMetadata().getResourceVersion())
                .build(), type, reason, message);
    }

    @Override
    public void record(ObjectReference involved, String type, String reason, String message) {
        String namespace = involved.getNamespace() == null ? "default" : involved.getNamespace();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String key = involved.getUid() + "|" + involved.getFieldPath() + "|" + type + "|" + reason + "|" + message;
        try {
            Event previous = recent.get(key);
            Event event;
            if (previous != null) {
                int count = previous.getCount() == null ? 2 : previous.getCount() + 1;
                // a patch of the event held (fabric8 reads first when given only a name), as client-go's recorder
                // patches: kube's system:node role may not get events
                event = client.v1().events().inNamespace(namespace).resource(previous)
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                                "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
            } else {
                event = client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                        .withNewMetadata().withGenerateName(involved.getName() + ".").withNamespace(namespace)
                        .endMetadata()
                        .withInvolvedObject(involved)
                        .withType(type).withReason(reason).withMessage(message).withCount(1)
                        .withFirstTimestamp(now).withLastTimestamp(now)
                        .withNewSource().withComponent(component).withHost(host).endSource()
                        .withReportingComponent(component).withReportingInstance(host).build()).create();
            }
            recent.put(key, event);
        } catch (KubernetesClientException e) {
            recent.remove(key);
            LOG.debug("event {} on {} not recorded: {}", reason, involved.getName(), e.getMessage());
        }
    }
}

package io.k8j.kubelet.server;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube's kubelet webhook authorization: a SubjectAccessReview of the caller on this node's nodes/SUBRESOURCE,
 * asked of the API server and cached 5 minutes when allowed and 30 seconds when denied, as kubelet's defaults.
 */
final class CallerAuthorizer {
    static final Duration ALLOWED_TTL = Duration.ofMinutes(5);
    static final Duration DENIED_TTL = Duration.ofSeconds(30);

    private record Question(String user, String uid, List<String> groups, Map<String, List<String>> extra,
                            NodeRequestAttributes attributes) {
    }

    private final KubernetesClient client;
    private final String nodeName;
    private final ExpiringCache<Question, Boolean> answers;

    CallerAuthorizer(KubernetesClient client, String nodeName, Clock clock) {
        this.client = client;
        this.nodeName = nodeName;
        this.answers = new ExpiringCache<>(ALLOWED_TTL, DENIED_TTL, Boolean::booleanValue, clock);
    }

    /** Blocks on the API server. */
    boolean allowed(Caller caller, NodeRequestAttributes attributes) {
        Question q = new Question(caller.user(), caller.uid(), caller.groups(), caller.extra(), attributes);
        Optional<Boolean> cached = answers.get(q);
        if (cached.isPresent()) {
            return cached.get();
        }
        SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(
                new SubjectAccessReviewBuilder().withNewSpec().withUser(caller.user()).withUid(caller.uid())
                        .withGroups(caller.groups()).withExtra(caller.extra()).withNewResourceAttributes()
                        .withGroup("").withVersion("v1").withResource("nodes").withSubresource(attributes.subresource())
                        .withVerb(attributes.verb()).withName(nodeName).endResourceAttributes().endSpec().build());
        boolean allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        answers.put(q, allowed);
        return allowed;
    }
}

package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.admission.noderestriction.NodeRequests;
import io.k8j.apiserver.authn.Authentication;
import io.k8j.apiserver.authn.BoundClaims;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.Registry;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST serviceaccounts/NAME/token} (kube's TokenREST): a bound token for an existing account, with the
 * requested audiences (default: the API server's) and lifetime (default 1 h, 10 min to 2^32 s, cut to
 * {@code --service-account-max-token-expiration}), optionally bound to a Pod (of that account), Secret or Node
 * whose uid it then carries. A pod-bound token asked for 3607 s (what the kubelet asks) is valid for a year and
 * warns after 3607 s, as kube's {@code --service-account-extend-token-expiration}.
 */
final class TokenRequests {
    static final long DEFAULT_SECONDS = 3600;
    static final long WARN_ONLY_SECONDS = 3607;
    static final long EXTENDED_SECONDS = 365L * 24 * 60 * 60;
    private static final long MIN_SECONDS = 600;
    private static final long MAX_SECONDS = 1L << 32;
    private static final ResourceType TOKEN_REQUEST = new ResourceType("authentication.k8s.io", "v1", "TokenRequest",
            "token", "tokenrequest", true, List.of(), List.of(), Set.of(), TokenRequest.class);

    private final Registry registry;
    private final Authentication authn;
    private final Clock clock;

    TokenRequests(Registry registry, Authentication authn, Clock clock) {
        this.registry = registry;
        this.authn = authn;
        this.clock = clock;
    }

    void create(ApiRequest req, RequestInfo info, String ns) {
        if (!info.verb().equals("create")) {
            throw ApiException.methodNotAllowed();
        }
        ObjectNode body = BodyDecoder.object(req.body(), req.header("Content-Type"), TOKEN_REQUEST, false);
        NodeRequests.admitToken(req.user(), ns, info.name(), body, (namespace, pod) -> get("pods", namespace, pod));
        ObjectNode account = get("serviceaccounts", ns, info.name());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode spec = body.with("spec");
        if (!spec.path("audiences").isArray() || spec.path("audiences").isEmpty()) {
            authn.options().apiAudiences().forEach(spec.putArray("audiences")::add);
        }
        long seconds = spec.path("expirationSeconds").asLong(DEFAULT_SECONDS);
        validate(info.name(), seconds);
        long max = authn.options().maxTokenExpirationSeconds();
        if (max > 0 && seconds > max) {
            req.warn("requested expiration of " + seconds + " seconds shortened to " + max + " seconds");
            seconds = max;
        }
        spec.put("expirationSeconds", seconds);
        List<String> audiences = new ArrayList<>();
        spec.get("audiences").forEach(a -> audiences.add(a.asText()));
        BoundClaims claims = bind(ns, account, spec.get("boundObjectRef"));
        long lifetime = seconds;
        long warnAfter = 0;
        if (authn.options().extendTokenExpiration() && claims.pod() != null && seconds == WARN_ONLY_SECONDS
                && authn.options().apiAudiences().containsAll(audiences)) {
            warnAfter = seconds;
            lifetime = EXTENDED_SECONDS;
        }
        String token = authn.issuer().issue(now, audiences, lifetime, warnAfter, claims);
        ObjectNode out = Json.object().put("kind", "TokenRequest").put("apiVersion", "authentication.k8s.io/v1");
        out.putObject("metadata").put("name", info.name()).put("namespace", ns)
                .put("creationTimestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        out.set("spec", spec);
        out.putObject("status").put("token", token)
                .put("expirationTimestamp", DateTimeFormatter.ISO_INSTANT.format(now.plusSeconds(seconds)));
        Responses.json(req, 201, out);
    }

    private static void validate(String name, long seconds) {
        if (seconds < MIN_SECONDS) {
            throw ApiException.invalid(TOKEN_REQUEST, name, List.of(FieldError.invalid("spec.expirationSeconds",
                    seconds, "may not specify a duration less than 10 minutes")));
        }
        if (seconds > MAX_SECONDS) {
            throw ApiException.invalid(TOKEN_REQUEST, name, List.of(FieldError.invalid("spec.expirationSeconds",
                    seconds, "may not specify a duration larger than 2^32 seconds")));
        }
    }

    /** The claims for the account and the object the token is bound to, with kube's errors for a bad reference. */
    private BoundClaims bind(String ns, ObjectNode account, JsonNode ref) {
        BoundClaims.Ref sa = ref(account);
        if (ref == null || !ref.isObject() || ref.path("kind").asText("").isEmpty()) {
            return new BoundClaims(ns, sa, null, null, null, 0);
        }
        String kind = ref.path("kind").asText();
        String apiVersion = ref.path("apiVersion").asText("v1");
        String name = ref.path("name").asText("");
        if (!apiVersion.equals("v1") || !Set.of("Pod", "Secret", "Node").contains(kind)) {
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            // Go's GroupVersionKind.String(): "/v1, Kind=ConfigMap" for the core group.
            throw ApiException.badRequest("cannot bind token to object of type " + group + "/" + version + ", Kind=" + kind);
        }
        ObjectNode obj = switch (kind) {
            case "Pod" -> get("pods", ns, name);
            case "Secret" -> get("secrets", ns, name);
            default -> get("nodes", null, name);
        };
        if (kind.equals("Pod") && !obj.path("spec").path("serviceAccountName").asText("").equals(sa.name())) {
            throw ApiException.badRequest("cannot bind token for serviceaccount \"" + sa.name()
                    + "\" to pod running with different serviceaccount name.");
        }
        String uid = ref.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(Meta.uid(obj))) {
            throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + kind + " \"" + name
                    + "\": the UID in the bound object reference (" + uid + ") does not match the UID in record. "
                    + "The object might have been deleted and then recreated", Json.object().put("name", name).put("kind", kind));
        }
        return switch (kind) {
            case "Pod" -> new BoundClaims(ns, sa, ref(obj), null, podNode(obj), 0);
            case "Secret" -> new BoundClaims(ns, sa, null, ref(obj), null, 0);
            default -> new BoundClaims(ns, sa, null, null, ref(obj), 0);
        };
    }

    /** A pod-bound token names the pod's node too, when the node exists (kube's ServiceAccountTokenPodNodeInfo). */
    private BoundClaims.Ref podNode(ObjectNode pod) {
        String node = pod.path("spec").path("nodeName").asText("");
        if (node.isEmpty()) {
            return null;
        }
        try {
            return ref(get("nodes", null, node));
        } catch (ApiException e) {
            return null;
        }
    }

    private ObjectNode get(String plural, String ns, String name) {
        return registry.find("", "v1", plural).orElseThrow().get(ns, name);
    }

    private static BoundClaims.Ref ref(ObjectNode obj) {
        return new BoundClaims.Ref(Meta.name(obj), Meta.uid(obj));
    }
}

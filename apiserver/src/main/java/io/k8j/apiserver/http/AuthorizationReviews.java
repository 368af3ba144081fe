package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.authz.Attributes;
import io.k8j.apiserver.authz.Authorization;
import io.k8j.apiserver.authz.Authorizer;
import io.k8j.apiserver.authz.NodeIdentity;
import io.k8j.apiserver.authz.PolicyRule;
import io.k8j.apiserver.authz.RbacIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization.k8s.io reviews, answered and never stored (kube's subjectaccessreview, selfsubjectaccessreview,
 * localsubjectaccessreview and selfsubjectrulesreview REST): may a user do something ({@code kubectl auth can-i}),
 * and which rules the caller holds in a namespace ({@code kubectl auth can-i --list}).
 */
final class AuthorizationReviews {
    private final Authorization authz;

    /** {@code authz} null: no authorization, every access review is allowed and no rules are known. */
    AuthorizationReviews(Authorization authz) {
        this.authz = authz;
    }

    /** True when {@code type} is one of these reviews (and the response has been written). */
    boolean create(ApiRequest req, ResourceType type, RequestInfo info) {
        if (!type.group().equals("authorization.k8s.io")) {
            return false;
        }
        ObjectNode review = BodyDecoder.object(req.body(), req.header("Content-Type"), type, false);
        review.with("metadata").putNull("creationTimestamp");
        ObjectNode spec = review.with("spec");
        switch (type.kind()) {
            case "SubjectAccessReview" -> {
                List<FieldError> errs = attributeErrors(spec, false);
                if (spec.path("user").asText("").isEmpty() && spec.path("groups").isEmpty()) {
                    errs.add(FieldError.invalid("spec.user", spec.path("user").asText(""),
                            "at least one of user or group must be specified"));
                }
                check(type, errs);
                access(review, spec, specUser(spec));
            }
            case "LocalSubjectAccessReview" -> {
                List<FieldError> errs = attributeErrors(spec, true);
                if (spec.path("user").asText("").isEmpty() && spec.path("groups").isEmpty()) {
                    errs.add(FieldError.invalid("spec.user", spec.path("user").asText(""),
                            "at least one of user or group must be specified"));
                }
                check(type, errs);
                String ns = spec.path("resourceAttributes").path("namespace").asText("");
                if (!ns.equals(info.namespace())) {
                    throw ApiException.badRequest("spec.resourceAttributes.namespace must match namespace: " + info.namespace());
                }
                access(review, spec, specUser(spec));
            }
            case "SelfSubjectAccessReview" -> {
                check(type, attributeErrors(spec, false));
                access(review, spec, req.user());
            }
            case "SelfSubjectRulesReview" -> rules(review, spec.path("namespace").asText(""), req.user());
            default -> {
                return false;
            }
        }
        Responses.json(req, 201, review);
        return true;
    }

    private static List<FieldError> attributeErrors(JsonNode spec, boolean local) {
        List<FieldError> errs = new ArrayList<>();
        boolean resource = spec.hasNonNull("resourceAttributes");
        boolean nonResource = spec.hasNonNull("nonResourceAttributes");
        if (local && nonResource) {
            errs.add(FieldError.invalid("spec.nonResourceAttributes", spec.get("nonResourceAttributes"),
                    "disallowed on this kind of request"));
        } else if (resource && nonResource) {
            errs.add(FieldError.invalid("spec.nonResourceAttributes", spec.get("nonResourceAttributes"),
                    "cannot be specified in combination with resourceAttributes"));
        }
        if (!resource && !nonResource) {
            errs.add(FieldError.invalid("spec.resourceAttributes", null,
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        return errs;
    }

    private static void check(ResourceType type, List<FieldError> errs) {
        if (!errs.isEmpty()) {
            throw ApiException.invalid(type, "", errs);
        }
    }

    private static UserInfo specUser(JsonNode spec) {
        List<String> groups = new ArrayList<>();
        spec.path("groups").forEach(g -> groups.add(g.asText()));
        Map<String, List<String>> extra = new LinkedHashMap<>();
        spec.path("extra").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            extra.put(e.getKey(), values);
        });
        return new UserInfo(spec.path("user").asText(""), spec.path("uid").asText(""), groups, extra);
    }

    private void access(ObjectNode review, JsonNode spec, UserInfo user) {
        Attributes attributes;
        if (spec.hasNonNull("resourceAttributes")) {
            JsonNode r = spec.get("resourceAttributes");
            attributes = Attributes.resource(user, r.path("verb").asText(""), r.path("group").asText(""),
                    r.path("resource").asText(""), r.path("subresource").asText(""), r.path("namespace").asText(""),
                    r.path("name").asText(""));
        } else {
            JsonNode n = spec.get("nonResourceAttributes");
            attributes = Attributes.nonResource(user, n.path("verb").asText(""), n.path("path").asText(""));
        }
        Authorizer.Result result = authz == null ? Authorizer.Result.ALLOW : authz.authorizer().authorize(attributes);
        ObjectNode status = review.putObject("status").put("allowed", result.allowed());
        if (result.decision() == Authorizer.Decision.DENY) {
            status.put("denied", true);
        }
        if (!result.reason().isEmpty()) {
            status.put("reason", result.reason());
        }
    }

    /**
     * kube's rule resolvers for the caller in {@code namespace}: RBAC's resource rules, then non-resource rules;
     * incomplete for a node, whose Node authorizer rules are not listed.
     */
    private void rules(ObjectNode review, String namespace, UserInfo user) {
        ObjectNode status = review.putObject("status");
        var resourceRules = status.putArray("resourceRules");
        var nonResourceRules = status.putArray("nonResourceRules");
        status.put("incomplete", false);
        if (authz == null) {
            return;
        }
        RbacIndex.Rules rules = authz.rbac().rulesFor(user, namespace);
        for (PolicyRule rule : rules.rules()) {
            ObjectNode json = rule.toJson();
            (rule.nonResourceURLs().isEmpty() ? resourceRules : nonResourceRules).add(json);
        }
        List<String> errors = new ArrayList<>(rules.errors());
        if (NodeIdentity.nodeName(user) != null) {
            // kube's Node authorizer cannot list what it allows: the rules shown are RBAC's only
            status.put("incomplete", true);
            errors.addFirst("node authorizer does not support user rule resolution");
        }
        if (!errors.isEmpty()) {
            status.put("evaluationError", String.join(", ", errors));
        }
    }
}

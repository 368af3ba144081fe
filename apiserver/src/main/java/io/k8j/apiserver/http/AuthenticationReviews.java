package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.authn.Authenticated;
import io.k8j.apiserver.authn.InvalidTokenException;
import io.k8j.apiserver.authn.TokenAuthenticators;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The authentication.k8s.io reviews, answered and never stored: TokenReview (who a bearer token stands for, as
 * the API server itself would authenticate it, for the audiences asked) and SelfSubjectReview (who the caller
 * is: {@code kubectl auth whoami}).
 */
final class AuthenticationReviews {
    private final TokenAuthenticators tokens;
    private final Clock clock;

    /** {@code tokens} null: no token authentication, so a TokenReview comes back without a status, as in kube. */
    AuthenticationReviews(TokenAuthenticators tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** True when {@code type} is one of these reviews (and the response has been written). */
    boolean create(ApiRequest req, ResourceType type) {
        switch (type.kind()) {
            case "TokenReview" -> Responses.json(req, 201, tokenReview(decode(req, type)));
            case "SelfSubjectReview" -> Responses.json(req, 201, selfSubjectReview(decode(req, type), req.user()));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode decode(ApiRequest req, ResourceType type) {
        return BodyDecoder.object(req.body(), req.header("Content-Type"), type, false);
    }

    private ObjectNode tokenReview(ObjectNode review) {
        ObjectNode spec = review.with("spec");
        String token = spec.path("token").asText("");
        if (token.isEmpty()) {
            throw ApiException.badRequest("token is required for TokenReview in authentication");
        }
        metadata(review).putNull("creationTimestamp");
        if (tokens == null) {
            return review;
        }
        List<String> audiences = new ArrayList<>();
        spec.path("audiences").forEach(a -> audiences.add(a.asText()));
        ObjectNode status = review.putObject("status");
        try {
            Authenticated result = tokens.authenticate(token, audiences);
            if (result == null) {
                status.put("authenticated", false).put("error", "invalid bearer token");
            } else {
                status.put("authenticated", true);
                status.set("user", userInfo(AuthenticationFilter.withAuthenticatedGroup(result.user())));
                result.audiences().forEach(status.putArray("audiences")::add);
            }
        } catch (InvalidTokenException e) {
            status.put("authenticated", false).put("error", e.getMessage());
        }
        return review;
    }

    private ObjectNode selfSubjectReview(ObjectNode review, UserInfo user) {
        metadata(review).put("creationTimestamp",
                DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        review.putObject("status").set("userInfo", userInfo(user));
        return review;
    }

    private static ObjectNode metadata(ObjectNode review) {
        JsonNode meta = review.get("metadata");
        return meta instanceof ObjectNode m ? m : review.putObject("metadata");
    }

    /** authentication.k8s.io UserInfo: uid, groups and extra are omitted when empty. */
    static ObjectNode userInfo(UserInfo user) {
        ObjectNode u = Json.object().put("username", user.name());
        if (!user.uid().isEmpty()) {
            u.put("uid", user.uid());
        }
        if (!user.groups().isEmpty()) {
            user.groups().forEach(u.putArray("groups")::add);
        }
        if (!user.extra().isEmpty()) {
            ObjectNode extra = u.putObject("extra");
            user.extra().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> e.getValue().forEach(extra.withArrayProperty(e.getKey())::add));
        }
        return u;
    }
}

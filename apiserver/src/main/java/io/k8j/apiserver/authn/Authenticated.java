package io.k8j.apiserver.authn;

import io.k8j.apiserver.http.UserInfo;

import java.util.List;

/** A token's user and the audiences it was found valid for (what a TokenReview reports). */
public record Authenticated(UserInfo user, List<String> audiences) {
    public Authenticated {
        audiences = List.copyOf(audiences);
    }
}

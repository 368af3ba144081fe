package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.apiserver.authn.Authenticated;
import io.k8j.apiserver.authn.InvalidTokenException;
import io.k8j.apiserver.authn.TokenAuthenticators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Authentication, the first filter (kube's union authenticator): a verified client certificate, else a bearer
 * token (static token file, bootstrap token, service account JWT), else anonymous, which kube 1.32's
 * anonymous-with-conditions allows only on the health and version paths. Everything else is 401 with kube's
 * Status; so is a bearer token that no authenticator accepts, whatever the path.
 */
final class AuthenticationFilter implements RequestFilter {
    static final Set<String> ANONYMOUS_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version");
    static final String AUTHENTICATED = "system:authenticated";
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final TokenAuthenticators tokens;

    AuthenticationFilter(TokenAuthenticators tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ApiRequest request, RequestInfo info) {
        UserInfo user = ClientCertAuthenticator.user(request.raw());
        if (user == null) {
            user = bearer(request.header("Authorization"));
        }
        if (user != null) {
            request.authenticate(withAuthenticatedGroup(user));
        } else if (ANONYMOUS_PATHS.contains(request.path())) {
            request.authenticate(UserInfo.ANONYMOUS);
        } else {
            throw unauthorized();
        }
    }

    /** kube's bearertoken authenticator: a malformed header is no credential; a refused token is a 401. */
    private UserInfo bearer(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
            return null;
        }
        try {
            Authenticated result = tokens.authenticate(parts[1], List.of());
            if (result == null) {
                throw unauthorized();
            }
            return result.user();
        } catch (InvalidTokenException e) {
            LOG.debug("bearer token refused: {}", e.getMessage());
            throw unauthorized();
        }
    }

    /** kube's AuthenticatedGroupAdder. */
    static UserInfo withAuthenticatedGroup(UserInfo user) {
        if (user.groups().contains(AUTHENTICATED) || user.groups().contains("system:unauthenticated")) {
            return user;
        }
        List<String> groups = new ArrayList<>(user.groups());
        groups.add(AUTHENTICATED);
        return new UserInfo(user.name(), user.uid(), groups, user.extra());
    }

    static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized", "Unauthorized", null);
    }
}

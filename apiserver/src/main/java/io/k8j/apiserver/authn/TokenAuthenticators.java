package io.k8j.apiserver.authn;

import java.util.ArrayList;
import java.util.List;

/**
 * kube's union token authenticator: each kind in order, the first that accepts wins; when none does, the
 * errors of those that recognised the token are reported together. Kinds that know nothing of audiences
 * (static and bootstrap tokens) are valid only for the API server's own audiences, as kube's
 * WrapAudienceAgnosticToken makes them.
 */
public final class TokenAuthenticators {
    private final List<TokenAuthenticator> chain;

    public TokenAuthenticators(List<TokenAuthenticator> chain) {
        this.chain = List.copyOf(chain);
    }

    /** Who the token stands for, or null when no authenticator took it. */
    public Authenticated authenticate(String token, List<String> audiences) {
        List<String> errors = new ArrayList<>();
        for (TokenAuthenticator a : chain) {
            try {
                Authenticated result = a.authenticate(token, audiences);
                if (result != null) {
                    return result;
                }
            } catch (InvalidTokenException e) {
                errors.add(e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        // utilerrors.NewAggregate: one error prints as itself, several as a bracketed list.
        throw new InvalidTokenException(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
    }

    /** Wraps an authenticator that ignores audiences so that it answers only for {@code apiAudiences}. */
    public static TokenAuthenticator audienceAgnostic(List<String> apiAudiences, TokenAuthenticator inner) {
        return (token, audiences) -> {
            List<String> valid = audiences.isEmpty() ? apiAudiences : Audiences.intersect(audiences, apiAudiences);
            if (valid.isEmpty() && !apiAudiences.isEmpty()) {
                return null;
            }
            Authenticated result = inner.authenticate(token, audiences);
            return result == null ? null : new Authenticated(result.user(), valid);
        };
    }
}

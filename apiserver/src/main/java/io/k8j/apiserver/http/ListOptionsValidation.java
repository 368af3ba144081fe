package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * kube's ValidateListOptions for list, watch and deletecollection: which combinations of resourceVersionMatch,
 * continue and sendInitialEvents a request may use. A violation is a 422 on {@code ListOptions.meta.k8s.io}.
 */
final class ListOptionsValidation {
    private static final String EXACT = "Exact";
    private static final String NOT_OLDER_THAN = "NotOlderThan";
    private static final String MATCH = "resourceVersionMatch";
    private static final ResourceType LIST_OPTIONS = new ResourceType("meta.k8s.io", "v1", "ListOptions",
            "listoptions", "listoptions", false, List.of(), List.of(), Set.of(),
            io.fabric8.kubernetes.api.model.ListOptions.class);

    private ListOptionsValidation() {
    }

    /**
     * @param sendInitialEvents the parameter as sent, null when absent
     */
    static void check(boolean watch, String resourceVersion, String match, String continueToken,
                      String sendInitialEvents) {
        List<FieldError> errs = watch ? watchErrors(match, continueToken, sendInitialEvents)
                : listErrors(resourceVersion, match, continueToken, sendInitialEvents);
        if (!errs.isEmpty()) {
            throw ApiException.invalid(LIST_OPTIONS, "", errs);
        }
    }

    private static List<FieldError> listErrors(String rv, String match, String continueToken,
                                               String sendInitialEvents) {
        List<FieldError> errs = new ArrayList<>();
        if (!match.isEmpty()) {
            if (rv.isEmpty()) {
                errs.add(forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }
            if (!continueToken.isEmpty()) {
                errs.add(forbidden("resourceVersionMatch is forbidden when continue is provided"));
            }
            if (!match.equals(EXACT) && !match.equals(NOT_OLDER_THAN)) {
                errs.add(FieldError.notSupported(MATCH, match, List.of(EXACT, NOT_OLDER_THAN, "")));
            }
            if (match.equals(EXACT) && rv.equals("0")) {
                errs.add(forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }
        if (sendInitialEvents != null) {
            errs.add(FieldError.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
        }
        return errs;
    }

    private static List<FieldError> watchErrors(String match, String continueToken, String sendInitialEvents) {
        List<FieldError> errs = new ArrayList<>();
        if (sendInitialEvents != null && !match.equals(NOT_OLDER_THAN)) {
            errs.add(forbidden("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
        }
        if (!match.isEmpty()) {
            if (sendInitialEvents == null) {
                errs.add(forbidden("resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }
            if (!match.equals(NOT_OLDER_THAN)) {
                errs.add(FieldError.notSupported(MATCH, match, List.of(NOT_OLDER_THAN)));
            }
            if (!continueToken.isEmpty()) {
                errs.add(forbidden("resourceVersionMatch is forbidden when continue is provided"));
            }
        }
        return errs;
    }

    private static FieldError forbidden(String detail) {
        return FieldError.forbidden(MATCH, detail);
    }
}

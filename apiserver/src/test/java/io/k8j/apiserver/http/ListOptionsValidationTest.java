package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

/** kube's ValidateListOptions, with its messages. */
class ListOptionsValidationTest {

    private static String refused(boolean watch, String rv, String match, String cont, String sendInitialEvents) {
        Throwable thrown = catchThrowable(() -> ListOptionsValidation.check(watch, rv, match, cont, sendInitialEvents));
        assertThat(thrown).isInstanceOf(ApiException.class);
        ApiException e = (ApiException) thrown;
        assertThat(e.code()).isEqualTo(422);
        assertThat(e.status().at("/details/kind").asText()).isEqualTo("ListOptions");
        assertThat(e.status().at("/details/group").asText()).isEqualTo("meta.k8s.io");
        return e.getMessage();
    }

    @Test
    void plainListsAndWatchesPass() {
        assertThatCode(() -> ListOptionsValidation.check(false, "", "", "", null)).doesNotThrowAnyException();
        assertThatCode(() -> ListOptionsValidation.check(false, "10", "NotOlderThan", "", null)).doesNotThrowAnyException();
        assertThatCode(() -> ListOptionsValidation.check(true, "10", "", "", null)).doesNotThrowAnyException();
        assertThatCode(() -> ListOptionsValidation.check(true, "", "NotOlderThan", "", "true")).doesNotThrowAnyException();
    }

    @Test
    void listRules() {
        assertThat(refused(false, "", "Exact", "", null)).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
        assertThat(refused(false, "0", "Exact", "", null)).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
        assertThat(refused(false, "5", "Newest", "", null)).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Unsupported value: \"Newest\": supported values: \"Exact\", \"NotOlderThan\", \"\"");
        assertThat(refused(false, "", "", "", "true")).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list");
    }

    @Test
    void watchRules() {
        assertThat(refused(true, "5", "NotOlderThan", "", null)).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
        assertThat(refused(true, "", "", "", "true")).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    }
}

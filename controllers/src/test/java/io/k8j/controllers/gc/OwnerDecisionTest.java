package io.k8j.controllers.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerDecisionTest {
    private static List<OwnerReference> refs(String uids) {
        return uids.isBlank() ? List.of() : Arrays.stream(uids.split(";"))
                .map(u -> new OwnerReferenceBuilder().withUid(u).withName(u).withKind("ReplicaSet").withApiVersion("apps/v1").build())
                .toList();
    }

    @ParameterizedTest(name = "owners [{0}], existing [{1}]: {2}, keeping [{3}]")
    @CsvSource({
            "'',    a,   KEEP,            ''",    // no owners: never collected
            "a,     a,   KEEP,            a",
            "a,     '',  DELETE,          ''",
            "a;b,   b,   REMOVE_DANGLING, b",     // one owner left: only the dangling reference goes
            "a;b,   '',  DELETE,          ''",
            "a;b,   a;b, KEEP,            a;b"})
    void decides(String owners, String existing, OwnerDecision.Action action, String remaining) {
        Set<String> alive = Set.of(existing.isBlank() ? new String[0] : existing.split(";"));
        OwnerDecision d = OwnerDecision.of(refs(owners), r -> alive.contains(r.getUid()));
        assertThat(d.action()).isEqualTo(action);
        assertThat(d.remaining()).extracting(OwnerReference::getUid)
                .containsExactlyElementsOf(remaining.isBlank() ? List.of() : List.of(remaining.split(";")));
    }
}

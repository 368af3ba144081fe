package io.k8j.apiserver.apiextensions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VersionPriorityTest {
    @Test
    void sortsAsKubeDoesInItsDocumentation() {
        List<String> versions = new ArrayList<>(List.of("foo10", "v11alpha2", "v1", "v12alpha1", "v3beta1", "v10",
                "v10beta3", "foo1", "v2", "v11beta2"));
        versions.sort(VersionPriority.ORDER);
        assertThat(versions).containsExactly("v10", "v2", "v1", "v11beta2", "v10beta3", "v3beta1", "v12alpha1",
                "v11alpha2", "foo1", "foo10");
    }
}

package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.EncodedList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListBodyTest {
    private static final ResourceType CONFIG_MAPS = ResourceCatalog.builtIn().find("", "v1", "configmaps").orElseThrow();

    @ParameterizedTest(name = "{0} items, continue {1}")
    @CsvSource(nullValues = "null", value = {"0, null", "1, null", "3, eyJydiI6NH0", "2, ''"})
    void isWhatEncodingTheListObjectWrites(int count, String continueToken) {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode cm = Json.object().put("kind", "ConfigMap").put("apiVersion", "v1");
            cm.putObject("metadata").put("name", "cm-" + i).put("resourceVersion", Integer.toString(10 + i));
            cm.putObject("data").put("k", "v \" é " + i);
            items.add(cm);
        }
        EncodedList page = new EncodedList(items.stream().map(Json::bytes).toList(), 42, continueToken);

        assertThat(new String(ListBody.encode(CONFIG_MAPS, page)))
                .isEqualTo(new String(Responses.encode(ResourceHandler.listObject(CONFIG_MAPS, items, 42, continueToken))));
    }
}

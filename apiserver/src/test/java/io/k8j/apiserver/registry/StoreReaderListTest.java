package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.selector.FieldSelector;
import io.k8j.api.selector.LabelSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.names;
import static org.assertj.core.api.Assertions.assertThat;

class StoreReaderListTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns", "other");

    private static ListOptions labels(String selector) {
        return ListOptions.selecting(LabelSelector.parse(selector), FieldSelector.everything());
    }

    private static ListOptions fields(String selector) {
        return ListOptions.selecting(LabelSelector.everything(), FieldSelector.parse(selector));
    }

    private static ListOptions page(int limit, String continueToken, String labelSelector) {
        return new ListOptions(LabelSelector.parse(labelSelector), FieldSelector.everything(), limit, continueToken,
                "", "", false, false, 0);
    }

    private static List<String> split(String names) {
        return names.isBlank() ? List.of() : Arrays.asList(names.trim().split(" +"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "app=web                   | a b",
            "app==web                  | a b",
            "app!=web                  | c d",
            "app in (web,db)           | a b c",
            "app notin (web)           | c d",
            "tier                      | a c",
            "!tier                     | b d",
            "app=web,tier=front        | a",
            "app=nothing               | ''",
    })
    void labelSelectors(String selector, String expected) {
        f.configMap("ns", "a", "app: web, tier: front");
        f.configMap("ns", "b", "app: web");
        f.configMap("ns", "c", "app: db, tier: back");
        f.configMap("ns", "d", "");

        assertThat(names(f.configMaps().list("ns", labels(selector)))).containsExactlyElementsOf(split(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "metadata.name=a                 | ns/a other/a",
            "metadata.name!=a                | ns/b",
            "metadata.namespace=other        | other/a",
            "metadata.namespace!=other,metadata.name=b | ns/b",
    })
    void fieldSelectorsOnMetadata(String selector, String expected) {
        f.configMap("ns", "a", "");
        f.configMap("ns", "b", "");
        f.configMap("other", "a", "");

        List<String> found = f.configMaps().list(null, fields(selector)).items().stream()
                .map(o -> Meta.namespace(o) + "/" + Meta.name(o)).toList();

        assertThat(found).containsExactlyElementsOf(split(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "spec.nodeName=node-1      | bound",
            "spec.nodeName=            | pending",
            "spec.nodeName!=           | bound",
    })
    void podsSelectByNodeName(String selector, String expected) {
        f.pods().create("ns", StoreFixture.pod("bound", "node-1"), WRITE);
        f.pods().create("ns", StoreFixture.pod("pending", ""), WRITE);

        assertThat(names(f.pods().list("ns", fields(selector)))).containsExactly(expected);
    }

    @Test
    void unsupportedFieldIsBadRequest() {
        ApiException e = apiError(() -> f.configMaps().list("ns", fields("spec.nodeName=x")));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage()).contains("field label not supported: spec.nodeName");
    }

    @Test
    void namespacedListStaysInItsNamespace() {
        f.configMap("ns", "a", "");
        f.configMap("other", "b", "");

        assertThat(names(f.configMaps().list("ns", ListOptions.all()))).containsExactly("a");
        assertThat(names(f.configMaps().list(null, ListOptions.all()))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void listResourceVersionIsTheCurrentRevision() {
        f.configMap("ns", "a", "");

        assertThat(f.configMaps().list("ns", ListOptions.all()).resourceVersion())
                .isEqualTo(f.storage.currentRevision());
    }

    /** Pages through everything with {@code limit}; returns the names in order, and checks each page's size. */
    private List<String> pageThrough(int limit, String selector, int pages) {
        List<String> all = new java.util.ArrayList<>();
        String token = null;
        for (int i = 0; i < pages; i++) {
            ObjectList page = f.configMaps().list("ns", page(limit, token, selector));
            all.addAll(names(page));
            token = page.continueToken();
            if (i < pages - 1) {
                assertThat(page.items()).hasSize(limit);
                assertThat(token).as("continue token of page %d", i + 1).isNotNull();
            }
        }
        assertThat(token).as("continue token of the last page").isNull();
        return all;
    }

    private List<String> createNumbered(int count) {
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "cm-%02d".formatted(i);
            f.configMap("ns", name, i % 3 == 0 ? "every: third" : "");
            expected.add(name);
        }
        return expected;
    }

    @Test
    void paginationReturnsEveryObjectExactlyOnce() {
        List<String> expected = createNumbered(25);

        assertThat(pageThrough(10, "", 3)).containsExactlyElementsOf(expected);
    }

    @Test
    void exactMultipleOfTheLimitEndsWithoutToken() {
        List<String> expected = createNumbered(20);

        assertThat(pageThrough(10, "", 2)).containsExactlyElementsOf(expected);
    }

    @Test
    void paginationWithASparseSelector() {
        List<String> expected = createNumbered(25).stream().filter(n -> Integer.parseInt(n.substring(3)) % 3 == 0).toList();

        assertThat(expected).hasSize(9);
        assertThat(pageThrough(4, "every=third", 3)).containsExactlyElementsOf(expected);
    }

    @Test
    void paginationKeepsTheFirstPagesResourceVersion() {
        createNumbered(5);
        ObjectList first = f.configMaps().list("ns", page(2, null, ""));
        f.configMap("ns", "zz-later", "");

        ObjectList second = f.configMaps().list("ns", page(2, first.continueToken(), ""));

        assertThat(second.resourceVersion()).isEqualTo(first.resourceVersion());
    }

    /** Not base64; base64 of "not-a-number"; base64 of "x", newline, "key". */
    @ParameterizedTest
    @ValueSource(strings = {"garbage!!", "bm90LWEtbnVtYmVy", "eAprZXk"})
    void garbageContinueTokenIsBadRequest(String token) {
        f.configMap("ns", "a", "");

        ApiException e = apiError(() -> f.configMaps().list("ns", page(10, token, "")));

        assertThat(e.code()).isEqualTo(400);
    }

    @Test
    void continueTokenRoundTrips() {
        ContinueToken token = new ContinueToken(42, "/registry/core/configmaps/ns/a");

        assertThat(ContinueToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void encodedItemsAreTheObjectsAsListedIncludingAfterAnUpdate() {
        createNumbered(5);
        ListOptions firstThree = page(3, null, "");
        assertThat(encoded(f.configMaps().reader().listEncoded("ns", firstThree))).isEqualTo(jsons(f.configMaps().list("ns", firstThree)));

        ObjectNode changed = f.configMaps().get("ns", "cm-01");
        changed.putObject("data").put("k", "changed");
        f.configMaps().update("ns", "cm-01", changed, WRITE, null);

        EncodedList page = f.configMaps().reader().listEncoded("ns", firstThree);
        assertThat(encoded(page)).isEqualTo(jsons(f.configMaps().list("ns", firstThree)));
        assertThat(encoded(page).get(1)).contains("\"changed\"");
        ListOptions selecting = labels("every=third");
        assertThat(encoded(f.configMaps().reader().listEncoded("ns", selecting))).isEqualTo(jsons(f.configMaps().list("ns", selecting)));
        assertThat(encoded(f.configMaps().reader().listEncoded("ns", page(10, page.continueToken(), ""))))
                .isEqualTo(jsons(f.configMaps().list("ns", page(10, page.continueToken(), ""))));
    }

    private static List<String> encoded(EncodedList page) {
        return page.items().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static List<String> jsons(ObjectList page) {
        return page.items().stream().map(o -> new String(Json.bytes(o), StandardCharsets.UTF_8)).toList();
    }
}

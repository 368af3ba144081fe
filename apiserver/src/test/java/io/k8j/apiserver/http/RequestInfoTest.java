package io.k8j.apiserver.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RequestInfo against kube-apiserver's RequestInfoFactory; "-" stands for "none" (null). */
class RequestInfoTest {

    private static String orNull(String v) {
        return v.equals("-") ? null : v;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            // method | path                                      | group | version | namespace | resource | name | subresource | verb
            "GET    | /api/v1/pods                                 | ''    | v1 | -   | pods        | -   | -        | list",
            "GET    | /api/v1/namespaces/ns/pods                   | ''    | v1 | ns  | pods        | -   | -        | list",
            "POST   | /api/v1/namespaces/ns/pods                   | ''    | v1 | ns  | pods        | -   | -        | create",
            "GET    | /api/v1/namespaces/ns/pods/p                 | ''    | v1 | ns  | pods        | p   | -        | get",
            "HEAD   | /api/v1/namespaces/ns/pods/p                 | ''    | v1 | ns  | pods        | p   | -        | get",
            "PUT    | /api/v1/namespaces/ns/pods/p                 | ''    | v1 | ns  | pods        | p   | -        | update",
            "PATCH  | /api/v1/namespaces/ns/pods/p                 | ''    | v1 | ns  | pods        | p   | -        | patch",
            "DELETE | /api/v1/namespaces/ns/pods/p                 | ''    | v1 | ns  | pods        | p   | -        | delete",
            "DELETE | /api/v1/namespaces/ns/pods                   | ''    | v1 | ns  | pods        | -   | -        | deletecollection",
            "GET    | /api/v1/namespaces/ns/pods/p/log             | ''    | v1 | ns  | pods        | p   | log      | get",
            "PUT    | /api/v1/namespaces/ns/pods/p/status          | ''    | v1 | ns  | pods        | p   | status   | update",
            "POST   | /api/v1/namespaces/ns/pods/p/binding         | ''    | v1 | ns  | pods        | p   | binding  | create",
            "GET    | /api/v1/namespaces                           | ''    | v1 | -   | namespaces  | -   | -        | list",
            "POST   | /api/v1/namespaces                           | ''    | v1 | -   | namespaces  | -   | -        | create",
            "GET    | /api/v1/namespaces/foo                       | ''    | v1 | foo | namespaces  | foo | -        | get",
            "DELETE | /api/v1/namespaces/foo                       | ''    | v1 | foo | namespaces  | foo | -        | delete",
            "PUT    | /api/v1/namespaces/foo/status                | ''    | v1 | foo | namespaces  | foo | status   | update",
            "PUT    | /api/v1/namespaces/foo/finalize              | ''    | v1 | foo | namespaces  | foo | finalize | update",
            "GET    | /api/v1/nodes/n1                             | ''    | v1 | -   | nodes       | n1  | -        | get",
            "GET    | /apis/apps/v1/deployments                    | apps  | v1 | -   | deployments | -   | -        | list",
            "GET    | /apis/apps/v1/namespaces/ns/deployments/web  | apps  | v1 | ns  | deployments | web | -        | get",
            "PUT    | /apis/apps/v1/namespaces/ns/deployments/web/scale | apps | v1 | ns | deployments | web | scale | update",
            "GET    | /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1 | coordination.k8s.io | v1 | kube-node-lease | leases | n1 | - | get",
            "GET    | /api/v1/watch/namespaces/ns/pods             | ''    | v1 | ns  | pods        | -   | -        | watch",
            "GET    | /api/v1/watch/pods                           | ''    | v1 | -   | pods        | -   | -        | watch",
            "GET    | /api/v1/watch/namespaces/ns/pods/p           | ''    | v1 | ns  | pods        | p   | -        | watch",
            "GET    | /apis/apps/v1/watch/deployments              | apps  | v1 | -   | deployments | -   | -        | watch",
            "GET    | /api/v1/watch/namespaces/foo                 | ''    | v1 | foo | namespaces  | foo | -        | watch",
            "GET    | /api/v1/namespaces/ns/pods/                  | ''    | v1 | ns  | pods        | -   | -        | list",
    })
    void parsesLikeKube(String method, String path, String group, String version, String namespace, String resource,
                        String name, String subresource, String verb) {
        RequestInfo info = RequestInfo.parse(method, path, false);

        assertThat(info).isEqualTo(new RequestInfo(group, version, orNull(namespace), resource, orNull(name),
                orNull(subresource), verb));
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/pods, list, watch", "/api/v1/namespaces/ns/pods, list, watch"})
    void watchParameterTurnsAListIntoAWatch(String path, String without, String with) {
        assertThat(RequestInfo.parse("GET", path, false).verb()).isEqualTo(without);
        assertThat(RequestInfo.parse("GET", path, true).verb()).isEqualTo(with);
    }

    @ParameterizedTest
    @CsvSource({"/", "/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/healthz", "/openapi/v2",
            "/version"})
    void nonResourcePathsAreNotParsed(String path) {
        assertThat(RequestInfo.parse("GET", path, false)).isNull();
    }
}

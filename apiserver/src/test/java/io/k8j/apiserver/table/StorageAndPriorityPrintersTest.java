package io.k8j.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.k8j.apiserver.table.TestObjects.NOW;
import static io.k8j.apiserver.table.TestObjects.ago;
import static io.k8j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

/** `kubectl get sc` and `kubectl get pc` rows, as kube prints them. */
class StorageAndPriorityPrintersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{metadata:{name:'local-path',annotations:{'storageclass.kubernetes.io/is-default-class':'true'}},provisioner:'rancher.io/local-path',reclaimPolicy:'Delete',volumeBindingMode:'WaitForFirstConsumer'} | local-path (default),rancher.io/local-path,Delete,WaitForFirstConsumer,false",
            "{metadata:{name:'fast',annotations:{'storageclass.kubernetes.io/is-default-class':'false'}},provisioner:'x.io/p',allowVolumeExpansion:true} | fast,x.io/p,Delete,Immediate,true",
            "{metadata:{name:'old',annotations:{'storageclass.beta.kubernetes.io/is-default-class':'true'}},provisioner:'p',reclaimPolicy:'Retain'} | old (default),p,Retain,Immediate,false",
    })
    void storageClasses(String sc, String expected) {
        var obj = json(sc);
        ((com.fasterxml.jackson.databind.node.ObjectNode) obj.get("metadata")).put("creationTimestamp", ago("2m"));
        List<Object> expectedCells = new java.util.ArrayList<>(List.of(expected.split(",")));
        expectedCells.add("2m");
        assertThat(StoragePrinters.storageClasses().cells(obj, NOW)).containsExactlyElementsOf(expectedCells);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{metadata:{name:'system-node-critical'},value:2000001000}  | system-node-critical | 2000001000 | false",
            "{metadata:{name:'low'},value:-5,globalDefault:true}         | low                  | -5         | true",
    })
    void priorityClasses(String pc, String name, long value, String globalDefault) {
        assertThat(ClusterPrinters.priorityClasses().cells(json(pc), NOW))
                .containsExactly(name, value, globalDefault, "<unknown>");
    }
}

package io.k8j.apiserver.admission.podsecurity;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.k8j.api.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PodSecurityStandardTest {
    private static final String RESTRICTED_CONTAINER = "{'name':'c','image':'busybox','securityContext':{"
            + "'allowPrivilegeEscalation':false,'capabilities':{'drop':['ALL']}}}";
    private static final String RESTRICTED_POD = "'securityContext':{'runAsNonRoot':true,'seccompProfile':{'type':'RuntimeDefault'}}";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            // level | pod spec | violations, as kube words them
            "baseline | {'containers':[{'name':'c','image':'i'}]} | ''",
            "baseline | {'hostNetwork':true,'hostPID':true,'containers':[{'name':'c','image':'i'}]} | host namespaces (hostNetwork=true, hostPID=true)",
            "baseline | {'containers':[{'name':'a','image':'i','securityContext':{'privileged':true}},{'name':'b','image':'i','securityContext':{'privileged':true}}]} | privileged (containers \"a\", \"b\" must not set securityContext.privileged=true)",
            "baseline | {'containers':[{'name':'c','image':'i','securityContext':{'capabilities':{'add':['NET_ADMIN','CHOWN','SYS_ADMIN']}}}]} | non-default capabilities (container \"c\" must not include \"NET_ADMIN\", \"SYS_ADMIN\" in securityContext.capabilities.add)",
            "baseline | {'volumes':[{'name':'h','hostPath':{'path':'/'}}],'containers':[{'name':'c','image':'i'}]} | hostPath volumes (volume \"h\")",
            "baseline | {'containers':[{'name':'c','image':'i','ports':[{'containerPort':80,'hostPort':8080}]}]} | hostPort (container \"c\" uses hostPort 8080)",
            "baseline | {'securityContext':{'seccompProfile':{'type':'Unconfined'}},'containers':[{'name':'c','image':'i'}]} | seccompProfile (pod must not set securityContext.seccompProfile.type to \"Unconfined\")",
            "baseline | {'securityContext':{'sysctls':[{'name':'kernel.msgmax','value':'1'},{'name':'net.ipv4.tcp_syncookies','value':'1'}]},'containers':[{'name':'c','image':'i'}]} | forbidden sysctls (kernel.msgmax)",
            "restricted | {'containers':[{'name':'nginx','image':'i'}]} | allowPrivilegeEscalation != false (container \"nginx\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"nginx\" must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"nginx\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container \"nginx\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
            "restricted | {" + RESTRICTED_POD + ",'containers':[" + RESTRICTED_CONTAINER + "]} | ''",
            "restricted | {" + RESTRICTED_POD + ",'volumes':[{'name':'h','hostPath':{'path':'/'}}],'containers':[" + RESTRICTED_CONTAINER + "]} | restricted volume types (volume \"h\" uses restricted volume type \"hostPath\")",
            "restricted | {'securityContext':{'runAsNonRoot':false,'runAsUser':0,'seccompProfile':{'type':'RuntimeDefault'}},'containers':[" + RESTRICTED_CONTAINER + "]} | runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false), runAsUser=0 (pod must not set runAsUser=0)",
            "restricted | {" + RESTRICTED_POD + ",'containers':[{'name':'c','image':'i','securityContext':{'allowPrivilegeEscalation':false,'privileged':true,'capabilities':{'drop':['ALL'],'add':['NET_BIND_SERVICE','NET_ADMIN']}}}]} | privileged (container \"c\" must not set securityContext.privileged=true), unrestricted capabilities (container \"c\" must not include \"NET_ADMIN\" in securityContext.capabilities.add)",
            "restricted | {'securityContext':{'runAsNonRoot':true},'containers':[{'name':'c','image':'i','securityContext':{'allowPrivilegeEscalation':false,'capabilities':{'drop':['ALL']},'seccompProfile':{'type':'Unconfined'}}}]} | seccompProfile (container \"c\" must not set securityContext.seccompProfile.type to \"Unconfined\")",
            "privileged | {'hostNetwork':true,'containers':[{'name':'c','image':'i','securityContext':{'privileged':true}}]} | ''",
    })
    void violationsAreWordedAsKube(String level, String spec, String expected) throws Exception {
        PodSpec pod = Json.MAPPER.readValue(spec.replace('\'', '"'), PodSpec.class);
        String actual = PodSecurityStandard.evaluate(Level.parse(level).orElseThrow(), pod).stream()
                .map(Violation::toString).collect(Collectors.joining(", "));
        assertThat(actual).isEqualTo(expected);
    }
}

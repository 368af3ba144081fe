package io.k8j.apiserver.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.k8j.apiserver.table.TestObjects.NOW;
import static io.k8j.apiserver.table.TestObjects.ago;
import static io.k8j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

/** One row per resource kind, checked cell by cell against what kube prints. */
class ResourcePrintersTest {
    private static final String TEMPLATE = "template:{spec:{containers:[{name:'web',image:'nginx'},"
            + "{name:'log',image:'busybox'}]}}";

    @Test
    void deployment() {
        var d = json("{metadata:{name:'web',creationTimestamp:'" + ago("5h") + "'},spec:{replicas:3,"
                + "selector:{matchLabels:{app:'web'},matchExpressions:[{key:'env',operator:'In',values:['prod','dev']}]},"
                + TEMPLATE + "},status:{readyReplicas:2,updatedReplicas:3,availableReplicas:2}}");

        assertThat(WorkloadPrinters.deployments().cells(d, NOW)).containsExactly("web", "2/3", 3L, 2L, "5h",
                "web,log", "nginx,busybox", "app=web,env in (dev,prod)");
    }

    @Test
    void replicaSetWithoutStatus() {
        var rs = json("{metadata:{name:'web-1'},spec:{replicas:2," + TEMPLATE + "}}");

        assertThat(WorkloadPrinters.replicaSets().cells(rs, NOW)).containsExactly("web-1", 2L, 0L, 0L, "<unknown>",
                "web,log", "nginx,busybox", "<none>");
    }

    @Test
    void statefulSetAndDaemonSet() {
        var sts = json("{metadata:{name:'db'},spec:{replicas:3," + TEMPLATE + "},status:{readyReplicas:1}}");
        var ds = json("{metadata:{name:'agent'},spec:{selector:{matchLabels:{app:'agent'}},template:{spec:{"
                + "nodeSelector:{'kubernetes.io/os':'linux'},containers:[{name:'a',image:'agent:1'}]}}},"
                + "status:{desiredNumberScheduled:3,currentNumberScheduled:3,numberReady:2,updatedNumberScheduled:3,"
                + "numberAvailable:2}}");

        assertThat(WorkloadPrinters.statefulSets().cells(sts, NOW))
                .containsExactly("db", "1/3", "<unknown>", "web,log", "nginx,busybox");
        assertThat(WorkloadPrinters.daemonSets().cells(ds, NOW)).containsExactly("agent", 3L, 3L, 2L, 3L, 2L,
                "kubernetes.io/os=linux", "<unknown>", "a", "agent:1", "app=agent");
    }

    @Test
    void controllerRevisionNamesItsControllerWithKindAndGroup() {
        var owned = json("{metadata:{name:'agent-7d9f',creationTimestamp:'" + ago("2m") + "',ownerReferences:["
                + "{apiVersion:'apps/v1',kind:'DaemonSet',name:'agent',uid:'u1',controller:true}]},revision:2,data:{}}");
        var orphan = json("{metadata:{name:'loose'},revision:1,data:{}}");

        assertThat(WorkloadPrinters.controllerRevisions().cells(owned, NOW))
                .containsExactly("agent-7d9f", "daemonset.apps/agent", 2L, "2m");
        assertThat(WorkloadPrinters.controllerRevisions().cells(orphan, NOW))
                .containsExactly("loose", "<none>", 1L, "<unknown>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{status:{conditions:[{type:'Complete',status:'True'}]}}                        | Complete",
            "{status:{conditions:[{type:'Failed',status:'True'}]}}                          | Failed",
            "{metadata:{deletionTimestamp:'2024-01-01T00:00:00Z'},status:{}}                | Terminating",
            "{status:{conditions:[{type:'Suspended',status:'True'}]}}                       | Suspended",
            "{status:{conditions:[{type:'FailureTarget',status:'True'}]}}                   | FailureTarget",
            "{status:{conditions:[{type:'Complete',status:'False'}]}}                       | Running",
            "{status:{}}                                                                    | Running",
    })
    void jobStatus(String job, String expected) {
        assertThat(BatchPrinters.jobStatus(json(job))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{spec:{completions:3},status:{succeeded:1}}  | 1/3",
            "{spec:{},status:{succeeded:1}}               | 1/1",
            "{spec:{parallelism:4},status:{}}             | 0/1 of 4",
    })
    void jobCompletions(String job, String expected) {
        assertThat(BatchPrinters.completions(json(job))).isEqualTo(expected);
    }

    @Test
    void jobAndCronJobRows() {
        var job = json("{metadata:{name:'pi',creationTimestamp:'" + ago("10m") + "'},spec:{completions:1,"
                + "selector:{matchLabels:{'batch.kubernetes.io/controller-uid':'u1'}}," + TEMPLATE + "},"
                + "status:{succeeded:1,startTime:'" + ago("10m") + "',completionTime:'" + ago("9m") + "',"
                + "conditions:[{type:'Complete',status:'True'}]}}");
        var running = json("{metadata:{name:'r'},spec:{" + TEMPLATE + "},status:{startTime:'" + ago("45s") + "'}}");
        var cronJob = json("{metadata:{name:'hourly'},spec:{schedule:'0 * * * *',suspend:false,jobTemplate:{spec:{"
                + TEMPLATE + "}}},status:{active:[{name:'hourly-1'}],lastScheduleTime:'" + ago("5m") + "'}}");

        assertThat(BatchPrinters.jobs().cells(job, NOW)).containsExactly("pi", "Complete", "1/1", "60s", "10m",
                "web,log", "nginx,busybox", "batch.kubernetes.io/controller-uid=u1");
        assertThat(BatchPrinters.jobs().cells(running, NOW).subList(1, 4)).containsExactly("Running", "0/1", "45s");
        assertThat(BatchPrinters.cronJobs().cells(cronJob, NOW)).containsExactly("hourly", "0 * * * *", "<none>",
                "False", 1L, "5m", "<unknown>", "web,log", "nginx,busybox", "<none>");
    }

    @Test
    void coreAndEventsApiEventsPrintAlike() {
        var core = json("{metadata:{name:'web.17a'},involvedObject:{kind:'Pod',name:'web',fieldPath:'spec.containers{c}'},"
                + "reason:'Pulled',message:' Pulled image \\n',type:'Normal',source:{component:'kubelet',host:'n1'},"
                + "firstTimestamp:'" + ago("5m") + "',lastTimestamp:'" + ago("1m") + "',count:4}");
        var eventsApi = json("{metadata:{name:'web.17b'},regarding:{kind:'Pod',name:'web'},reason:'Scheduled',"
                + "note:'Assigned',type:'Normal',reportingController:'default-scheduler',eventTime:'"
                + ago("30s") + "'}");

        assertThat(EventPrinter.core().cells(core, NOW)).containsExactly("60s", "Normal", "Pulled", "pod/web",
                "spec.containers{c}", "kubelet, n1", "Pulled image", "5m", 4L, "web.17a");
        assertThat(EventPrinter.eventsApi().cells(eventsApi, NOW)).containsExactly("30s", "Normal", "Scheduled",
                "pod/web", "", "default-scheduler", "Assigned", "30s", 1L, "web.17b");
    }

    @Test
    void persistentVolumesAndClaims() {
        var pv = json("{metadata:{name:'pv1'},spec:{capacity:{storage:'10Gi'},accessModes:['ReadWriteMany',"
                + "'ReadWriteOnce'],persistentVolumeReclaimPolicy:'Retain',claimRef:{namespace:'default',name:'data'},"
                + "storageClassName:'standard'},status:{phase:'Bound'}}");
        var pending = json("{metadata:{name:'data',annotations:{'volume.beta.kubernetes.io/storage-class':'fast'}},"
                + "spec:{resources:{requests:{storage:'1Gi'}},volumeMode:'Filesystem'},status:{phase:'Pending'}}");

        assertThat(StoragePrinters.persistentVolumes().cells(pv, NOW)).containsExactly("pv1", "10Gi", "RWO,RWX",
                "Retain", "Bound", "default/data", "standard", "<unset>", "", "<unknown>", "<unset>");
        assertThat(StoragePrinters.persistentVolumeClaims().cells(pending, NOW)).containsExactly("data", "Pending",
                "", "", "", "fast", "<unset>", "<unknown>", "Filesystem");
    }

    @Test
    void configObjects() {
        var quota = json("{metadata:{name:'q'},status:{hard:{pods:'10','limits.cpu':'2','requests.cpu':'1'},"
                + "used:{pods:'3','requests.cpu':'500m'}}}");
        var cm = json("{metadata:{name:'cm'},data:{a:'1',b:'2'},binaryData:{c:'AA=='}}");
        var secret = json("{metadata:{name:'s'},type:'Opaque',data:{p:'cA=='}}");
        var limits = json("{metadata:{name:'lr',creationTimestamp:'2024-05-01T10:00:00Z'}}");

        assertThat(ConfigPrinters.resourceQuotas().cells(quota, NOW))
                .containsExactly("q", "pods: 3/10, requests.cpu: 500m/1", "limits.cpu: 0/2", "<unknown>");
        assertThat(ConfigPrinters.configMaps().cells(cm, NOW)).containsExactly("cm", 3L, "<unknown>");
        assertThat(ConfigPrinters.secrets().cells(secret, NOW)).containsExactly("s", "Opaque", 1L, "<unknown>");
        assertThat(ConfigPrinters.limitRanges().cells(limits, NOW)).containsExactly("lr", "2024-05-01T10:00:00Z");
    }
}

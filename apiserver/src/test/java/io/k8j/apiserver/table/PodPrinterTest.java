package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.k8j.apiserver.table.TestObjects.NOW;
import static io.k8j.apiserver.table.TestObjects.ago;
import static io.k8j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PodPrinterTest {
    private static final String ONE = "spec:{containers:[{name:'c'}]}";
    private static final String TWO = "spec:{containers:[{name:'a'},{name:'b'}]}";
    private static final String WITH_INIT = "spec:{initContainers:[{name:'i'}],containers:[{name:'c'}]}";
    private static final String WITH_SIDECAR = "spec:{initContainers:[{name:'s',restartPolicy:'Always'}],containers:[{name:'c'}]}";
    private static final String RUNNING = "{name:'c',ready:true,restartCount:0,state:{running:{}}}";

    static Stream<Arguments> statuses() {
        return Stream.of(
                arguments("pending, nothing reported", "{" + ONE + ",status:{phase:'Pending'}}", "0/1", "Pending"),
                arguments("image being pulled", "{" + ONE + ",status:{phase:'Pending',containerStatuses:["
                        + "{name:'c',state:{waiting:{reason:'ContainerCreating'}}}]}}", "0/1", "ContainerCreating"),
                arguments("running and ready", "{" + ONE + ",status:{phase:'Running',containerStatuses:[" + RUNNING
                        + "]}}", "1/1", "Running"),
                arguments("completed", "{" + ONE + ",status:{phase:'Succeeded',containerStatuses:["
                        + "{name:'c',state:{terminated:{reason:'Completed',exitCode:0}}}]}}", "0/1", "Completed"),
                arguments("failed with a reason", "{" + ONE + ",status:{phase:'Failed',containerStatuses:["
                        + "{name:'c',state:{terminated:{reason:'Error',exitCode:1}}}]}}", "0/1", "Error"),
                arguments("killed by a signal", "{" + ONE + ",status:{phase:'Failed',containerStatuses:["
                        + "{name:'c',state:{terminated:{exitCode:137,signal:9}}}]}}", "0/1", "Signal:9"),
                arguments("exit code without reason", "{" + ONE + ",status:{phase:'Failed',containerStatuses:["
                        + "{name:'c',state:{terminated:{exitCode:3}}}]}}", "0/1", "ExitCode:3"),
                arguments("crash looping", "{" + ONE + ",status:{phase:'Running',containerStatuses:["
                        + "{name:'c',state:{waiting:{reason:'CrashLoopBackOff'}}}]}}", "0/1", "CrashLoopBackOff"),
                arguments("first container's state wins", "{" + TWO + ",status:{phase:'Running',containerStatuses:["
                        + "{name:'a',state:{waiting:{reason:'ErrImagePull'}}},"
                        + "{name:'b',state:{waiting:{reason:'CrashLoopBackOff'}}}]}}", "0/2", "ErrImagePull"),
                arguments("one completed, one running and pod ready", "{" + TWO + ",status:{phase:'Running',"
                        + "conditions:[{type:'Ready',status:'True'}],containerStatuses:["
                        + "{name:'a',state:{terminated:{reason:'Completed'}}},"
                        + "{name:'b',ready:true,state:{running:{}}}]}}", "1/2", "Running"),
                arguments("one completed, one running, pod not ready", "{" + TWO + ",status:{phase:'Running',"
                        + "containerStatuses:[{name:'a',state:{terminated:{reason:'Completed'}}},"
                        + "{name:'b',ready:true,state:{running:{}}}]}}", "1/2", "NotReady"),
                arguments("init container starting", "{" + WITH_INIT + ",status:{phase:'Pending',initContainerStatuses:["
                        + "{name:'i',state:{waiting:{reason:'PodInitializing'}}}]}}", "0/1", "Init:0/1"),
                arguments("init container crash looping", "{" + WITH_INIT + ",status:{phase:'Pending',"
                        + "initContainerStatuses:[{name:'i',state:{waiting:{reason:'CrashLoopBackOff'}}}]}}",
                        "0/1", "Init:CrashLoopBackOff"),
                arguments("init container failed", "{" + WITH_INIT + ",status:{phase:'Pending',initContainerStatuses:["
                        + "{name:'i',state:{terminated:{reason:'Error',exitCode:1}}}]}}", "0/1", "Init:Error"),
                arguments("init container exit code", "{" + WITH_INIT + ",status:{phase:'Pending',initContainerStatuses:["
                        + "{name:'i',state:{terminated:{exitCode:2}}}]}}", "0/1", "Init:ExitCode:2"),
                arguments("init done, main creating", "{" + WITH_INIT + ",status:{phase:'Pending',initContainerStatuses:["
                        + "{name:'i',state:{terminated:{reason:'Completed',exitCode:0}}}],containerStatuses:["
                        + "{name:'c',state:{waiting:{reason:'ContainerCreating'}}}]}}", "0/1", "ContainerCreating"),
                arguments("sidecar counts as a container", "{spec:{initContainers:[{name:'s',restartPolicy:'Always'}],"
                        + "containers:[{name:'c'}]},status:{phase:'Running',initContainerStatuses:["
                        + "{name:'s',started:true,ready:true,state:{running:{}}}],containerStatuses:[" + RUNNING
                        + "]}}", "2/2", "Running"),
                arguments("sidecar not started yet", "{" + WITH_SIDECAR + ",status:{phase:'Pending',initContainerStatuses:["
                        + "{name:'s',started:false,ready:false,state:{running:{}}}]}}", "0/2", "Init:0/1"),
                arguments("job done, its sidecar stopped", "{" + WITH_SIDECAR + ",status:{phase:'Succeeded',conditions:["
                        + "{type:'Initialized',status:'True',reason:'PodCompleted'}],initContainerStatuses:["
                        + "{name:'s',started:false,ready:false,state:{terminated:{reason:'Error',exitCode:143}}}],"
                        + "containerStatuses:[{name:'c',state:{terminated:{reason:'Completed',exitCode:0}}}]}}",
                        "0/2", "Completed"),
                arguments("being deleted", "{metadata:{deletionTimestamp:'" + ago("1s") + "'}," + ONE
                        + ",status:{phase:'Running',containerStatuses:[" + RUNNING + "]}}", "1/1", "Terminating"),
                arguments("deleted after it finished", "{metadata:{deletionTimestamp:'" + ago("1s") + "'}," + ONE
                        + ",status:{phase:'Succeeded'}}", "0/1", "Succeeded"),
                arguments("node lost", "{metadata:{deletionTimestamp:'" + ago("1s") + "'}," + ONE
                        + ",status:{phase:'Running',reason:'NodeLost'}}", "0/1", "Unknown"),
                arguments("evicted", "{" + ONE + ",status:{phase:'Failed',reason:'Evicted'}}", "0/1", "Evicted"),
                arguments("scheduling gated", "{" + ONE + ",status:{phase:'Pending',conditions:["
                        + "{type:'PodScheduled',status:'False',reason:'SchedulingGated'}]}}", "0/1", "SchedulingGated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void readyAndStatus(String description, String pod, String ready, String status) {
        var cells = new PodPrinter().cells(json(pod), NOW);

        assertThat(cells.get(1)).isEqualTo(ready);
        assertThat(cells.get(2)).isEqualTo(status);
    }

    static Stream<Arguments> restarts() {
        return Stream.of(
                arguments("never restarted", "[{name:'c',restartCount:0}]", "0"),
                arguments("restarted, last exit recorded", "[{name:'c',restartCount:5,lastState:{terminated:"
                        + "{exitCode:1,finishedAt:'" + ago("5m") + "'}}}]", "5 (5m ago)"),
                arguments("restarted, no last exit", "[{name:'c',restartCount:2}]", "2"),
                arguments("latest exit of all containers", "[{name:'a',restartCount:1,lastState:{terminated:"
                        + "{finishedAt:'" + ago("2h") + "'}}},{name:'b',restartCount:2,lastState:{terminated:"
                        + "{finishedAt:'" + ago("90s") + "'}}}]", "3 (90s ago)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restarts")
    void restartsWithTimeOfLastRestart(String description, String containerStatuses, String expected) {
        ObjectNode pod = json("{" + TWO + ",status:{phase:'Running',containerStatuses:" + containerStatuses + "}}");

        assertThat(new PodPrinter().cells(pod, NOW).get(3)).isEqualTo(expected);
    }

    @Test
    void sidecarRestartsCountOnceThePodIsInitialized() {
        ObjectNode pod = json("{" + WITH_SIDECAR + ",status:{phase:'Running',conditions:[{type:'Initialized',status:'True'}],"
                + "initContainerStatuses:[{name:'s',started:true,ready:true,restartCount:3,state:{running:{}},"
                + "lastState:{terminated:{exitCode:1,finishedAt:'" + ago("40s") + "'}}}],"
                + "containerStatuses:[{name:'c',ready:true,restartCount:1,state:{running:{}},"
                + "lastState:{terminated:{exitCode:1,finishedAt:'" + ago("3m") + "'}}}]}}");

        assertThat(new PodPrinter().cells(pod, NOW).subList(1, 4)).containsExactly("2/2", "Running", "4 (40s ago)");
    }

    @Test
    void wideCells() {
        ObjectNode pod = json("{metadata:{name:'web',creationTimestamp:'" + ago("5m") + "'}," + "spec:{nodeName:'n1',"
                + "containers:[{name:'c'}],readinessGates:[{conditionType:'g1'},{conditionType:'g2'}]},"
                + "status:{phase:'Running',podIP:'10.0.0.9',conditions:[{type:'g1',status:'True'}]}}");

        assertThat(new PodPrinter().cells(pod, NOW))
                .containsExactly("web", "0/1", "Running", "0", "5m", "10.0.0.9", "n1", "<none>", "1/2");
    }

    @Test
    void finishedPodsCarryACompletedCondition() {
        ObjectNode pod = json("{status:{phase:'Succeeded'}}");

        assertThat(new PodPrinter().conditions(pod)).singleElement()
                .satisfies(c -> assertThat(c.toString()).contains("\"type\":\"Completed\"", "\"reason\":\"Succeeded\""));
        assertThat(new PodPrinter().conditions(json("{status:{phase:'Running'}}"))).isEmpty();
    }
}

package io.k8j.kubelet.server;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubelet's words for a container without a log to serve (validateContainerLogStatus). */
class LogAvailabilityTest {
    private static final ContainerState NONE = new ContainerState();

    @Test
    void aWaitingContainerIsWaitingToStartWithItsReason() {
        assertThat(LogAvailability.of(pod(waiting("ContainerCreating"), NONE), "app", false))
                .isEqualTo(new LogAvailability.Answer(400, "container \"app\" in pod \"web\" is waiting to start: ContainerCreating"));
        assertThat(LogAvailability.of(pod(waiting("ErrImagePull"), NONE), "app", false).text())
                .isEqualTo("container \"app\" in pod \"web\" is waiting to start: image can't be pulled");
        assertThat(LogAvailability.of(pod(waiting("ImagePullBackOff"), NONE), "app", false).text())
                .isEqualTo("container \"app\" in pod \"web\" is waiting to start: trying and failing to pull image");
        assertThat(LogAvailability.of(pod(NONE, NONE), "app", false).text())
                .isEqualTo("container \"app\" in pod \"web\" is waiting to start - no logs yet");
    }

    @Test
    void aContainerWithoutStatusIsNotAvailable() {
        assertThat(LogAvailability.of(pod(waiting("ContainerCreating"), NONE), "other", false))
                .isEqualTo(new LogAvailability.Answer(400, "container \"other\" in pod \"web\" is not available"));
        assertThat(LogAvailability.of(new PodBuilder().withNewMetadata().withName("web").endMetadata().build(), "app", false)
                .text()).isEqualTo("container \"app\" in pod \"web\" is not available");
    }

    @Test
    void previousWithoutATerminatedAttemptIsNotFound() {
        assertThat(LogAvailability.of(pod(waiting("ContainerCreating"), NONE), "app", true))
                .isEqualTo(new LogAvailability.Answer(400, "previous terminated container \"app\" in pod \"web\" not found"));
    }

    @Test
    void anAttemptTheStatusNamesButTheRuntimeLostCannotBeRetrieved() {
        assertThat(LogAvailability.of(pod(terminated("process://abc"), NONE), "app", false))
                .isEqualTo(new LogAvailability.Answer(200, "unable to retrieve container logs for process://abc"));
        assertThat(LogAvailability.of(pod(waiting("CrashLoopBackOff"), terminated("process://old")), "app", true).text())
                .isEqualTo("unable to retrieve container logs for process://old");
        assertThat(LogAvailability.of(pod(waiting("CrashLoopBackOff"), terminated("process://old")), "app", false).text())
                .isEqualTo("unable to retrieve container logs for process://old");
        assertThat(LogAvailability.of(pod(terminated(""), NONE), "app", false).text())
                .isEqualTo("container \"app\" in pod \"web\" is terminated");
    }

    private static Pod pod(ContainerState state, ContainerState last) {
        return new PodBuilder().withNewMetadata().withName("web").endMetadata().withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("app").withState(state).withLastState(last)
                        .withContainerID(state.getTerminated() == null ? null : state.getTerminated().getContainerID())
                        .build()).endStatus().build();
    }

    private static ContainerState waiting(String reason) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).endWaiting().build();
    }

    private static ContainerState terminated(String id) {
        return new ContainerStateBuilder().withNewTerminated().withExitCode(0).withContainerID(id).endTerminated().build();
    }
}

package io.k8j.cri;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.k8j.cri.v1.RuntimeServiceGrpc;
import io.k8j.cri.v1.StopPodSandboxRequest;
import io.k8j.cri.v1.StopPodSandboxResponse;
import io.k8j.cri.v1.VersionRequest;
import io.k8j.cri.v1.VersionResponse;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a CRI server on a unix socket in the test's temp dir. */
class CriClientTest {
    @TempDir
    Path dir;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private String serve(String apiVersion) throws Exception {
        Path socket = dir.resolve("cri.sock");
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
                .addService(new RuntimeServiceGrpc.RuntimeServiceImplBase() {
                    @Override
                    public void version(VersionRequest request, StreamObserver<VersionResponse> out) {
                        out.onNext(VersionResponse.newBuilder().setVersion("0.1.0").setRuntimeName("fake")
                                .setRuntimeVersion("1.0").setRuntimeApiVersion(apiVersion).build());
                        out.onCompleted();
                    }

                    @Override
                    public void stopPodSandbox(StopPodSandboxRequest request, StreamObserver<StopPodSandboxResponse> out) {
                        out.onError(Status.NOT_FOUND.withDescription("an error occurred when try to find sandbox "
                                + request.getPodSandboxId()).asRuntimeException());
                    }
                }).build().start();
        return "unix://" + socket;
    }

    @Test
    void connectsOverTheUnixSocketAndReadsTheVersion() throws Exception {
        try (CriClient client = CriClient.connect(serve("v1"), Duration.ofSeconds(10))) {
            VersionResponse v = client.version();
            assertThat(v.getRuntimeName()).isEqualTo("fake");
            assertThat(v.getRuntimeApiVersion()).isEqualTo("v1");
        }
    }

    @Test
    void refusesARuntimeThatDoesNotServeV1() throws Exception {
        String endpoint = serve("v1alpha2");
        assertThatThrownBy(() -> CriClient.connect(endpoint, Duration.ofSeconds(10)))
                .hasMessageContaining("serves CRI v1alpha2, not v1");
    }

    @Test
    void aFailedCallCarriesTheRuntimesMessageAndCode() throws Exception {
        try (CriClient client = CriClient.connect(serve("v1"), Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> CriClient.call(() -> client.runtime()
                    .stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId("abc").build())))
                    .isInstanceOfSatisfying(CriException.class, e -> assertThat(e.notFound()).isTrue())
                    .hasMessage("an error occurred when try to find sandbox abc");
        }
    }

    @Test
    void noRuntimeListeningFailsWithinTheTimeout() {
        assertThatThrownBy(() -> CriClient.connect("unix://" + dir.resolve("none.sock"), Duration.ofSeconds(2)))
                .isInstanceOf(CriException.class);
    }

    @Test
    void endpointsMustBeUnixSockets() {
        assertThat(CriClient.socketPath("unix:///run/k8j/containerd.sock")).isEqualTo("/run/k8j/containerd.sock");
        assertThatThrownBy(() -> CriClient.socketPath("tcp://127.0.0.1:1234")).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.k8j.cri;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.k8j.cri.v1.ImageServiceGrpc;
import io.k8j.cri.v1.RuntimeServiceGrpc;
import io.k8j.cri.v1.VersionRequest;
import io.k8j.cri.v1.VersionResponse;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A CRI v1 client (RuntimeService and ImageService) over a runtime's unix socket, with grpc-java on Netty's
 * epoll domain socket channel. {@link #connect} checks that the runtime serves runtime.v1, as the kubelet does
 * at start. Calls carry the kubelet's default runtime request timeout (2 min) unless they say otherwise.
 */
public final class CriClient implements AutoCloseable {
    /** The kubelet's --runtime-request-timeout default. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final String API_VERSION = "v1";

    private final EventLoopGroup group;
    private final ManagedChannel channel;
    private final String endpoint;

    private CriClient(String endpoint) {
        this.endpoint = endpoint;
        this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socketPath(endpoint)))
                .eventLoopGroup(group).channelType(EpollDomainSocketChannel.class).usePlaintext()
                .maxInboundMessageSize(16 << 20).build();
    }

    /** Connects to {@code unix:///path} and checks the runtime's CRI version; throws if it does not serve v1. */
    public static CriClient connect(String endpoint, Duration timeout) {
        CriClient client = new CriClient(endpoint);
        try {
            VersionResponse v = client.call(() -> RuntimeServiceGrpc.newBlockingStub(client.channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .version(VersionRequest.newBuilder().setVersion(API_VERSION).build()));
            if (!API_VERSION.equals(v.getRuntimeApiVersion())) {
                throw new IllegalStateException("container runtime " + v.getRuntimeName() + " " + v.getRuntimeVersion()
                        + " at " + endpoint + " serves CRI " + v.getRuntimeApiVersion() + ", not " + API_VERSION);
            }
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** {@code unix:///run/x.sock} -> {@code /run/x.sock}; a bare absolute path is taken as is. */
    public static String socketPath(String endpoint) {
        if (endpoint.startsWith("unix://")) {
            return endpoint.substring("unix://".length());
        }
        if (endpoint.startsWith("/")) {
            return endpoint;
        }
        throw new IllegalArgumentException("container runtime endpoint must be unix:///path: " + endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    public VersionResponse version() {
        return call(() -> runtime().version(VersionRequest.newBuilder().setVersion(API_VERSION).build()));
    }

    /** RuntimeService with the default deadline. */
    public RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime() {
        return runtime(REQUEST_TIMEOUT);
    }

    public RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime(Duration deadline) {
        return RuntimeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** ImageService; pulls take as long as they take, as the kubelet's (no deadline but the caller's). */
    public ImageServiceGrpc.ImageServiceBlockingStub images(Duration deadline) {
        return ImageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a call, turning a gRPC failure into a {@link CriException} that carries the runtime's own message
     * (what the kubelet shows, e.g. containerd's pull error) and its status code.
     */
    public static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw new CriException(e.getStatus().getCode(), describe(e.getStatus()), e);
        }
    }

    private static String describe(Status status) {
        return status.getDescription() != null ? status.getDescription() : status.getCode().toString();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}

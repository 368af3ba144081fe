package io.k8j.dns;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The server over real sockets on loopback: the zone's answers, forwarding, SERVFAIL, truncation. */
class DnsServerTest {
    private static final InetSocketAddress UNREACHABLE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : started.reversed()) {
            c.close();
        }
    }

    @Test
    void answersTheClusterZoneOverUdpAndTcp() throws Exception {
        DnsServer server = start(List.of(UNREACHABLE));

        for (boolean tcp : List.of(false, true)) {
            Message response = query(server, "web.default.svc.cluster.local.", Type.A, tcp);
            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(response.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("10.43.0.20");
        }
        Message unknown = query(server, "nope.default.svc.cluster.local.", Type.A, false);
        assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(unknown.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void forwardsOtherNamesToTheUpstreamAndGivesItsAnswer() throws Exception {
        FakeUpstream upstream = new FakeUpstream();
        started.add(upstream);
        DnsServer server = start(List.of(UNREACHABLE, upstream.address()));

        Message response = query(server, "example.com.", Type.A, false);

        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.1");
        assertThat(response.getHeader().getFlag(Flags.AA)).as("not our zone").isFalse();
    }

    @Test
    void servfailFastWhenNoUpstreamAnswers() throws Exception {
        DnsServer server = start(List.of(UNREACHABLE));

        long started = System.nanoTime();
        Message response = query(server, "example.com.", Type.A, false);

        assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aLargeAnswerIsTruncatedOverUdpAndWholeOverTcp() throws Exception {
        List<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint> endpoints = IntStream.range(0, 200)
                .mapToObj(i -> new io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder()
                        .withAddresses("10.42." + (i / 100) + "." + i).build()).toList();
        ListedClusterState state = new ListedClusterState(List.of(new ServiceBuilder().withNewMetadata().withNamespace("default")
                .withName("many").endMetadata().withNewSpec().withClusterIP("None").endSpec().build()),
                List.of(new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder().withNewMetadata()
                        .withNamespace("default").withName("many-1").addToLabels("kubernetes.io/service-name", "many")
                        .endMetadata().withAddressType("IPv4").withEndpoints(endpoints).build()));
        DnsServer server = start(new Responder(new ClusterZone("cluster.local", state), new Forwarder(List.of(), Duration.ofSeconds(1))));

        SimpleResolver udpOnly = resolver(server, false);
        udpOnly.setIgnoreTruncation(true);
        Message truncated = udpOnly.send(Message.newQuery(Record.newRecord(Name.fromConstantString("many.default.svc.cluster.local."), Type.A, DClass.IN)));
        Message whole = query(server, "many.default.svc.cluster.local.", Type.A, true);

        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(whole.getSection(Section.ANSWER)).hasSize(200);
    }

    private DnsServer start(List<InetSocketAddress> upstreams) throws IOException {
        ListedClusterState state = new ListedClusterState(List.of(new ServiceBuilder().withNewMetadata().withNamespace("default")
                .withName("web").endMetadata().withNewSpec().withClusterIP("10.43.0.20").withClusterIPs("10.43.0.20")
                .endSpec().build()), List.of());
        return start(new Responder(new ClusterZone("cluster.local", state), new Forwarder(upstreams, Duration.ofMillis(500))));
    }

    private DnsServer start(Responder responder) throws IOException {
        DnsServer server = DnsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responder);
        started.add(server);
        return server;
    }

    private static Message query(DnsServer server, String name, int type, boolean tcp) throws IOException {
        return resolver(server, tcp).send(Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN)));
    }

    private static SimpleResolver resolver(DnsServer server, boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    /** An upstream resolver on loopback that answers every A question with 192.0.2.1 (TEST-NET-1). */
    private static final class FakeUpstream implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

        FakeUpstream() throws IOException {
            Thread.ofVirtual().start(this::serve);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buf, buf.length);
                    socket.receive(packet);
                    Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                    Message response = new Message(query.getHeader().getID());
                    response.getHeader().setFlag(Flags.QR);
                    response.addRecord(query.getQuestion(), Section.QUESTION);
                    response.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60,
                            InetAddress.getByName("192.0.2.1")), Section.ANSWER);
                    byte[] out = response.toWire();
                    socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}

package io.k8j.kubelet.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server session against a client speaking through Netty's own codec, as spdystream would. */
class SpdySessionTest {
    private final EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final List<SpdyStream> opened = new ArrayList<>();
    private final SpdySession session = new SpdySession(this::toClient, () -> { }, opened::add);
    private final List<SpdyFrame> received = new ArrayList<>();

    private Future<Void> toClient(Buffer bytes) {
        client.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        Object f;
        while ((f = client.readInbound()) != null) {
            received.add((SpdyFrame) f);
        }
        return Future.succeededFuture();
    }

    private void send(SpdyFrame frame) {
        client.writeOutbound(frame);
        ByteBuf b;
        while ((b = client.readOutbound()) != null) {
            session.receive(Buffer.buffer(ByteBufUtil.getBytes(b)));
            b.release();
        }
    }

    @Test
    void aStreamIsRepliedToAndCarriesDataBothWays() throws Exception {
        DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(1, 0, (byte) 0);
        syn.headers().add("streamtype", "stdin");
        send(syn);
        // Go's framer needs a header block in every SYN_REPLY; Netty encodes none for empty headers.
        assertThat(received).singleElement().isInstanceOfSatisfying(SpdySynReplyFrame.class,
                r -> assertThat(r.streamId()).isEqualTo(1)).satisfies(r -> assertThat(((SpdySynReplyFrame) r).headers().isEmpty()).isFalse());
        assertThat(opened).singleElement().satisfies(s -> assertThat(s.header("streamType")).isEqualTo("stdin"));

        send(new DefaultSpdyDataFrame(1, Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8)).setLast(true));
        assertThat(new String(opened.get(0).input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi");

        opened.get(0).output().write("out".getBytes(StandardCharsets.UTF_8));
        opened.get(0).finish();
        assertThat(received.get(1)).isInstanceOfSatisfying(SpdyDataFrame.class,
                d -> assertThat(d.content().toString(StandardCharsets.UTF_8)).isEqualTo("out"));
        assertThat(received.get(2)).isInstanceOfSatisfying(SpdyDataFrame.class, d -> assertThat(d.isLast()).isTrue());
    }

    @Test
    void pingsAreEchoed() {
        send(new DefaultSpdyPingFrame(7));
        assertThat(received).singleElement().isInstanceOfSatisfying(SpdyPingFrame.class, p -> assertThat(p.id()).isEqualTo(7));
    }

    @Test
    void framesThatComeAfterTheSessionClosedAreDropped() {
        session.close();
        send(new DefaultSpdyPingFrame(8)); // a client's last frames race our close: no error, no answer
        assertThat(received).isEmpty();
        assertThat(session.closed()).isTrue();
    }
}

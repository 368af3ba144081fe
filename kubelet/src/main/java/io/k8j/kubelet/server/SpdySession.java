package io.k8j.kubelet.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The server side of an SPDY/3.1 connection as kube's spdystream client uses it: the client opens streams
 * (SYN_STREAM with headers such as streamType), each gets an empty SYN_REPLY, then DATA frames flow both
 * ways and FIN half-closes. The framing and header compression are Netty's {@link SpdyFrameCodec}, run in
 * an {@link EmbeddedChannel} fed with the bytes of whatever carries the session (a raw upgraded connection,
 * or binary WebSocket messages for kubectl 1.31+ port-forward); encoded frames go out through {@code transport}.
 * No flow control: spdystream neither sends nor honours WINDOW_UPDATE, and writes wait on the transport instead.
 */
final class SpdySession {
    private static final Logger LOG = LoggerFactory.getLogger(SpdySession.class);
    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final Map<Integer, SpdyStream> streams = new ConcurrentHashMap<>();
    private final Function<Buffer, Future<Void>> transport;
    private final Runnable closeTransport;
    private final Consumer<SpdyStream> onStream;
    private volatile boolean closed;

    SpdySession(Function<Buffer, Future<Void>> transport, Runnable closeTransport, Consumer<SpdyStream> onStream) {
        this.transport = transport;
        this.closeTransport = closeTransport;
        this.onStream = onStream;
    }

    /**
     * Bytes from the client, on its event loop; frames are handled in order as they complete. What comes after
     * the session closed (the client's last frames racing our close) is dropped.
     */
    void receive(Buffer bytes) {
        try {
            synchronized (codec) {
                if (closed) {
                    return;
                }
                codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
            }
            Object frame;
            while ((frame = poll()) != null) {
                try {
                    handle((SpdyFrame) frame);
                } finally {
                    ReferenceCountUtil.release(frame);
                }
            }
        } catch (Exception e) { // Netty's channel also throws checked exceptions without declaring them
            LOG.debug("SPDY session: {}", e.toString());
            close(); // a framing error ends the session, as spdystream's would
        }
    }

    private Object poll() {
        synchronized (codec) {
            return codec.readInbound();
        }
    }

    private void handle(SpdyFrame frame) {
        if (frame instanceof SpdySynStreamFrame syn) {
            Map<String, String> headers = new ConcurrentHashMap<>();
            syn.headers().forEach(e -> headers.put(e.getKey().toString().toLowerCase(Locale.ROOT), e.getValue().toString()));
            SpdyStream stream = new SpdyStream(this, syn.streamId(), headers);
            streams.put(syn.streamId(), stream);
            send(reply(syn));
            if (syn.isLast()) {
                stream.remoteFinished();
            }
            onStream.accept(stream);
        } else if (frame instanceof SpdyDataFrame data) {
            SpdyStream stream = streams.get(data.streamId());
            if (stream != null) {
                stream.received(ByteBufUtil.getBytes(data.content()));
                if (data.isLast()) {
                    stream.remoteFinished();
                }
            }
        } else if (frame instanceof SpdyRstStreamFrame rst) {
            SpdyStream stream = streams.remove(rst.streamId());
            if (stream != null) {
                stream.reset();
            }
        } else if (frame instanceof SpdyPingFrame ping) {
            send(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyGoAwayFrame) {
            close();
        }
        // SETTINGS and WINDOW_UPDATE change nothing here (see the class comment).
    }

    /**
     * The SYN_REPLY, echoing the stream's headers: Netty leaves out an empty header block altogether, and Go's
     * framer (spdystream) fails the whole connection on a SYN_REPLY without one.
     */
    private static SpdySynReplyFrame reply(SpdySynStreamFrame syn) {
        SpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
        reply.headers().add(syn.headers());
        if (reply.headers().isEmpty()) {
            reply.headers().add("streamtype", "");
        }
        return reply;
    }

    /** Encodes and writes one frame; the returned future completes when the transport has taken it. */
    Future<Void> send(SpdyFrame frame) {
        synchronized (codec) {
            if (closed) {
                ReferenceCountUtil.release(frame);
                return Future.failedFuture("the SPDY session is closed");
            }
            codec.writeOutbound(frame);
            Buffer out = Buffer.buffer();
            ByteBuf encoded;
            while ((encoded = codec.readOutbound()) != null) {
                out.appendBytes(ByteBufUtil.getBytes(encoded));
                encoded.release();
            }
            // Encoding and writing under one lock: the header compression state and the byte order agree.
            return transport.apply(out);
        }
    }

    /** Ends every stream and the connection; idempotent. */
    void close() {
        synchronized (codec) {
            if (closed) {
                return;
            }
            closed = true;
            codec.finishAndReleaseAll();
        }
        streams.values().forEach(SpdyStream::reset);
        streams.clear();
        closeTransport.run();
    }

    boolean closed() {
        return closed;
    }
}

package io.k8j.kubelet.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An SPDY/3.1 connection as kube's spdystream uses it. As the server (the node server's side): the client opens
 * streams (SYN_STREAM with headers such as streamType), each gets a SYN_REPLY, then DATA frames flow both
 * ways and FIN half-closes. As the client (to a runtime's streaming server, {@link #open}): we open the streams
 * and the server's SYN_REPLY is only noted. The framing and header compression are Netty's {@link SpdyFrameCodec}, run in
 * an {@link EmbeddedChannel} fed with the bytes of whatever carries the session (a raw upgraded connection,
 * or binary WebSocket messages for kubectl 1.31+ port-forward); encoded frames go out through {@code transport}.
 * No flow control: spdystream neither sends nor honours WINDOW_UPDATE, and writes wait on the transport instead.
 */
public final class SpdySession {
    private static final Logger LOG = LoggerFactory.getLogger(SpdySession.class);
    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    /** Guards the codec: encoding and writing happen under it (a lock, not a monitor: writers may block). */
    private final ReentrantLock lock = new ReentrantLock();
    /** Streams we open get odd ids, as a client's. */
    private final AtomicInteger nextStreamId = new AtomicInteger(1);
    private final Map<Integer, SpdyStream> streams = new ConcurrentHashMap<>();
    private final Function<Buffer, Future<Void>> transport;
    private final Runnable closeTransport;
    private final Consumer<SpdyStream> onStream;
    private volatile boolean closed;

    public SpdySession(Function<Buffer, Future<Void>> transport, Runnable closeTransport, Consumer<SpdyStream> onStream) {
        this.transport = transport;
        this.closeTransport = closeTransport;
        this.onStream = onStream;
    }

    /**
     * Bytes from the peer, in order (on its event loop or reader thread); frames are handled as they complete.
     * What comes after the session closed (the peer's last frames racing our close) is dropped.
     */
    public void receive(Buffer bytes) {
        try {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
            } finally {
                lock.unlock();
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
        lock.lock();
        try {
            return codec.readInbound();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens a stream with {@code headers} (as a client does; names go lower-case, as SPDY/3 requires and Go's
     * framer enforces); the peer's SYN_REPLY needs no waiting for.
     */
    public SpdyStream open(Map<String, String> headers) {
        int id = nextStreamId.getAndAdd(2);
        Map<String, String> lower = new ConcurrentHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        SpdyStream stream = new SpdyStream(this, id, lower);
        streams.put(id, stream);
        DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        lower.forEach((k, v) -> syn.headers().add(k, v));
        send(syn);
        return stream;
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
        } else if (frame instanceof SpdySynReplyFrame reply) {
            SpdyStream stream = streams.get(reply.streamId());
            if (stream != null && reply.isLast()) {
                stream.remoteFinished();
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
        lock.lock();
        try {
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
        } finally {
            lock.unlock();
        }
    }

    /** Ends every stream and the connection; idempotent. */
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            codec.finishAndReleaseAll();
        } finally {
            lock.unlock();
        }
        streams.values().forEach(SpdyStream::reset);
        streams.clear();
        closeTransport.run();
    }

    public boolean closed() {
        return closed;
    }
}

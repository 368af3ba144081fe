package io.k8j.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One query's wire bytes to the response's: the cluster zone answers its names (authoritatively), the forwarder
 * the others, SERVFAIL when no upstream answered. Responses fit the client's transport: 512 bytes over UDP, or the
 * EDNS size it announced (up to 4096), truncated with TC set beyond that so it retries over TCP.
 */
final class Responder {
    static final int TCP_MAX = 65535;
    private static final int UDP_MIN = 512;
    private static final int EDNS_MAX = 4096;

    private final ClusterZone zone;
    private final Forwarder forwarder;

    Responder(ClusterZone zone, Forwarder forwarder) {
        this.zone = zone;
        this.forwarder = forwarder;
    }

    /** The response to {@code wire}, or empty for bytes that are not a query at all (dropped, as CoreDNS does). */
    Optional<byte[]> respond(byte[] wire, boolean tcp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return formatError(wire);
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return Optional.empty();
        }
        OPTRecord opt = query.getOPT();
        int limit = tcp ? TCP_MAX : opt == null ? UDP_MIN : Math.clamp(opt.getPayloadSize(), UDP_MIN, EDNS_MAX);
        Message response = reply(query);
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
        } else if (query.getHeader().getCount(Section.QUESTION) != 1) {
            response.getHeader().setRcode(Rcode.FORMERR);
        } else {
            Record question = query.getQuestion();
            Optional<ZoneAnswer> own = zone.answer(question.getName(), question.getType());
            if (own.isPresent()) {
                fill(response, own.get());
            } else {
                Optional<Message> forwarded = forwarder.forward(query, tcp);
                if (forwarded.isEmpty()) {
                    response.getHeader().setRcode(Rcode.SERVFAIL);
                } else {
                    response = forwarded.get();
                    response.getHeader().setID(query.getHeader().getID());
                }
            }
        }
        if (opt != null && response.getOPT() == null) {
            response.addRecord(new OPTRecord(EDNS_MAX, 0, 0), Section.ADDITIONAL);
        }
        return Optional.of(response.toWire(limit));
    }

    private static Message reply(Message query) {
        Message response = new Message(query.getHeader().getID());
        Header h = response.getHeader();
        h.setFlag(Flags.QR);
        h.setFlag(Flags.RA);
        h.setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    private static void fill(Message response, ZoneAnswer answer) {
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setRcode(answer.rcode());
        add(response, answer.answer(), Section.ANSWER);
        add(response, answer.authority(), Section.AUTHORITY);
        add(response, answer.additional(), Section.ADDITIONAL);
    }

    private static void add(Message response, List<Record> records, int section) {
        records.forEach(r -> response.addRecord(r, section));
    }

    /** FORMERR to a message whose header parses but whose body does not. */
    private static Optional<byte[]> formatError(byte[] wire) {
        try {
            Header query = new Header(wire);
            if (query.getFlag(Flags.QR)) {
                return Optional.empty();
            }
            Message response = new Message(query.getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setOpcode(query.getOpcode());
            response.getHeader().setRcode(Rcode.FORMERR);
            return Optional.of(response.toWire());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

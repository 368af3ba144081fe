package io.k8j.dns;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

import java.util.List;

/**
 * The cluster zone's answer to one question: the rcode and the three record sections of the response. An empty
 * answer with NOERROR is NODATA (the name exists, not the type); negative answers carry the zone's SOA in authority
 * so that resolvers can cache them (RFC 2308).
 */
public record ZoneAnswer(int rcode, List<Record> answer, List<Record> authority, List<Record> additional) {

    static ZoneAnswer of(List<Record> answer, List<Record> additional) {
        return new ZoneAnswer(Rcode.NOERROR, List.copyOf(answer), List.of(), List.copyOf(additional));
    }

    static ZoneAnswer noData(Record soa) {
        return new ZoneAnswer(Rcode.NOERROR, List.of(), List.of(soa), List.of());
    }

    static ZoneAnswer nxDomain(Record soa) {
        return new ZoneAnswer(Rcode.NXDOMAIN, List.of(), List.of(soa), List.of());
    }
}

package io.k8j.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResolvConfTest {
    @Test
    void readsNameserversSearchesAndOptionsAsResolversDo() {
        ResolvConf conf = ResolvConf.parse("""
                # generated
                domain old.example
                nameserver 192.0.2.53
                search a.example b.example
                nameserver 2001:db8::53
                options ndots:2 edns0
                sortlist 130.155.160.0/255.255.240.0
                """);

        assertThat(conf).isEqualTo(new ResolvConf(List.of("192.0.2.53", "2001:db8::53"), List.of("a.example", "b.example"),
                List.of("ndots:2", "edns0")));
    }
}

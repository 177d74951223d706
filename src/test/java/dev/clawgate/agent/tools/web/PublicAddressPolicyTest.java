package dev.clawgate.agent.tools.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class PublicAddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.0.1", "224.0.0.1",
            "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.0.8", "198.18.0.1",
            "::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1",
            "2002:a9fe:a9fe::1"})
    void refusesNonPublicAddresses(String literal) throws Exception {
        assertThat(PublicAddressPolicy.isPublic(InetAddress.getByName(literal))).as(literal).isFalse();
        assertThat(PublicAddressPolicy.publicOnly().permits("example.com", InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "169.253.1.1", "192.169.0.1", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1"})
    void permitsPublicAddresses(String literal) throws Exception {
        assertThat(PublicAddressPolicy.isPublic(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @Test
    void allowlistedHostsMayBePrivateButOnlyByTheirOwnName() throws Exception {
        PublicAddressPolicy policy = new PublicAddressPolicy(Set.of("Wiki.LAN", "[::1]", "127.0.0.1"));
        InetAddress lan = InetAddress.getByName("192.168.1.20");
        assertThat(policy.permits("wiki.lan", lan)).isTrue();
        assertThat(policy.permits("wiki.lan.", lan)).isTrue();
        assertThat(policy.permits("other.lan", lan)).isFalse();
        assertThat(policy.permits("[::1]", InetAddress.getByName("::1"))).isTrue();
        assertThat(policy.permits("127.0.0.1", InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(policy.permits("localhost", InetAddress.getByName("127.0.0.1"))).isFalse();
    }
}

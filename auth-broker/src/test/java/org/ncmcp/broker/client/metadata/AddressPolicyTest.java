package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
            "2a00:1450:4001:82b::200e"})
    void publicUnicastIsAllowed(String address) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.1.2.3 | private", "172.16.0.1 | private", "172.31.255.255 | private", "192.168.0.1 | private",
            "127.0.0.53 | loopback", "169.254.169.254 | link-local", "100.64.0.1 | carrier-grade NAT",
            "0.0.0.0 | unspecified", "192.0.0.8 | IETF protocol assignment", "192.0.2.1 | documentation",
            "198.51.100.7 | documentation", "203.0.113.9 | documentation", "198.18.0.1 | benchmarking",
            "239.255.255.250 | multicast", "255.255.255.255 | reserved or broadcast", "240.0.0.1 | reserved",
            ":: | unspecified", "::1 | loopback", "fe80::1 | link-local", "fec0::1 | site-local",
            "fc00::1 | unique local", "fd00:ec2::254 | unique local", "ff02::1 | multicast",
            "::ffff:127.0.0.1 | loopback", "::10.0.0.1 | private", "64:ff9b::169.254.169.254 | link-local",
            "2002:0a00:0001::1 | 6to4 address embedding a private", "2001:0:4136:e378::1 | Teredo",
            "2001:db8::1 | documentation", "100::1 | discard-only",
    })
    void nonPublicAddressesAreRefusedWithTheReason(String address, String reason) throws Exception {
        assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).contains(reason);
    }
}

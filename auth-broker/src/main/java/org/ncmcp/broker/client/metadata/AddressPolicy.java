package org.ncmcp.broker.client.metadata;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which addresses a metadata document may be fetched from: public unicast only (MCP spec, "Client ID
 * Metadata Documents" security considerations: SSRF). Anyone can send us a client_id URL, so without this
 * a request could make the broker reach cloud metadata services, admin ports or the intranet.
 */
final class AddressPolicy {

    private AddressPolicy() {
    }

    /** Why an address is refused, or null when it is public. */
    static String refusal(InetAddress address) {
        if (address instanceof Inet4Address) {
            return refusalV4(address.getAddress());
        }
        if (address instanceof Inet6Address) {
            return refusalV6(address.getAddress());
        }
        return "an address of an unknown family";
    }

    private static String refusalV4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 0) {
            return "an unspecified ('this network') address";
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return "a private address (RFC 1918)";
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return "a carrier-grade NAT address (RFC 6598)";
        }
        if (b0 == 127) {
            return "a loopback address";
        }
        if (b0 == 169 && b1 == 254) {
            return "a link-local address (this includes cloud metadata services)";
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return "an IETF protocol assignment address (RFC 6890)";
        }
        if ((b0 == 192 && b1 == 0 && b2 == 2) || (b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return "a documentation address (RFC 5737)";
        }
        if (b0 == 192 && b1 == 88 && b2 == 99) {
            return "a 6to4 relay anycast address (RFC 7526)";
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return "a benchmarking address (RFC 2544)";
        }
        if (b0 >= 224 && b0 <= 239) {
            return "a multicast address";
        }
        if (b0 >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    private static String refusalV6(byte[] a) {
        if (isZero(a, 0, 16)) {
            return "an unspecified address";
        }
        if (isZero(a, 0, 15) && a[15] == 1) {
            return "a loopback address";
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 0xff) {
            return "a multicast address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "a link-local address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "a site-local address";
        }
        if ((b0 & 0xfe) == 0xfc) {
            return "a unique local address (RFC 4193)";
        }
        // Addresses that carry an IPv4 address reach that IPv4 host: judge the embedded one.
        if (isZero(a, 0, 10) && ((a[10] == (byte) 0xff && a[11] == (byte) 0xff) || (a[10] == 0 && a[11] == 0))) {
            return embedded(Arrays.copyOfRange(a, 12, 16), "an IPv4-mapped");
        }
        if (b0 == 0x00 && b1 == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b && isZero(a, 4, 12)) {
            return embedded(Arrays.copyOfRange(a, 12, 16), "a NAT64");
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return embedded(Arrays.copyOfRange(a, 2, 6), "a 6to4");
        }
        if (b0 == 0x20 && b1 == 0x01 && a[2] == 0 && a[3] == 0) {
            return "a Teredo tunnel address";
        }
        if (b0 == 0x20 && b1 == 0x01 && (a[2] & 0xff) == 0x0d && (a[3] & 0xff) == 0xb8) {
            return "a documentation address (RFC 3849)";
        }
        if (b0 == 0x01 && b1 == 0x00 && isZero(a, 2, 8)) {
            return "a discard-only address (RFC 6666)";
        }
        return null;
    }

    private static String embedded(byte[] v4, String kind) {
        String inner = refusalV4(v4);
        return inner == null ? null : kind + " address embedding " + inner;
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

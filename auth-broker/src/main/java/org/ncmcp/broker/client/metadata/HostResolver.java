package org.ncmcp.broker.client.metadata;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses. The fetcher resolves once, checks every address, and connects to one
 * of exactly those, so a second lookup can never hand it a different (internal) address. An interface so
 * tests can map names to loopback without touching DNS.
 */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    HostResolver SYSTEM = InetAddress::getAllByName;
}

package org.ncmcp.broker.client.upstream;

/** The upstream IdP's discovery document could not be fetched or is not acceptable. */
public class UpstreamDiscoveryException extends RuntimeException {

    public UpstreamDiscoveryException(String message) {
        super(message);
    }

    public UpstreamDiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}

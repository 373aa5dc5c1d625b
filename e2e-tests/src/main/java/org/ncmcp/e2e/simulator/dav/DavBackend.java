package org.ncmcp.e2e.simulator.dav;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A real DAV server the simulator forwards {@code /remote.php/dav/} to. It knows each user by their user id and a
 * password of its own. sabre/dav and Apache serve Nextcloud's URL layout below {@code /remote.php/dav/}; Radicale
 * serves its own layout mounted under that prefix ({@link #requestPath}, {@link #requestHeaders}), so clients must
 * find their homes through the principal, as they must on any CalDAV/CardDAV server.
 */
public interface DavBackend extends AutoCloseable {

    /** Scheme, host and port, e.g. {@code http://127.0.0.1:41235}. */
    URI baseUri();

    /** The password this server accepts for the user; the simulator never forwards the caller's app password. */
    String passwordFor(String userId);

    /** The server that answers {@code backendPath}; a composite sends the files tree elsewhere. */
    default DavBackend routeFor(String backendPath) {
        return this;
    }

    /** The path to request on this server for {@code davPath} (below {@code /remote.php/dav/}); by default the same. */
    default String requestPath(String davPath) {
        return davPath;
    }

    /** Headers this server needs on every forwarded request, e.g. the prefix it is mounted under. */
    default Map<String, String> requestHeaders() {
        return Map.of();
    }

    /** The server's files folder when the simulator may share it; empty keeps the simulator's files apart. */
    default Optional<LocalFilesTree> localFiles() {
        return Optional.empty();
    }

    @Override
    void close();
}

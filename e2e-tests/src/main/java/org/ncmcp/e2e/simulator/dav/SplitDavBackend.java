package org.ncmcp.e2e.simulator.dav;

import java.net.URI;
import java.util.Optional;

/**
 * Files on one DAV server, everything else (principals, calendars, address books) on another: lets the files
 * tools run against a minimal RFC 4918 server such as Apache mod_dav, which has no {@code current-user-principal},
 * while discovery still goes through a principal as on Nextcloud.
 */
public final class SplitDavBackend implements DavBackend {

    private static final String FILES = "/remote.php/dav/files/";

    private final DavBackend principals;
    private final DavBackend files;

    public SplitDavBackend(DavBackend principals, DavBackend files) {
        this.principals = principals;
        this.files = files;
    }

    @Override
    public DavBackend routeFor(String backendPath) {
        return backendPath.startsWith(FILES) ? files : principals;
    }

    @Override
    public URI baseUri() {
        return principals.baseUri();
    }

    @Override
    public String passwordFor(String userId) {
        return principals.passwordFor(userId);
    }

    @Override
    public Optional<LocalFilesTree> localFiles() {
        return files.localFiles();
    }

    /** Closes neither server: whoever started them stops them. */
    @Override
    public void close() {
    }
}

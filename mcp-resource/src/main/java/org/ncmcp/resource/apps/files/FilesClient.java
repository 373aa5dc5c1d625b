package org.ncmcp.resource.apps.files;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.ncmcp.resource.credentials.NextcloudCredential;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudException;
import org.ncmcp.resource.nextcloud.NextcloudForbiddenException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.nextcloud.NextcloudUnavailableException;
import org.ncmcp.resource.nextcloud.dav.DavHref;

/**
 * WebDAV client for the user's files (nextcloud-api.md §1.10). The files home is discovered, never built from the
 * configured login: {@code current-user-principal} names the user id ({@code principals/users/<uid>/}), whose files
 * live at {@code files/<uid>/}. Every path goes through {@link FilesPath}, so nothing leaves that home.
 */
public class FilesClient {

    static final String DAV_ROOT = "/remote.php/dav/";
    private static final String PRINCIPALS = "principals/users/";
    /** The walking fallback of search stops after this many folders, so a huge tree cannot stall a tool call. */
    static final int MAX_FOLDERS_WALKED = 300;

    private final NextcloudHttpClient http;
    private final String basePath;
    /** login + user id → files home (relative to the base URL, encoded, with trailing slash). Homes never move. */
    private final Map<String, String> homes = new ConcurrentHashMap<>();

    public FilesClient(NextcloudHttpClient http) {
        this.http = http;
        String path = URI.create(http.baseUrl()).getRawPath();
        this.basePath = path == null ? "" : path.replaceAll("/+$", "");
    }

    /** How a search was answered: Nextcloud's DAV SEARCH, or our PROPFIND walk where SEARCH is missing. */
    enum SearchMethod { DAV_SEARCH, PROPFIND_WALK, FAVORITES_REPORT }

    record Found(List<DavEntry> entries, SearchMethod method, boolean truncated) {
    }

    // --- reading ------------------------------------------------------------------------------

    /** The entry at {@code path} (PROPFIND depth 0). */
    DavEntry stat(FilesPath path) {
        try {
            List<DavEntry> entries = propfind(url(path), "0");
            if (entries.isEmpty()) {
                throw notFound(path);
            }
            return entries.get(0);
        } catch (NextcloudNotFoundException missing) {
            throw notFound(path);
        }
    }

    /** The folder's entry first, then its children (PROPFIND depth 1). */
    List<DavEntry> list(FilesPath folder) {
        try {
            return propfind(url(folder), "1");
        } catch (NextcloudNotFoundException missing) {
            throw new NextcloudNotFoundException(404, "There is no folder " + folder.display()
                    + " in your files. List its parent folder to see what exists.");
        }
    }

    NextcloudResponse download(FilesPath path) {
        try {
            return http.send(NextcloudRequest.get(url(path)).header("Accept", "*/*"));
        } catch (NextcloudNotFoundException missing) {
            throw notFound(path);
        }
    }

    // --- writing ------------------------------------------------------------------------------

    /**
     * PUT with {@code If-Match} when {@code etag} is given, else {@code If-None-Match: *} unless {@code overwrite}.
     *
     * @return whether the file was created (201) rather than replaced
     */
    boolean upload(FilesPath path, byte[] content, String contentType, String etag, boolean overwrite) {
        NextcloudRequest request = NextcloudRequest.put(url(path)).body(contentType, content);
        if (etag != null) {
            request = request.header("If-Match", "\"" + NextcloudResponse.unquoteEtag(etag) + "\"");
        } else if (!overwrite) {
            request = request.header("If-None-Match", "*");
        }
        try {
            return http.send(request).status() == 201;
        } catch (NextcloudNotFoundException missing) {
            // RFC 4918 9.7.1 says 409 for a missing parent; sabre (Nextcloud's too) answers 404 from its tree lookup
            throw missingParent(path);
        } catch (NextcloudConflictException conflict) {
            if (conflict.status() == 409) {
                throw missingParent(path);
            }
            if (etag != null && unchangedBehindWeakEtag(path, etag)) {
                return http.send(NextcloudRequest.put(url(path)).body(contentType, content)).status() == 201;
            }
            if (etag != null) {
                String current = currentEtag(path);
                throw conflict.withMessage("Conflict: " + path.display() + " was changed since you read it (you sent"
                        + " etag " + NextcloudResponse.unquoteEtag(etag) + (current == null ? ", and it no longer exists"
                        : ", the current etag is " + current) + "). Nothing was written. Read it again with"
                        + " nc_files_read_file, merge your change and write with the current etag.", current);
            }
            throw conflict.withMessage(path.display() + " already exists; nothing was written. To replace it, read"
                    + " it with nc_files_read_file and pass its etag, or set overwrite to true.", currentEtag(path));
        } catch (NextcloudProtocolException refused) {
            if (refused.status() == 405) {
                throw new NextcloudConflictException(405, path.display() + " is a folder; a file cannot replace it.",
                        null, null);
            }
            throw refused;
        }
    }

    void makeDirectory(FilesPath path) {
        try {
            http.send(new NextcloudRequest("MKCOL", url(path), Map.of(), null));
        } catch (NextcloudConflictException | NextcloudNotFoundException missing) {
            throw missingParent(path);
        } catch (NextcloudProtocolException refused) {
            if (refused.status() == 405) {
                // RFC 4918 9.3.1: MKCOL on an existing resource is 405
                throw new NextcloudConflictException(405, path.display() + " already exists.", null, null);
            }
            throw refused;
        }
    }

    void delete(FilesPath path, String etag) {
        NextcloudRequest request = NextcloudRequest.delete(url(path));
        if (etag != null) {
            request = request.header("If-Match", "\"" + NextcloudResponse.unquoteEtag(etag) + "\"");
        }
        try {
            http.send(request);
        } catch (NextcloudNotFoundException missing) {
            throw notFound(path);
        } catch (NextcloudConflictException conflict) {
            if (etag != null && unchangedBehindWeakEtag(path, etag)) {
                http.send(NextcloudRequest.delete(url(path)));
                return;
            }
            throw conflict.withMessage("Conflict: " + path.display() + " was changed since you read it; nothing was"
                    + " deleted. Read it again if you still want to delete it.", currentEtag(path));
        }
    }

    /**
     * MOVE or COPY. {@code Overwrite: F} makes an existing destination a 412 (RFC 4918 10.6).
     *
     * @return whether the destination was created (201) rather than replaced (204)
     */
    boolean transfer(String method, FilesPath source, FilesPath destination, boolean overwrite) {
        String target = http.baseUrl() + url(destination);
        NextcloudRequest request = new NextcloudRequest(method, url(source),
                Map.of("Destination", target, "Overwrite", overwrite ? "T" : "F"), null);
        try {
            return http.send(request).status() == 201;
        } catch (NextcloudNotFoundException missing) {
            if (exists(source)) {
                throw missingParent(destination);
            }
            throw notFound(source);
        } catch (NextcloudConflictException conflict) {
            if (conflict.status() == 412) {
                throw conflict.withMessage("The destination " + destination.display() + " already exists; nothing"
                        + " was " + (method.equals("MOVE") ? "moved" : "copied") + ". Choose another name or set"
                        + " overwrite to true to replace it.", null);
            }
            throw missingParent(destination);
        }
    }

    // --- finding ------------------------------------------------------------------------------

    /**
     * Files below {@code under} matching {@code matches}. Uses WebDAV SEARCH (RFC 5323) as Nextcloud's own clients
     * do; servers without SEARCH (501/405, e.g. sabre/dav 1.8 or Apache) get a breadth-first PROPFIND walk instead.
     * Results are filtered here as well, so both ways answer the same.
     */
    Found search(FilesPath under, String nameLike, String typeLike, boolean favorites, int limit,
            Predicate<DavEntry> matches) {
        String scope = "/files/" + userSegment() + (under.isRoot() ? "" : "/" + under.encoded());
        byte[] body = DavXml.basicSearch(DavHref.decodedPath(scope), nameLike, typeLike, favorites, limit);
        try {
            NextcloudResponse response = http.send(new NextcloudRequest("SEARCH", DAV_ROOT,
                    Map.of("Content-Type", "text/xml; charset=utf-8"), body));
            List<DavEntry> hits = DavXml.entries(response.body()).stream()
                    .filter(entry -> !entry.href().equals(DavHref.decodedPath(basePath + url(under))))
                    .filter(matches).limit(limit).toList();
            return new Found(hits, SearchMethod.DAV_SEARCH, false);
        } catch (NextcloudException failure) {
            if (!unsupported(failure)) {
                throw failure;
            }
        }
        return walk(under, limit, matches);
    }

    /** Favorites via Nextcloud's {@code oc:filter-files} REPORT; a walk over {@code oc:favorite} elsewhere. */
    Found favorites(int limit) {
        try {
            NextcloudResponse response = http.send(new NextcloudRequest("REPORT", url(FilesPath.ROOT),
                    Map.of("Content-Type", "text/xml; charset=utf-8"), DavXml.favoritesReport()));
            List<DavEntry> hits = DavXml.entries(response.body()).stream().limit(limit).toList();
            return new Found(hits, SearchMethod.FAVORITES_REPORT, false);
        } catch (NextcloudException failure) {
            // sabre answers an unknown REPORT with 403 ReportNotSupported (RFC 3253 3.6), others with 405/501/400
            if (!unsupported(failure) && !(failure instanceof NextcloudForbiddenException)
                    && failure.status() != 400) {
                throw failure;
            }
        }
        return walk(FilesPath.ROOT, limit, DavEntry::favorite);
    }

    private Found walk(FilesPath under, int limit, Predicate<DavEntry> matches) {
        List<DavEntry> hits = new ArrayList<>();
        Deque<FilesPath> folders = new ArrayDeque<>();
        folders.add(under);
        int walked = 0;
        while (!folders.isEmpty() && hits.size() < limit) {
            if (walked++ >= MAX_FOLDERS_WALKED) {
                return new Found(hits, SearchMethod.PROPFIND_WALK, true);
            }
            FilesPath folder = folders.poll();
            List<DavEntry> entries = list(folder);
            for (DavEntry entry : entries.subList(Math.min(1, entries.size()), entries.size())) {
                if (matches.test(entry) && hits.size() < limit) {
                    hits.add(entry);
                }
                if (entry.directory()) {
                    folders.add(pathOf(entry));
                }
            }
        }
        return new Found(hits, SearchMethod.PROPFIND_WALK, !folders.isEmpty() && hits.size() >= limit);
    }

    private static boolean unsupported(NextcloudException failure) {
        return failure.status() == 501 || failure.status() == 405
                || (failure instanceof NextcloudUnavailableException && failure.status() == 501);
    }

    // --- paths --------------------------------------------------------------------------------

    /** The user's path of an entry the server returned, e.g. {@code /Documents/a.md}. */
    FilesPath pathOf(DavEntry entry) {
        String home = DavHref.decodedPath(basePath + home());
        String href = entry.href();
        if (!href.startsWith(home) && !(href + "/").equals(home)) {
            throw new NextcloudProtocolException(207, "Nextcloud returned an item outside your files ("
                    + href + "); refusing to use it.");
        }
        return FilesPath.of(href.length() <= home.length() ? "/" : href.substring(home.length()));
    }

    private String url(FilesPath path) {
        return home() + path.encoded();
    }

    private String userSegment() {
        String home = home();
        String withoutSlash = home.substring(0, home.length() - 1);
        return withoutSlash.substring(withoutSlash.lastIndexOf('/') + 1);
    }

    /** {@code /remote.php/dav/files/<uid>/}, found through the principal once per user. */
    String home() {
        NextcloudCredential credential = http.currentCredential();
        String key = credential.loginName() + "\u0000" + credential.userId();
        return homes.computeIfAbsent(key, unused -> discoverHome());
    }

    private String discoverHome() {
        NextcloudResponse response = http.send(new NextcloudRequest("PROPFIND", DAV_ROOT,
                Map.of("Depth", "0", "Content-Type", "application/xml; charset=utf-8"), DavXml.currentUserPrincipal()));
        Optional<String> principal = parsed(response, DavXml::principalHref);
        String href = principal.orElseThrow(() -> new NextcloudProtocolException(response.status(),
                "Nextcloud's WebDAV endpoint did not name the current user (no current-user-principal)."));
        int at = href.indexOf(PRINCIPALS);
        String userId = at < 0 ? "" : href.substring(at + PRINCIPALS.length()).replaceAll("/+$", "");
        if (userId.isEmpty() || userId.contains("/")) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's WebDAV endpoint named an unexpected"
                    + " principal (" + href + "); expected …/principals/users/<user>/.");
        }
        return DAV_ROOT + "files/" + FilesPath.encodeSegment(userId) + "/";
    }

    private List<DavEntry> propfind(String path, String depth) {
        NextcloudResponse response = http.send(new NextcloudRequest("PROPFIND", path,
                Map.of("Depth", depth, "Content-Type", "application/xml; charset=utf-8"), DavXml.propfind()));
        return parsed(response, DavXml::entries);
    }

    /**
     * If-Match compares strongly (RFC 9110 13.1.1), so a server with only weak ETags (Apache mod_dav) fails it even
     * for the version the caller read. Nextcloud's ETags are strong. When the weak ETag still matches, the caller's
     * version is current as far as the server can tell, and the write goes ahead unconditionally; a concurrent write
     * in the moment between the two requests would be lost, which such a server gives no way to prevent.
     */
    private boolean unchangedBehindWeakEtag(FilesPath path, String etag) {
        try {
            DavEntry now = stat(path);
            return now.weakEtag() && NextcloudResponse.unquoteEtag(etag).equals(now.etag());
        } catch (NextcloudNotFoundException gone) {
            return false;
        }
    }

    private boolean exists(FilesPath path) {
        try {
            stat(path);
            return true;
        } catch (NextcloudNotFoundException gone) {
            return false;
        }
    }

    private String currentEtag(FilesPath path) {
        try {
            return stat(path).etag();
        } catch (NextcloudNotFoundException gone) {
            return null;
        }
    }

    private static <T> T parsed(NextcloudResponse response, java.util.function.Function<byte[], T> parser) {
        try {
            return parser.apply(response.body());
        } catch (IllegalArgumentException unreadable) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's WebDAV endpoint answered with"
                    + " something that is not WebDAV XML. Is NEXTCLOUD_URL the Nextcloud base URL?", unreadable);
        }
    }

    private static NextcloudNotFoundException notFound(FilesPath path) {
        return new NextcloudNotFoundException(404, "There is no file or folder " + path.display() + " in your files."
                + " List its folder with nc_files_list_directory or search with nc_files_find_by_name.");
    }

    private static NextcloudConflictException missingParent(FilesPath path) {
        return new NextcloudConflictException(409, "The folder " + path.parent().display() + " does not exist; create"
                + " it first with nc_files_create_directory.", null, null);
    }
}

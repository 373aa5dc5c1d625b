package org.ncmcp.resource.apps.contacts;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ncmcp.resource.apps.contacts.CardDavXml.Entry;
import org.ncmcp.resource.credentials.NextcloudCredential;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.nextcloud.dav.DavHref;
import org.ncmcp.resource.nextcloud.dav.Multistatus;

/**
 * CardDAV client (RFC 6352) for the user's address books. Their home is discovered as a CardDAV client must
 * (RFC 6352 7.1.1): {@code current-user-principal}, then the principal's {@code addressbook-home-set}; Nextcloud
 * answers {@code addressbooks/users/<uid>/}, other servers elsewhere, and nothing here assumes either.
 */
public class ContactsClient {

    static final String DAV_ROOT = "/remote.php/dav/";
    private static final String XML = "application/xml; charset=utf-8";

    private final NextcloudHttpClient http;
    private final String basePath;
    /** login + user id → address book home (below the base URL, encoded, trailing slash). Homes never move. */
    private final Map<String, String> homes = new ConcurrentHashMap<>();

    public ContactsClient(NextcloudHttpClient http) {
        this.http = http;
        String path = URI.create(http.baseUrl()).getRawPath();
        this.basePath = path == null ? "" : path.replaceAll("/+$", "");
    }

    /** A card as stored: its resource name in the address book, etag and vCard text. */
    record StoredCard(String id, String etag, String data) {
    }

    // --- address books ------------------------------------------------------------------------

    /** The address books in the home (other collections, e.g. a system folder, are left out). */
    List<Entry> addressBooks() {
        String home = home();
        NextcloudResponse response = http.send(new NextcloudRequest("PROPFIND", home,
                Map.of("Depth", "1", "Content-Type", XML), CardDavXml.addressBookProperties()));
        return parsed(response, CardDavXml::entries).stream().filter(Entry::addressBook).toList();
    }

    void createAddressBook(String id, String displayName, String description) {
        try {
            http.send(new NextcloudRequest("MKCOL", bookUrl(id), Map.of("Content-Type", XML),
                    CardDavXml.makeAddressBook(displayName, description)));
        } catch (NextcloudProtocolException refused) {
            if (refused.status() == 405) {
                // RFC 4918 9.3.1: MKCOL on an existing resource is 405
                throw new NextcloudConflictException(405, "An address book with the id '" + id + "' already"
                        + " exists; nothing was created. List them with nc_contacts_list_address_books.", null, null);
            }
            throw refused;
        }
    }

    void deleteAddressBook(String id) {
        try {
            http.send(NextcloudRequest.delete(bookUrl(id)));
        } catch (NextcloudNotFoundException missing) {
            throw noBook(id);
        }
    }

    // --- cards --------------------------------------------------------------------------------

    /** Every card of the address book with its etag and data (addressbook-query REPORT, Depth 1). */
    List<StoredCard> cards(String book) {
        String url = bookUrl(book);
        NextcloudResponse response;
        try {
            response = http.send(new NextcloudRequest("REPORT", url, Map.of("Depth", "1", "Content-Type", XML),
                    CardDavXml.allCards()));
        } catch (NextcloudNotFoundException missing) {
            throw noBook(book);
        }
        String prefix = DavHref.decodedPath(basePath + url);
        return parsed(response, CardDavXml::entries).stream()
                .filter(entry -> entry.addressData() != null && entry.href().startsWith(prefix)
                        && entry.href().length() > prefix.length())
                .map(entry -> new StoredCard(entry.href().substring(prefix.length()), entry.etag(),
                        entry.addressData()))
                .toList();
    }

    StoredCard card(String book, String id) {
        try {
            NextcloudResponse response = http.send(NextcloudRequest.get(cardUrl(book, id))
                    .header("Accept", "text/vcard, text/x-vcard;q=0.9, */*;q=0.1"));
            return new StoredCard(id, response.etag().orElse(null), response.bodyAsString());
        } catch (NextcloudNotFoundException missing) {
            throw noCard(book, id);
        }
    }

    /** PUT with {@code If-None-Match: *}: never replaces a card that exists. Returns the new etag. */
    String create(String book, String id, String vcard) {
        NextcloudRequest request = put(book, id, vcard).header("If-None-Match", "*");
        try {
            return etagAfterWrite(book, id, http.send(request));
        } catch (NextcloudNotFoundException missing) {
            throw noBook(book);
        } catch (NextcloudConflictException exists) {
            if (exists.status() == 409) {
                // RFC 4918 9.7.1: a PUT into a collection that does not exist is 409 (Radicale; sabre says 404);
                // an existing card fails If-None-Match with 412
                throw noBook(book);
            }
            throw exists.withMessage("A contact with the id '" + id + "' already exists in address book '" + book
                    + "'; nothing was written.", null);
        }
    }

    /** PUT with {@code If-Match}: a card changed since {@code etag} was read is a conflict naming the current etag. */
    String update(String book, String id, String vcard, String etag) {
        NextcloudRequest request = put(book, id, vcard).header("If-Match", "\"" + NextcloudResponse.unquoteEtag(etag) + "\"");
        try {
            return etagAfterWrite(book, id, http.send(request));
        } catch (NextcloudNotFoundException missing) {
            throw noCard(book, id);
        } catch (NextcloudConflictException changed) {
            throw stale(changed, book, id, etag, "Nothing was written. Read it again with nc_contacts_list_contacts,"
                    + " and repeat your change with the current etag.");
        }
    }

    void delete(String book, String id, String etag) {
        NextcloudRequest request = NextcloudRequest.delete(cardUrl(book, id));
        if (etag != null) {
            request = request.header("If-Match", "\"" + NextcloudResponse.unquoteEtag(etag) + "\"");
        }
        try {
            http.send(request);
        } catch (NextcloudNotFoundException missing) {
            throw noCard(book, id);
        } catch (NextcloudConflictException changed) {
            throw stale(changed, book, id, etag, "Nothing was deleted. Read it again if you still want to delete"
                    + " it.");
        }
    }

    /** A 412: the conflict names the current etag, so the caller can re-read and merge. */
    private NextcloudConflictException stale(NextcloudConflictException conflict, String book, String id, String etag,
            String advice) {
        String current;
        try {
            current = card(book, id).etag();
        } catch (NextcloudNotFoundException gone) {
            current = null;
        }
        return changedSince(conflict.status(), book, id, etag, current, advice);
    }

    static NextcloudConflictException changedSince(int status, String book, String id, String sentEtag,
            String currentEtag, String advice) {
        return new NextcloudConflictException(status, "Conflict: contact '" + id + "' in address book '" + book
                + "' was changed since you read it (you sent etag " + NextcloudResponse.unquoteEtag(sentEtag)
                + (currentEtag == null ? ", and it no longer exists" : ", the current etag is " + currentEtag) + "). "
                + advice, null, currentEtag);
    }

    private NextcloudRequest put(String book, String id, String vcard) {
        return NextcloudRequest.put(cardUrl(book, id)).body("text/vcard; charset=utf-8",
                vcard.getBytes(StandardCharsets.UTF_8));
    }

    /** Servers leave out the ETag when they altered what was sent (RFC 6352 6.3.2.3): read it then. */
    private String etagAfterWrite(String book, String id, NextcloudResponse response) {
        return response.etag().orElseGet(() -> card(book, id).etag());
    }

    // --- paths --------------------------------------------------------------------------------

    private String bookUrl(String book) {
        return home() + segment(ContactIds.addressBook(book)) + "/";
    }

    private String cardUrl(String book, String id) {
        return bookUrl(book) + segment(ContactIds.card(id));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The address book home below the base URL, found through the principal once per user. */
    String home() {
        NextcloudCredential credential = http.currentCredential();
        return homes.computeIfAbsent(credential.loginName() + "\u0000" + credential.userId(),
                unused -> discoverHome());
    }

    private String discoverHome() {
        NextcloudResponse root = http.send(new NextcloudRequest("PROPFIND", DAV_ROOT,
                Map.of("Depth", "0", "Content-Type", XML), CardDavXml.currentUserPrincipal()));
        String principal = parsed(root, xml -> CardDavXml.hrefIn(xml, Multistatus.DAV, "current-user-principal"))
                .orElseThrow(() -> new NextcloudProtocolException(root.status(), "Nextcloud's WebDAV endpoint did"
                        + " not name the current user (no current-user-principal)."));
        NextcloudResponse props = http.send(new NextcloudRequest("PROPFIND", belowBase(principal),
                Map.of("Depth", "0", "Content-Type", XML), CardDavXml.addressBookHomeSet()));
        String home = parsed(props, xml -> CardDavXml.hrefIn(xml, CardDavXml.CARDDAV, "addressbook-home-set"))
                .orElseThrow(() -> new NextcloudProtocolException(props.status(), "Nextcloud did not name an address"
                        + " book home for you (no addressbook-home-set). Is the Contacts (CardDAV) service enabled?"));
        return belowBase(home.endsWith("/") ? home : home + "/");
    }

    /** A decoded absolute path from the server → an encoded path below the configured base URL. */
    private String belowBase(String decodedPath) {
        String base = DavHref.decodedPath(basePath);
        if (!decodedPath.startsWith(base + "/")) {
            throw new NextcloudProtocolException(207, "Nextcloud named a DAV location outside its base URL ("
                    + decodedPath + "); refusing to use it.");
        }
        StringBuilder encoded = new StringBuilder();
        for (String part : decodedPath.substring(base.length()).split("/", -1)) {
            encoded.append(encoded.isEmpty() && part.isEmpty() ? "" : "/").append(segment(part));
        }
        return encoded.toString();
    }

    private static <T> T parsed(NextcloudResponse response, Function<byte[], T> parser) {
        try {
            return parser.apply(response.body());
        } catch (IllegalArgumentException unreadable) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's WebDAV endpoint answered with"
                    + " something that is not WebDAV XML. Is NEXTCLOUD_URL the Nextcloud base URL?", unreadable);
        }
    }

    private static NextcloudNotFoundException noBook(String book) {
        return new NextcloudNotFoundException(404, "There is no address book '" + book + "'. List yours with"
                + " nc_contacts_list_address_books.");
    }

    private static NextcloudNotFoundException noCard(String book, String id) {
        return new NextcloudNotFoundException(404, "There is no contact '" + id + "' in address book '" + book
                + "' (or the address book does not exist). List them with nc_contacts_list_contacts.");
    }
}

package org.ncmcp.resource.apps.contacts;

import static org.ncmcp.resource.nextcloud.dav.DavRequestBody.escape;
import static org.ncmcp.resource.nextcloud.dav.DavRequestBody.xml;
import static org.ncmcp.resource.nextcloud.dav.Multistatus.DAV;

import java.util.List;
import java.util.Optional;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.nextcloud.dav.DavHref;
import org.ncmcp.resource.nextcloud.dav.DavRequestBody;
import org.ncmcp.resource.nextcloud.dav.DavResponse;
import org.ncmcp.resource.nextcloud.dav.Multistatus;
import org.w3c.dom.Element;

/** The CardDAV XML we send (RFC 6352, RFC 5689 extended MKCOL) and read (207 multistatus answers). */
final class CardDavXml {

    static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";
    static final String CALENDARSERVER = "http://calendarserver.org/ns/";

    /** A {@code d:response}: decoded href plus the 200 properties we read. */
    record Entry(String href, boolean addressBook, String displayName, String description, String ctag, String etag,
            String addressData) {
    }

    private CardDavXml() {
    }

    static byte[] currentUserPrincipal() {
        return DavRequestBody.currentUserPrincipal();
    }

    static byte[] addressBookHomeSet() {
        return xml("<d:propfind xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\"><d:prop>"
                + "<card:addressbook-home-set/></d:prop></d:propfind>");
    }

    static byte[] addressBookProperties() {
        return xml("<d:propfind xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\" xmlns:cs=\"" + CALENDARSERVER
                + "\"><d:prop><d:resourcetype/><d:displayname/><card:addressbook-description/><cs:getctag/></d:prop>"
                + "</d:propfind>");
    }

    /** RFC 6352 8.6 without filters: every card with its etag and data, in one round trip. */
    static byte[] allCards() {
        return xml("<card:addressbook-query xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\"><d:prop>"
                + "<d:getetag/><card:address-data/></d:prop></card:addressbook-query>");
    }

    /** RFC 5689 extended MKCOL: an address book with its display name (and description) in one request. */
    static byte[] makeAddressBook(String displayName, String description) {
        return xml("<d:mkcol xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\"><d:set><d:prop>"
                + "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
                + "<d:displayname>" + escape(displayName) + "</d:displayname>"
                + (description == null ? "" : "<card:addressbook-description>" + escape(description)
                        + "</card:addressbook-description>")
                + "</d:prop></d:set></d:mkcol>");
    }

    /** The first decoded {@code <element><d:href>} (current-user-principal, addressbook-home-set) of an answer. */
    static Optional<String> hrefIn(byte[] multistatus, String namespace, String element) {
        return Multistatus.firstHref(multistatus, namespace, element).map(DavHref::decodedPath);
    }

    static List<Entry> entries(byte[] multistatus) {
        return Multistatus.responses(multistatus).stream().map(CardDavXml::entry).toList();
    }

    private static Entry entry(DavResponse response) {
        String etag = response.text(DAV, "getetag");
        Element data = response.element(CARDDAV, "address-data");
        return new Entry(response.decodedPath(), response.isOfType(CARDDAV, "addressbook"),
                response.text(DAV, "displayname"), response.text(CARDDAV, "addressbook-description"),
                response.text(CALENDARSERVER, "getctag"), etag == null ? null : NextcloudResponse.unquoteEtag(etag),
                data == null ? null : data.getTextContent());
    }
}

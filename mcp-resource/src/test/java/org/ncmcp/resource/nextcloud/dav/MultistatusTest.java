package org.ncmcp.resource.nextcloud.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The multistatus reading the Files, Contacts and Calendar clients share (RFC 4918 §13, §9.1, §8.3). */
class MultistatusTest {

    private static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachResponseKeepsItsHrefAndOnlyThePropertiesOfIts200Propstat() {
        List<DavResponse> responses = Multistatus.responses(utf8("""
                <d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:response>
                    <d:href>https://cloud.example.com/remote.php/dav/calendars/alice/work%20items/</d:href>
                    <d:propstat><d:prop><d:displayname/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
                    <d:propstat>
                      <d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:getetag> "abc" </d:getetag>
                      </d:prop>
                      <d:status>HTTP/1.1 200 OK</d:status>
                    </d:propstat>
                  </d:response>
                  <d:response><d:propstat><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
                  <d:response><d:href>/remote.php/dav/files/alice/a+b.txt</d:href>
                    <d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
                  </d:response>
                </d:multistatus>"""));

        assertThat(responses).hasSize(2);
        DavResponse calendar = responses.get(0);
        assertThat(calendar.path()).isEqualTo("/remote.php/dav/calendars/alice/work%20items/");
        assertThat(calendar.decodedPath()).isEqualTo("/remote.php/dav/calendars/alice/work items/");
        assertThat(calendar.isOfType("urn:ietf:params:xml:ns:caldav", "calendar")).isTrue();
        assertThat(calendar.isOfType(Multistatus.DAV, "collection")).isTrue();
        assertThat(calendar.text(Multistatus.DAV, "getetag")).isEqualTo("\"abc\"");
        assertThat(calendar.text(Multistatus.DAV, "displayname")).isNull();

        DavResponse file = responses.get(1);
        assertThat(file.prop()).isNull();
        assertThat(file.decodedPath()).isEqualTo("/remote.php/dav/files/alice/a+b.txt");
        assertThat(file.isOfType(Multistatus.DAV, "collection")).isFalse();
        assertThat(file.text(Multistatus.DAV, "getetag")).isNull();
    }

    @Test
    void firstHrefSkipsEmptyPropertiesAndKeepsTheHrefAsSent() {
        byte[] answer = utf8("""
                <d:multistatus xmlns:d="DAV:"><d:response><d:href>/remote.php/dav/</d:href>
                  <d:propstat><d:prop><d:current-user-principal><d:href> </d:href></d:current-user-principal>
                  <d:current-user-principal><d:href>/remote.php/dav/principals/users/alice%40example.com/</d:href>
                  </d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
                </d:response></d:multistatus>""");

        assertThat(Multistatus.firstHref(answer, Multistatus.DAV, "current-user-principal"))
                .contains("/remote.php/dav/principals/users/alice%40example.com/");
        assertThat(Multistatus.firstHref(answer, "urn:ietf:params:xml:ns:carddav", "addressbook-home-set")).isEmpty();
    }

    @Test
    void anAnswerWithADoctypeOrThatIsNotXmlIsRefused() {
        assertThatThrownBy(() -> Multistatus.responses(utf8("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]>"
                + "<d:multistatus xmlns:d=\"DAV:\"/>"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Multistatus.responses(utf8("<html>Maintenance"))).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void requestBodiesCarryTheProlog() {
        assertThat(new String(DavRequestBody.currentUserPrincipal(), StandardCharsets.UTF_8))
                .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\">")
                .contains("<d:current-user-principal/>");
        assertThat(DavRequestBody.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }
}

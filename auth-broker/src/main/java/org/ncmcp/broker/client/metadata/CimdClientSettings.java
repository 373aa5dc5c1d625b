package org.ncmcp.broker.client.metadata;

import java.util.List;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The {@code ClientSettings} entries that mark a {@link RegisteredClient} built from a metadata document,
 * and what the consent page needs from it. Read them through the helpers rather than the raw keys.
 */
public final class CimdClientSettings {

    /** Where a client came from; {@link #SOURCE_CIMD} for metadata documents. */
    public static final String SOURCE = "settings.client.source";
    public static final String SOURCE_CIMD = "cimd";
    /** The client_id URL's host: who vouches for the client. */
    public static final String CLIENT_ID_HOST = "settings.client.cimd.client-id-host";
    /** The distinct redirect hosts ({@code List<String>}). */
    public static final String REDIRECT_HOSTS = "settings.client.cimd.redirect-hosts";
    /** {@code client_uri} (https), if the document has one. */
    public static final String CLIENT_URI = "settings.client.cimd.client-uri";
    /** {@code logo_uri} (https), if the document has one. */
    public static final String LOGO_URI = "settings.client.cimd.logo-uri";
    /** Warnings for the consent page ({@code List<String>}). */
    public static final String WARNINGS = "settings.client.cimd.warnings";

    private CimdClientSettings() {
    }

    public static boolean isCimd(RegisteredClient client) {
        return SOURCE_CIMD.equals(client.getClientSettings().getSetting(SOURCE));
    }

    /** The consent-page warnings of a CIMD client; empty for other clients. */
    public static List<String> warnings(RegisteredClient client) {
        List<String> warnings = client.getClientSettings().getSetting(WARNINGS);
        return warnings == null ? List.of() : warnings;
    }

    /** The distinct redirect hosts of a CIMD client; empty for other clients. */
    public static List<String> redirectHosts(RegisteredClient client) {
        List<String> hosts = client.getClientSettings().getSetting(REDIRECT_HOSTS);
        return hosts == null ? List.of() : hosts;
    }

    /** The client_id host of a CIMD client, or null for other clients. */
    public static String clientIdHost(RegisteredClient client) {
        return client.getClientSettings().getSetting(CLIENT_ID_HOST);
    }
}

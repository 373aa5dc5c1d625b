package org.ncmcp.broker.client.metadata;

import static org.ncmcp.broker.client.metadata.ClientMetadataException.quote;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;

/**
 * The rules for a client identifier URL (draft-ietf-oauth-client-id-metadata-document, "Client Identifier
 * URL"): https, a host, a path, no fragment, no user info, no dot segments. The URL is never normalised:
 * the document's {@code client_id} must equal it character for character.
 */
public final class ClientIdUrl {

    /** Fits the {@code client_id} column, and keeps {@code "cimd:" + url} a usable registered-client id. */
    public static final int MAX_LENGTH = 500;

    private ClientIdUrl() {
    }

    /**
     * True for ids in the URL namespace ({@code https://} or {@code http://}, any case). Such ids are
     * only ever metadata documents, never registered clients (RFC 9700 §2.6: clients must not be able
     * to choose an id that collides with another kind).
     */
    public static boolean isUrlShaped(String clientId) {
        if (clientId == null) {
            return false;
        }
        String lower = clientId.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /**
     * Parses and checks a client identifier URL.
     *
     * @param httpAllowedHosts normalised hosts for which plain http is accepted (tests, development)
     * @throws ClientMetadataException naming the rule the URL breaks
     */
    public static URI parse(String clientId, Collection<String> httpAllowedHosts) {
        if (clientId.length() > MAX_LENGTH) {
            throw new ClientMetadataException("client_id URL is longer than " + MAX_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(clientId);
        } catch (URISyntaxException e) {
            throw new ClientMetadataException("client_id " + quote(clientId) + " is not a valid URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null) {
            throw new ClientMetadataException("client_id " + quote(clientId) + " has no host (internationalised"
                    + " host names must be written in their ASCII form)");
        }
        if (url.getPort() == 0) {
            throw new ClientMetadataException("client_id " + quote(clientId) + " uses port 0");
        }
        boolean httpAllowed = httpAllowedHosts.contains(CimdProperties.normalizeHost(url.getHost()));
        if (!scheme.equals("https") && !(scheme.equals("http") && httpAllowed)) {
            throw new ClientMetadataException("client_id " + quote(clientId) + " must use the https scheme");
        }
        if (url.getRawUserInfo() != null) {
            throw new ClientMetadataException("client_id " + quote(clientId) + " must not contain a user name or password");
        }
        if (url.getRawFragment() != null) {
            throw new ClientMetadataException("client_id " + quote(clientId) + " must not contain a fragment");
        }
        String path = url.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw new ClientMetadataException("client_id " + quote(clientId) + " must contain a path, e.g. /client.json");
        }
        for (String segment : path.split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new ClientMetadataException("client_id " + quote(clientId) + " must not contain '.' or '..' path segments");
            }
        }
        return url;
    }
}

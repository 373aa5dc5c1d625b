package org.ncmcp.broker.client.metadata;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * A URL-shaped {@code client_id} that cannot be used: its URL is malformed, its document could not be
 * fetched, or the document is invalid. It is an OAuth {@code invalid_client} error whose description says
 * precisely what is wrong, so the developer of the client can fix it.
 */
public class ClientMetadataException extends OAuth2AuthenticationException {

    private static final int MAX_DESCRIPTION = 400;

    public ClientMetadataException(String description) {
        this(description, null);
    }

    public ClientMetadataException(String description, Throwable cause) {
        super(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, sanitize(description), null), sanitize(description), cause);
    }

    /** The text of the {@code error_description}. */
    public String description() {
        return getError().getDescription();
    }

    /**
     * RFC 6749 §5.2 allows only printable ASCII without '"' and '\' in error_description; documents are
     * attacker-controlled and get echoed here, so anything else is replaced and the length is capped.
     */
    static String sanitize(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION));
        for (int i = 0; i < text.length() && out.length() < MAX_DESCRIPTION; i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
            out.append(allowed ? c : '?');
        }
        if (text.length() > MAX_DESCRIPTION) {
            out.append("...");
        }
        return out.toString();
    }

    /** A value from a document, shortened for quoting in a description. */
    static String quote(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 120 ? text.substring(0, 120) + "..." : text) + "'";
    }
}

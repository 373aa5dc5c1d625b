package org.ncmcp.broker.token;

import java.sql.Timestamp;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether an access token of ours is still live in the authorization store: its row exists, has not expired and was
 * not invalidated (revoked, or consent withdrawn). Decided from two columns of {@code oauth2_authorization} rather
 * than Spring's full lookup, which also loads and parses the authorization's attributes and its client; the lease
 * path reads them in the same query as the person's credential (lease/SubjectRecords).
 */
public final class ActiveAccessTokens {

    /** The columns the rule reads, as named in {@code oauth2_authorization}. */
    public static final String EXPIRES_AT = "access_token_expires_at";
    public static final String METADATA = "access_token_metadata";
    /** The column the token is looked up by, holding {@link TokenHashes#stored}. */
    public static final String VALUE = "access_token_value";

    private static final String INVALIDATED = "metadata.token.invalidated";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ActiveAccessTokens() {
    }

    /** The value to look a token up by. */
    public static String lookupValue(String token) {
        return TokenHashes.stored(token);
    }

    public static boolean live(Timestamp expiresAt, String metadata, Instant now) {
        return expiresAt != null && expiresAt.toInstant().isAfter(now) && !invalidated(metadata);
    }

    /**
     * Reads only the top-level {@code metadata.token.invalidated} flag, skipping the token's claims (most of the
     * metadata) instead of building a tree of them.
     */
    private static boolean invalidated(String metadata) {
        if (metadata == null) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(metadata)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return true; // what cannot be read is not trusted
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (INVALIDATED.equals(name)) {
                    return value != JsonToken.VALUE_FALSE;
                }
                parser.skipChildren();
            }
            return false;
        } catch (JacksonException unreadable) {
            return true;
        }
    }
}

package org.ncmcp.broker.token;

import java.util.Map;
import java.util.function.Function;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps authorizations in the database with every token value replaced by its SHA-256, so a database
 * dump yields no usable code, access token or refresh token. Lookups hash the presented value; the
 * authorization handed back carries the presented value again, so Spring's flows see what they expect.
 * Lookups run in a (joined or new) transaction: Spring's JDBC store reads the registered client from inside its
 * row mapper, and without a transaction that second query takes a second pooled connection while the first is
 * still held — enough concurrent lookups then wait on each other for the whole pool (measured: 10 lease requests
 * at once stopped the broker). In a transaction both queries share the thread's connection.
 */
public class HashingAuthorizationService implements OAuth2AuthorizationService {

    private static final OAuth2TokenType STATE = new OAuth2TokenType("state");

    private final OAuth2AuthorizationService store;
    private final TransactionOperations transactions;

    public HashingAuthorizationService(OAuth2AuthorizationService store, TransactionOperations transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        store.save(withValues(authorization, TokenHashes::stored));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return transactions.execute(status -> store.findById(id));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return transactions.execute(status -> lookUp(token, tokenType));
    }

    private OAuth2Authorization lookUp(String token, OAuth2TokenType tokenType) {
        if (STATE.equals(tokenType)) {
            return store.findByToken(token, tokenType); // a short-lived random value, kept as is
        }
        String hashed = TokenHashes.stored(token);
        OAuth2Authorization found = store.findByToken(hashed, tokenType);
        if (found == null && tokenType == null) {
            return store.findByToken(token, STATE);
        }
        return found == null ? null : withValues(found, value -> value.equals(hashed) ? token : value);
    }

    /** A copy of the authorization whose token values are mapped through {@code mapping}. */
    private static OAuth2Authorization withValues(OAuth2Authorization authorization, Function<String, String> mapping) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
        copy(builder, authorization.getToken(OAuth2AuthorizationCode.class), mapping,
                t -> new OAuth2AuthorizationCode(mapping.apply(t.getTokenValue()), t.getIssuedAt(), t.getExpiresAt()));
        copy(builder, authorization.getToken(OAuth2AccessToken.class), mapping,
                t -> new OAuth2AccessToken(t.getTokenType(), mapping.apply(t.getTokenValue()), t.getIssuedAt(),
                        t.getExpiresAt(), t.getScopes()));
        copy(builder, authorization.getToken(OAuth2RefreshToken.class), mapping,
                t -> new OAuth2RefreshToken(mapping.apply(t.getTokenValue()), t.getIssuedAt(), t.getExpiresAt()));
        copy(builder, authorization.getToken(OidcIdToken.class), mapping,
                t -> new OidcIdToken(mapping.apply(t.getTokenValue()), t.getIssuedAt(), t.getExpiresAt(), t.getClaims()));
        return builder.build();
    }

    private static <T extends AbstractOAuth2Token> void copy(OAuth2Authorization.Builder builder,
            OAuth2Authorization.Token<T> token, Function<String, String> mapping, Function<T, T> rebuild) {
        if (token == null) {
            return;
        }
        Map<String, Object> metadata = token.getMetadata();
        builder.token(rebuild.apply(token.getToken()), m -> {
            m.clear();
            m.putAll(metadata);
        });
    }
}

package org.ncmcp.broker.refresh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.token.TokenHashes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refresh-token rotation that survives real clients (spec-checklist §5). Wraps Spring's refresh
 * provider, which rotates the token of one authorization (a "family"), and adds:
 * <ul>
 * <li>reuse detection: presenting a token whose successor has been used revokes the whole family and
 * writes an audit event (RFC 9700 §4.14.2);</li>
 * <li>a grace window: presenting a just-rotated token again before its successor was used returns the
 * very same response, so a client that lost the response can retry without forking the family;</li>
 * <li>serialisation per token across replicas (a PostgreSQL advisory lock), so two concurrent
 * refreshes with one token produce one successor.</li>
 * </ul>
 * The stored successor response is encrypted with a key derived from the old token: only whoever holds
 * that token can read it, and the database holds no usable token.
 */
public class RefreshTokenRotation implements AuthenticationProvider {

    private static final String DERIVATION_LABEL = "ncmcp refresh successor v1";

    private final AuthenticationProvider rotate;
    private final OAuth2AuthorizationService authorizations;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Duration grace;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();

    public RefreshTokenRotation(AuthenticationProvider rotate, OAuth2AuthorizationService authorizations,
            JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog audit, Duration grace, Clock clock) {
        this.rotate = rotate;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var request = (OAuth2RefreshTokenAuthenticationToken) authentication;
        String presented = request.getRefreshToken();
        String hash = TokenHashes.sha256Hex(presented);
        // The revocation must commit, so it is reported by value and thrown after the transaction.
        Authentication result = transactions.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class, hash);
            List<UsedToken> used = jdbc.query("SELECT authorization_id, successor_hash, used_at, successor_response"
                    + " FROM refresh_token_use WHERE token_hash = ?", (rs, i) -> new UsedToken(rs.getString(1),
                            rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4)), hash);
            if (used.isEmpty()) {
                return rotateNow(request, presented, hash);
            }
            return replay(request, presented, hash, used.get(0));
        });
        if (result instanceof FamilyRevoked) {
            throw invalidGrant("This refresh token was already used. For safety every token of this sign-in has been"
                    + " revoked; sign in again.");
        }
        return result;
    }

    private Authentication rotateNow(OAuth2RefreshTokenAuthenticationToken request, String presented, String hash) {
        var result = (OAuth2AccessTokenAuthenticationToken) rotate.authenticate(request);
        OAuth2RefreshToken successor = result.getRefreshToken();
        if (successor == null || successor.getTokenValue().equals(presented)) {
            return result; // rotation is off for this client: nothing to chain
        }
        OAuth2Authorization family = authorizations.findByToken(successor.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN);
        if (family == null) {
            throw new IllegalStateException("the rotated refresh token's authorization was not found");
        }
        jdbc.update("INSERT INTO refresh_token_use (token_hash, authorization_id, successor_hash, used_at,"
                + " successor_response) VALUES (?, ?, ?, ?, ?)", hash, family.getId(),
                TokenHashes.sha256Hex(successor.getTokenValue()), Timestamp.from(clock.instant()),
                seal(presented, hash, result));
        return result;
    }

    private Authentication replay(OAuth2RefreshTokenAuthenticationToken request, String presented, String hash,
            UsedToken used) {
        OAuth2Authorization family = authorizations.findById(used.authorizationId());
        RegisteredClient client = clientOf(request);
        if (family == null || !family.getRegisteredClientId().equals(client.getId())) {
            throw invalidGrant("The refresh token is no longer valid. Sign in again.");
        }
        boolean successorUsed = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM refresh_token_use WHERE token_hash = ?)", Boolean.class,
                used.successorHash()));
        boolean withinGrace = !clock.instant().isAfter(used.usedAt().plus(grace));
        if (!successorUsed && withinGrace) {
            return unseal(presented, hash, used.successorResponse(), client, request);
        }
        authorizations.remove(family);
        audit.record("refresh_token_reuse", family.getPrincipalName(), client.getClientId(), "family_revoked",
                successorUsed ? "a refresh token was presented again after its successor had been used"
                        : "a refresh token was presented again after the grace window");
        return new FamilyRevoked();
    }

    /** Marker: reuse was detected and the family revoked. */
    private static final class FamilyRevoked extends org.springframework.security.authentication.AbstractAuthenticationToken {
        FamilyRevoked() {
            super(java.util.List.of());
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return null;
        }
    }

    private byte[] seal(String presented, String hash, OAuth2AccessTokenAuthenticationToken result) {
        OAuth2AccessToken access = result.getAccessToken();
        OAuth2RefreshToken refresh = result.getRefreshToken();
        Map<String, Object> response = new HashMap<>();
        response.put("access_token", access.getTokenValue());
        response.put("issued_at", access.getIssuedAt().toEpochMilli());
        response.put("expires_at", access.getExpiresAt().toEpochMilli());
        response.put("scope", List.copyOf(access.getScopes()));
        response.put("refresh_token", refresh.getTokenValue());
        response.put("refresh_issued_at", refresh.getIssuedAt().toEpochMilli());
        response.put("refresh_expires_at", refresh.getExpiresAt() == null ? null : refresh.getExpiresAt().toEpochMilli());
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derivedKey(presented), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(hash.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(response));
            byte[] out = new byte[12 + sealed.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal the refresh response", e);
        }
    }

    @SuppressWarnings("unchecked")
    private Authentication unseal(String presented, String hash, byte[] sealed, RegisteredClient client,
            OAuth2RefreshTokenAuthenticationToken request) {
        Map<String, Object> response;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, derivedKey(presented), new GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD(hash.getBytes(StandardCharsets.US_ASCII));
            response = json.readValue(cipher.doFinal(sealed, 12, sealed.length - 12), Map.class);
        } catch (GeneralSecurityException e) {
            throw invalidGrant("The refresh token is no longer valid. Sign in again.");
        }
        Set<String> scopes = new LinkedHashSet<>((List<String>) response.get("scope"));
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                (String) response.get("access_token"), instant(response.get("issued_at")),
                instant(response.get("expires_at")), scopes);
        OAuth2RefreshToken refresh = new OAuth2RefreshToken((String) response.get("refresh_token"),
                instant(response.get("refresh_issued_at")), instant(response.get("refresh_expires_at")));
        return new OAuth2AccessTokenAuthenticationToken(client, (Authentication) request.getPrincipal(), access, refresh);
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }

    /** HMAC-SHA256 keyed by the presented token: the key exists only where the token does. */
    private static SecretKeySpec derivedKey(String presented) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(presented.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(DERIVATION_LABEL.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    private static RegisteredClient clientOf(OAuth2RefreshTokenAuthenticationToken request) {
        if (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
                && client.getRegisteredClient() != null) {
            return client.getRegisteredClient();
        }
        throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
    }

    private static OAuth2AuthenticationException invalidGrant(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
    }

    private record UsedToken(String authorizationId, String successorHash, Instant usedAt, byte[] successorResponse) {
    }
}

package org.ncmcp.e2e.simulator.oidc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Grants (access token rows), authorization codes and user consents, all behind one lock: flows are short and
 * the simulator's load on this part is tiny.
 */
final class TokenStore {

    private static final class AuthorizationCode {
        final long grantId;
        long usedAt;

        AuthorizationCode(long grantId) {
            this.grantId = grantId;
        }
    }

    private final Map<Long, Grant> grants = new HashMap<>();
    private final Map<String, Grant> byCode = new HashMap<>();
    private final Map<String, Grant> byAccessToken = new HashMap<>();
    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    /** "userId client-uid" → granted scopes. */
    private final Map<String, String> consents = new HashMap<>();
    private long nextId = 1;

    synchronized long nextGrantId() {
        return nextId++;
    }

    synchronized void insert(Grant grant, String code, String accessToken, long now, boolean withAuthorizationCode) {
        grant.code = code;
        grant.accessToken = accessToken;
        grant.refreshed = now;
        grants.put(grant.id, grant);
        byCode.put(code, grant);
        byAccessToken.put(accessToken, grant);
        if (withAuthorizationCode) {
            codes.put(code, new AuthorizationCode(grant.id));
        }
    }

    synchronized Optional<Grant> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    synchronized Optional<Grant> byAccessToken(String token) {
        return Optional.ofNullable(token == null ? null : byAccessToken.get(token));
    }

    /** Whether {@code code} is an authorization code that was already redeemed. */
    synchronized boolean codeUsed(String code) {
        AuthorizationCode entry = codes.get(code);
        return entry != null && entry.usedAt > 0;
    }

    synchronized boolean isAuthorizationCode(String code) {
        return codes.containsKey(code);
    }

    synchronized boolean codeBelongsTo(String code, Grant grant) {
        AuthorizationCode entry = codes.get(code);
        return entry == null || entry.grantId == grant.id;
    }

    /** Marks the code used; false when it was used in the meantime (a concurrent redemption). */
    synchronized boolean markUsed(String code, long now) {
        AuthorizationCode entry = codes.get(code);
        if (entry == null || entry.usedAt > 0) {
            return false;
        }
        entry.usedAt = Math.max(now, 1);
        return true;
    }

    /** Code reuse: the app deletes the grant the code belonged to (its access and refresh token die with it). */
    synchronized void revokeGrantOfCode(String code) {
        AuthorizationCode entry = codes.get(code);
        if (entry != null) {
            Grant grant = grants.get(entry.grantId);
            if (grant != null) {
                delete(grant);
            }
        }
    }

    /** Rotates the code/refresh secret and the access token, as a token response does. */
    synchronized void reissue(Grant grant, String newCode, String newAccessToken, long refreshed) {
        byCode.remove(grant.code);
        byAccessToken.remove(grant.accessToken);
        grant.code = newCode;
        grant.accessToken = newAccessToken;
        grant.refreshed = refreshed;
        byCode.put(newCode, grant);
        byAccessToken.put(newAccessToken, grant);
    }

    synchronized void delete(Grant grant) {
        grants.remove(grant.id);
        byCode.remove(grant.code, grant);
        byAccessToken.remove(grant.accessToken, grant);
    }

    /** RFC 7592 DELETE: the client's tokens go (its consents stay, as in the app). */
    synchronized void deleteGrantsOfClient(long clientUid) {
        grants.values().stream().filter(g -> g.clientUid == clientUid).toList().forEach(this::delete);
    }

    /** Expired-client clean-up: consents go, tokens stay (and fail later because the client is gone). */
    synchronized void deleteConsentsOfClient(long clientUid) {
        consents.keySet().removeIf(key -> key.endsWith(" " + clientUid));
    }

    synchronized void deleteByUser(String userId) {
        grants.values().stream().filter(g -> g.userId.equals(userId)).toList().forEach(this::delete);
    }

    // --- consents -------------------------------------------------------------------------------------

    synchronized void recordConsent(String userId, long clientUid, String scopes) {
        consents.put(userId + " " + clientUid, scopes);
    }

    synchronized boolean hasConsent(String userId, long clientUid) {
        return consents.containsKey(userId + " " + clientUid);
    }

    synchronized boolean revokeConsent(String userId, long clientUid) {
        return consents.remove(userId + " " + clientUid) != null;
    }
}

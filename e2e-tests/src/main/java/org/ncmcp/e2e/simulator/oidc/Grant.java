package org.ncmcp.e2e.simulator.oidc;

/**
 * One row of the app's {@code oc_oidc_access_tokens}: what a user granted a client. The same row carries the
 * authorization code, then the refresh token (one rotating secret, 128 characters), and the current access token.
 * Mutable fields are guarded by the owning {@link TokenStore}.
 */
final class Grant {

    final long id;
    final long clientUid;
    final String userId;
    final String scope;
    /** The {@code resource} of the authorization request, else the client's resource URL; null for neither. */
    final String resource;
    /** {@code auth_time}: when the user authenticated for this grant (epoch seconds). */
    final long created;
    final String nonce;
    final String codeChallenge;
    final String codeChallengeMethod;
    final ClaimsRequest claims;

    String code;
    String accessToken;
    /** Epoch seconds the app's expiry checks count from; the token endpoint sets it to now + expire_time. */
    long refreshed;

    Grant(long id, long clientUid, String userId, String scope, String resource, long created, String nonce,
            String codeChallenge, String codeChallengeMethod, ClaimsRequest claims) {
        this.id = id;
        this.clientUid = clientUid;
        this.userId = userId;
        this.scope = scope;
        this.resource = resource;
        this.created = created;
        this.nonce = nonce;
        this.codeChallenge = codeChallenge;
        this.codeChallengeMethod = codeChallengeMethod;
        this.claims = claims;
    }

    @Override
    public String toString() {
        return "Grant[" + id + ", user=" + userId + ", client=" + clientUid + ", scope=" + scope + "]";
    }
}

package org.ncmcp.e2e.simulator.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.ncmcp.e2e.simulator.state.SimulatorState;

/**
 * The oidc app's clients and RFC 7592 registration access tokens. Expired DCR clients are only removed when
 * {@link #cleanUp} runs, which the app does on {@code authorize} and {@code register} (and in a background job the
 * simulator does not run); until then the token endpoint still finds them and answers {@code expired_client}.
 */
final class ClientRegistry {

    /** RegistrationTokenService: after a rotation the old token keeps working for 60 s. */
    private static final long ROTATION_GRACE_SECONDS = 60;

    private record RegistrationToken(long clientUid, Long expiresAt) {
    }

    private final Map<String, OidcClient> byClientId = new LinkedHashMap<>();
    private final Map<String, RegistrationToken> registrationTokens = new LinkedHashMap<>();
    private long nextUid = 1;

    synchronized OidcClient add(ClientSpec spec, boolean dcr, long now) {
        String clientId = spec.clientId() == null ? SimulatorState.randomToken(64) : checkCredential("client id", spec.clientId());
        String secret = spec.secret() == null ? SimulatorState.randomToken(64) : checkCredential("client secret", spec.secret());
        if (!dcr) {
            spec.redirectUris().forEach(RedirectUris::validate);
        }
        if (byClientId.containsKey(clientId)) {
            throw new IllegalArgumentException("A client with this client id exists already");
        }
        if (spec.resourceUrl() != null && spec.resourceUrl().length() > 512) {
            throw new IllegalArgumentException("The resource URL exceeds the maximum length of 512 characters.");
        }
        OidcClient client = new OidcClient(nextUid++, clientId, secret, spec.name(), spec.redirectUris(),
                "RS256".equals(spec.signingAlg()) ? "RS256" : "HS256", spec.type(), "code", spec.tokenType(),
                spec.allowedScopes(), spec.resourceUrl(), dcr, now);
        byClientId.put(clientId, client);
        return client;
    }

    private static String checkCredential(String what, String value) {
        if (value.length() < 32 || value.length() > 64 || !value.matches("[\\x20-\\x7E&&[^:]]+")) {
            throw new IllegalArgumentException("Your " + what + " must comply with the following rules: printable ASCII"
                    + " except : and length 32-64");
        }
        return value;
    }

    synchronized Optional<OidcClient> byClientId(String clientId) {
        return Optional.ofNullable(clientId == null ? null : byClientId.get(clientId));
    }

    synchronized Optional<OidcClient> byUid(long uid) {
        return byClientId.values().stream().filter(c -> c.uid() == uid).findFirst();
    }

    synchronized void replace(OidcClient client) {
        byClientId.put(client.clientId(), client);
    }

    synchronized void delete(OidcClient client) {
        byClientId.remove(client.clientId());
        registrationTokens.values().removeIf(token -> token.clientUid() == client.uid());
    }

    synchronized long dcrCount() {
        return byClientId.values().stream().filter(OidcClient::dcr).count();
    }

    static boolean expired(OidcClient client, long now, long clientExpireTime) {
        return client.dcr() && now > client.issuedAt() + clientExpireTime;
    }

    /** Deletes DCR clients issued more than {@code clientExpireTime} ago; {@code onDelete} drops what hangs off them. */
    void cleanUp(long now, long clientExpireTime, LongConsumer onDelete) {
        List<OidcClient> gone = new ArrayList<>();
        synchronized (this) {
            for (OidcClient client : byClientId.values()) {
                if (client.dcr() && client.issuedAt() < now - clientExpireTime) {
                    gone.add(client);
                }
            }
            gone.forEach(this::delete);
        }
        gone.forEach(client -> onDelete.accept(client.uid()));
    }

    /** Scopes of every client's allowed scopes, lower-cased and de-duplicated, for discovery. */
    synchronized Set<String> aggregatedScopes() {
        Set<String> scopes = new LinkedHashSet<>();
        for (OidcClient client : byClientId.values()) {
            for (String scope : client.allowedScopes().trim().toLowerCase(Locale.ROOT).split(" ")) {
                if (!scope.isBlank()) {
                    scopes.add(scope);
                }
            }
        }
        return scopes;
    }

    // --- RFC 7592 registration access tokens (64 characters) ------------------------------------------

    synchronized String issueRegistrationToken(long clientUid) {
        String token = SimulatorState.randomToken(64);
        registrationTokens.put(token, new RegistrationToken(clientUid, null));
        return token;
    }

    /** A new token; the client's current ones stay valid for a 60 s grace period. */
    synchronized String rotateRegistrationToken(long clientUid, long now) {
        registrationTokens.replaceAll((token, entry) -> entry.clientUid() == clientUid && entry.expiresAt() == null
                ? new RegistrationToken(clientUid, now + ROTATION_GRACE_SECONDS) : entry);
        return issueRegistrationToken(clientUid);
    }

    /** The client uid the token belongs to, if it is known and not past its grace period. */
    synchronized Optional<Long> registrationTokenOwner(String token, long now) {
        RegistrationToken entry = token == null ? null : registrationTokens.get(token);
        if (entry == null || (entry.expiresAt() != null && entry.expiresAt() < now)) {
            return Optional.empty();
        }
        return Optional.of(entry.clientUid());
    }
}

package org.ncmcp.broker.lease;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Adds mcp-resource's lease client, defined by configuration (never stored, never registrable), in front of the
 * other clients. Its secret is kept only as a SHA-256 hash. It may use the token-exchange grant and nothing else.
 */
public final class LeaseClientRepository implements RegisteredClientRepository {

    static final String INTERNAL_ID = "lease-client";

    private final RegisteredClientRepository others;
    private final RegisteredClient leaseClient;

    public LeaseClientRepository(RegisteredClientRepository others, LeaseClientProperties properties) {
        this.others = others;
        this.leaseClient = properties.enabled() ? RegisteredClient.withId(INTERNAL_ID)
                .clientId(properties.clientId())
                .clientName("mcp-resource (credential leases)")
                .clientSecret("{" + MachineSecretEncoder.ID + "}" + new MachineSecretEncoder().encode(properties.clientSecret()))
                .clientAuthenticationMethods(methods -> methods.addAll(Set.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                        ClientAuthenticationMethod.CLIENT_SECRET_POST)))
                .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
                .build() : null;
    }

    /**
     * bcrypt for everything but the lease client's {@code {sha256}} secret. Spring's client authentication asks after
     * every successful check whether the stored secret should be "upgraded" and, if so, bcrypt-hashes it (~100 ms of
     * CPU per lease, measured); the SHA-256 form is deliberate, so it is never upgraded.
     */
    public static PasswordEncoder passwordEncoder() {
        Map<String, PasswordEncoder> encoders = new HashMap<>();
        encoders.put("bcrypt", new BCryptPasswordEncoder());
        encoders.put(MachineSecretEncoder.ID, new MachineSecretEncoder());
        PasswordEncoder delegating = new DelegatingPasswordEncoder("bcrypt", encoders);
        String machinePrefix = "{" + MachineSecretEncoder.ID + "}";
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return delegating.encode(rawPassword);
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return delegating.matches(rawPassword, encodedPassword);
            }

            @Override
            public boolean upgradeEncoding(String encodedPassword) {
                return encodedPassword != null && !encodedPassword.startsWith(machinePrefix)
                        && delegating.upgradeEncoding(encodedPassword);
            }
        };
    }

    /** Whether {@code client} is the lease client (by internal id: a registration cannot take it over). */
    public boolean isLeaseClient(RegisteredClient client) {
        return leaseClient != null && client != null && INTERNAL_ID.equals(client.getId())
                && leaseClient.getClientId().equals(client.getClientId());
    }

    @Override
    public void save(RegisteredClient client) {
        if (leaseClient != null && (INTERNAL_ID.equals(client.getId()) || leaseClient.getClientId().equals(client.getClientId()))) {
            // Its definition comes from configuration. Spring's client authentication "upgrades" a non-bcrypt secret
            // by saving the client again; the SHA-256 form is deliberate, so that save is dropped.
            return;
        }
        others.save(client);
    }

    @Override
    public RegisteredClient findById(String id) {
        return leaseClient != null && INTERNAL_ID.equals(id) ? leaseClient : others.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return leaseClient != null && leaseClient.getClientId().equals(clientId) ? leaseClient
                : others.findByClientId(clientId);
    }
}

package org.ncmcp.broker.client.metadata;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * A {@link RegisteredClientRepository} in which a URL-shaped {@code client_id} is a Client ID Metadata
 * Document: it is fetched, validated and turned into a public client that must use PKCE and always asks
 * for consent. Every other id goes to the repository it decorates.
 *
 * <p>The {@code RegisteredClient#getId()} of such a client is {@code "cimd:" + url}: reversible, so
 * {@link #findById} works on any replica and after restarts without storing anything. Columns holding a
 * registered-client id must therefore fit {@code 5 + }{@link ClientIdUrl#MAX_LENGTH} characters.
 *
 * <p>Failures are thrown as {@link ClientMetadataException} ({@code invalid_client} with a precise
 * description) rather than answered with null, so the client's developer learns what to fix.
 */
public class CimdRegisteredClientRepository implements RegisteredClientRepository {

    public static final String ID_PREFIX = "cimd:";

    private final RegisteredClientRepository delegate;
    private final ClientMetadataResolver resolver;
    private final Set<String> supportedScopes;
    private final Consumer<RegisteredClient.Builder> customizer;

    /**
     * @param delegate where every other client lives (the JDBC repository)
     * @param resolver fetches, validates and caches documents
     * @param supportedScopes the scopes this server issues: a document's {@code scope} is narrowed to
     *     these, and a document without {@code scope} may ask for any of them
     * @param customizer applied last to each built client, e.g. to set token settings
     */
    public CimdRegisteredClientRepository(RegisteredClientRepository delegate, ClientMetadataResolver resolver,
            Set<String> supportedScopes, Consumer<RegisteredClient.Builder> customizer) {
        this.delegate = delegate;
        this.resolver = resolver;
        this.supportedScopes = Set.copyOf(supportedScopes);
        this.customizer = customizer;
    }

    public CimdRegisteredClientRepository(RegisteredClientRepository delegate, ClientMetadataResolver resolver,
            Set<String> supportedScopes) {
        this(delegate, resolver, supportedScopes, builder -> {
        });
    }

    /** Refuses URL-shaped ids: that namespace belongs to metadata documents (RFC 9700 §2.6). */
    @Override
    public void save(RegisteredClient registeredClient) {
        if (ClientIdUrl.isUrlShaped(registeredClient.getClientId()) || registeredClient.getId().startsWith(ID_PREFIX)) {
            throw new IllegalArgumentException("client ids that are URLs are Client ID Metadata Documents and are"
                    + " never stored; refusing to save " + registeredClient.getClientId());
        }
        delegate.save(registeredClient);
    }

    @Override
    public RegisteredClient findById(String id) {
        if (id != null && id.startsWith(ID_PREFIX)) {
            return resolver.enabled() ? fromDocument(id.substring(ID_PREFIX.length())) : null;
        }
        return delegate.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (resolver.enabled() && ClientIdUrl.isUrlShaped(clientId)) {
            return fromDocument(clientId);
        }
        return delegate.findByClientId(clientId);
    }

    /** The consent-page warnings for a client id; empty for clients that are not metadata documents. */
    public List<String> warnings(String clientId) {
        if (!resolver.enabled() || !ClientIdUrl.isUrlShaped(clientId)) {
            return List.of();
        }
        return resolver.resolve(clientId).warnings();
    }

    private RegisteredClient fromDocument(String clientId) {
        ClientMetadataDocument document = resolver.resolve(clientId);
        RegisteredClient.Builder builder = RegisteredClient.withId(ID_PREFIX + document.clientId())
                .clientId(document.clientId())
                .clientName(document.displayName())
                .redirectUris(uris -> uris.addAll(document.redirectUris()))
                .scopes(scopes -> scopes.addAll(scopesFor(document)));
        for (String grant : document.grantTypes()) {
            builder.authorizationGrantType(new AuthorizationGrantType(grant));
        }
        ClientSettings.Builder settings = ClientSettings.builder()
                .requireProofKey(true)
                .requireAuthorizationConsent(true)
                .setting(CimdClientSettings.SOURCE, CimdClientSettings.SOURCE_CIMD)
                .setting(CimdClientSettings.CLIENT_ID_HOST, document.clientIdHost())
                .setting(CimdClientSettings.REDIRECT_HOSTS, document.redirectHosts())
                .setting(CimdClientSettings.WARNINGS, document.warnings());
        if (document.clientUri() != null) {
            settings.setting(CimdClientSettings.CLIENT_URI, document.clientUri());
        }
        if (document.logoUri() != null) {
            settings.setting(CimdClientSettings.LOGO_URI, document.logoUri());
        }
        if (document.isPublic()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
            settings.jwkSetUrl(document.jwksUri())
                    .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.from(document.tokenEndpointAuthSigningAlg()));
        }
        builder.clientSettings(settings.build());
        customizer.accept(builder);
        return builder.build();
    }

    private Set<String> scopesFor(ClientMetadataDocument document) {
        if (document.scopes().isEmpty()) {
            return supportedScopes;
        }
        Set<String> granted = new LinkedHashSet<>(document.scopes());
        granted.retainAll(supportedScopes);
        return granted;
    }
}

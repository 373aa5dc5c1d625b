package org.ncmcp.broker.client.metadata;

import static org.ncmcp.broker.client.metadata.ClientMetadataException.quote;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ncmcp.broker.server.RedirectUris;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a fetched metadata document against draft-ietf-oauth-client-id-metadata-document and what this
 * broker supports, and reduces it to a {@link ClientMetadataDocument}. Every rejection names the field
 * and the rule, because it is shown to the client's developer as the {@code invalid_client} description.
 */
public class ClientMetadataValidator {

    static final String AUTHORIZATION_CODE = "authorization_code";
    static final String REFRESH_TOKEN = "refresh_token";
    private static final Set<String> SUPPORTED_GRANT_TYPES = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN);
    private static final Set<String> SHARED_SECRET_METHODS =
            Set.of("client_secret_basic", "client_secret_post", "client_secret_jwt");
    private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final int MAX_NAME_LENGTH = 200;

    // Duplicate keys are refused: two client_id members could be read differently by different parsers.
    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final boolean acceptPrivateKeyJwt;

    public ClientMetadataValidator(CimdProperties properties) {
        this.acceptPrivateKeyJwt = properties.acceptPrivateKeyJwt();
    }

    /**
     * @param clientId the client identifier URL the document was fetched from
     * @param body the document's bytes
     * @throws ClientMetadataException naming the first rule the document breaks
     */
    public ClientMetadataDocument validate(String clientId, byte[] body) {
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ClientMetadataException("the metadata document is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ClientMetadataException("the metadata document must be a JSON object");
        }
        String documentClientId = string(root, "client_id");
        if (documentClientId == null) {
            throw new ClientMetadataException("the metadata document has no client_id");
        }
        // Simple string comparison, no normalisation (draft, "Client ID Metadata Document").
        if (!documentClientId.equals(clientId)) {
            throw new ClientMetadataException("the document's client_id " + quote(documentClientId)
                    + " does not equal the URL it was fetched from " + quote(clientId));
        }
        for (String secret : List.of("client_secret", "client_secret_expires_at")) {
            if (root.has(secret)) {
                throw new ClientMetadataException("the metadata document must not contain " + secret
                        + ": a published document cannot keep a secret");
            }
        }
        String authMethod = authMethod(root);
        String jwksUri = authMethod.equals("private_key_jwt") ? jwksUri(root) : null;
        String signingAlg = jwksUri == null ? null : signingAlgorithm(root);
        List<String> redirectUris = redirectUris(root);
        Set<String> grantTypes = grantTypes(root);
        Set<String> responseTypes = responseTypes(root);
        Set<String> scopes = scopes(root);

        List<String> warnings = new ArrayList<>();
        String clientName = clientName(root);
        String clientUri = httpsUriOrNull(root, "client_uri", warnings);
        String logoUri = httpsUriOrNull(root, "logo_uri", warnings);
        ClientMetadataDocument draft = new ClientMetadataDocument(clientId, clientName, clientUri, logoUri, redirectUris,
                grantTypes, responseTypes, authMethod, jwksUri, signingAlg, scopes, List.of());
        warnings.addAll(0, consentWarnings(draft));
        return new ClientMetadataDocument(clientId, clientName, clientUri, logoUri, redirectUris, grantTypes,
                responseTypes, authMethod, jwksUri, signingAlg, scopes, warnings);
    }

    /** AS-03: tell the person at the consent page where the code will go and who vouches for the client. */
    private static List<String> consentWarnings(ClientMetadataDocument document) {
        List<String> warnings = new ArrayList<>();
        String idHost = document.clientIdHost();
        if (document.localhostOnly()) {
            warnings.add("This application only redirects to this computer (localhost). Any program on the"
                    + " computer could be behind it: continue only if you started this sign-in yourself.");
        } else {
            for (String host : document.redirectHosts()) {
                if (!RedirectUris.isLoopback(host) && !host.equalsIgnoreCase(idHost)) {
                    warnings.add("This application sends you back to " + host + ", which is not the host that"
                            + " publishes it (" + idHost + ").");
                }
            }
        }
        if (document.clientName() == null) {
            warnings.add("This application does not state a name; it is identified by " + idHost + ".");
        }
        return warnings;
    }

    private String authMethod(JsonNode root) {
        String method = string(root, "token_endpoint_auth_method");
        // RFC 7591's default (client_secret_basic) cannot apply: a public document has no secret.
        if (method == null || method.equals("none")) {
            return "none";
        }
        if (SHARED_SECRET_METHODS.contains(method)) {
            throw new ClientMetadataException("token_endpoint_auth_method " + quote(method) + " relies on a shared"
                    + " secret, which a published document cannot have; use 'none' (a public client with PKCE)");
        }
        if (!method.equals("private_key_jwt")) {
            throw new ClientMetadataException("token_endpoint_auth_method " + quote(method)
                    + " is not supported; use 'none' (a public client with PKCE)");
        }
        return method;
    }

    private String jwksUri(JsonNode root) {
        boolean hasUri = root.has("jwks_uri");
        boolean hasSet = root.has("jwks");
        if (hasUri && hasSet) {
            throw new ClientMetadataException("the metadata document must not contain both jwks_uri and jwks (RFC 7591 section 2)");
        }
        if (!hasUri && !hasSet) {
            throw new ClientMetadataException("token_endpoint_auth_method 'private_key_jwt' needs jwks_uri");
        }
        if (hasSet) {
            checkPublicKeySet(root.get("jwks"));
        }
        String jwksUri = hasUri ? string(root, "jwks_uri") : null;
        if (hasUri && !isHttpsUrl(jwksUri)) {
            throw new ClientMetadataException("jwks_uri " + quote(jwksUri) + " must be an absolute https URL");
        }
        if (!acceptPrivateKeyJwt) {
            throw new ClientMetadataException("token_endpoint_auth_method 'private_key_jwt' is not accepted by this"
                    + " server; use 'none' (a public client with PKCE)");
        }
        if (hasSet) {
            throw new ClientMetadataException("an inline jwks is not supported; publish the keys at jwks_uri");
        }
        return jwksUri;
    }

    /** Client assertions are verified with the published public keys, so only asymmetric algorithms fit. */
    private static String signingAlgorithm(JsonNode root) {
        String alg = string(root, "token_endpoint_auth_signing_alg");
        if (alg == null) {
            return SignatureAlgorithm.RS256.getName();
        }
        if (SignatureAlgorithm.from(alg) == null) {
            throw new ClientMetadataException("token_endpoint_auth_signing_alg " + quote(alg)
                    + " is not an asymmetric JWS algorithm (e.g. RS256, ES256, PS256)");
        }
        return alg;
    }

    private static void checkPublicKeySet(JsonNode jwks) {
        JsonNode keys = jwks == null || !jwks.isObject() ? null : jwks.get("keys");
        if (keys == null || !keys.isArray() || keys.isEmpty()) {
            throw new ClientMetadataException("jwks must be a JSON Web Key Set: an object with a non-empty keys array");
        }
        for (JsonNode key : keys) {
            if (!key.isObject() || string(key, "kty") == null) {
                throw new ClientMetadataException("every key in jwks must be an object with a kty");
            }
            for (String member : PRIVATE_JWK_MEMBERS) {
                if (key.has(member)) {
                    throw new ClientMetadataException("jwks contains private or symmetric key material ('" + member
                            + "'); publish public keys only");
                }
            }
        }
    }

    private static List<String> redirectUris(JsonNode root) {
        List<String> values = stringArray(root, "redirect_uris");
        if (values == null) {
            throw new ClientMetadataException("the metadata document has no redirect_uris");
        }
        if (values.isEmpty()) {
            throw new ClientMetadataException("redirect_uris must not be empty");
        }
        for (String uri : values) {
            String problem = RedirectUris.registrationProblem(uri);
            if (problem != null) {
                throw new ClientMetadataException(problem);
            }
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static Set<String> grantTypes(JsonNode root) {
        List<String> values = stringArray(root, "grant_types");
        if (values == null) {
            // MCP clients depend on refresh tokens; RFC 7591's default is a registration default, and the
            // refresh grant is still bound to the same client and its PKCE-protected code.
            return Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN);
        }
        for (String grant : values) {
            if (!SUPPORTED_GRANT_TYPES.contains(grant)) {
                throw new ClientMetadataException("grant_type " + quote(grant)
                        + " is not supported; only authorization_code and refresh_token are");
            }
        }
        if (!values.contains(AUTHORIZATION_CODE)) {
            throw new ClientMetadataException("grant_types must include authorization_code");
        }
        return Set.copyOf(values);
    }

    private static Set<String> responseTypes(JsonNode root) {
        List<String> values = stringArray(root, "response_types");
        if (values == null) {
            return Set.of("code");
        }
        for (String type : values) {
            if (!type.equals("code")) {
                throw new ClientMetadataException("response_type " + quote(type) + " is not supported; only code is");
            }
        }
        if (values.isEmpty()) {
            throw new ClientMetadataException("response_types must include code");
        }
        return Set.of("code");
    }

    private static Set<String> scopes(JsonNode root) {
        String scope = string(root, "scope");
        if (scope == null || scope.isBlank()) {
            return Set.of();
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String token : scope.trim().split(" +")) {
            // RFC 6749 §3.3 scope-token characters
            boolean valid = token.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
            if (!valid) {
                throw new ClientMetadataException("scope value " + quote(token) + " contains characters RFC 6749 section 3.3"
                        + " does not allow");
            }
            scopes.add(token);
        }
        return scopes;
    }

    private static String clientName(JsonNode root) {
        String name = string(root, "client_name");
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ClientMetadataException("client_name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new ClientMetadataException("client_name contains control characters");
        }
        return name.trim();
    }

    /** Display-only URLs: a bad one is dropped with a warning rather than refusing the client. */
    private static String httpsUriOrNull(JsonNode root, String field, List<String> warnings) {
        String value = string(root, field);
        if (value == null) {
            return null;
        }
        if (!isHttpsUrl(value)) {
            warnings.add(field + " is not an https URL and is not shown.");
            return null;
        }
        return value;
    }

    private static boolean isHttpsUrl(String value) {
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ClientMetadataException(field + " must be a string");
        }
        return value.stringValue();
    }

    private static List<String> stringArray(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new ClientMetadataException(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isString()) {
                throw new ClientMetadataException(field + " must be an array of strings");
            }
            values.add(element.stringValue());
        }
        return values;
    }
}

package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

class ClientMetadataValidatorTest {

    private static final String ID = "https://app.example.com/oauth/client.json";

    private final ClientMetadataValidator validator = new ClientMetadataValidator(CimdProperties.defaults());

    private ClientMetadataDocument validate(String json) {
        return validator.validate(ID, json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String json, String description) {
        assertThatThrownBy(() -> validate(json))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage(description)
                .satisfies(e -> assertThat(((ClientMetadataException) e).getError().getErrorCode()).isEqualTo("invalid_client"));
    }

    @Test
    void aValidDocumentIsReducedToWhatTheBrokerUses() {
        ClientMetadataDocument document = validate(Documents.valid(ID));

        assertThat(document.clientId()).isEqualTo(ID);
        assertThat(document.clientName()).isEqualTo("Example MCP Client");
        assertThat(document.clientUri()).isEqualTo("https://app.example.com");
        assertThat(document.logoUri()).isEqualTo("https://app.example.com/logo.png");
        assertThat(document.redirectUris()).containsExactly("https://app.example.com/callback", "http://127.0.0.1/callback");
        assertThat(document.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(document.responseTypes()).containsExactly("code");
        assertThat(document.tokenEndpointAuthMethod()).isEqualTo("none");
        assertThat(document.isPublic()).isTrue();
        assertThat(document.scopes()).containsExactlyInAnyOrder("notes:read", "notes:write");
        assertThat(document.clientIdHost()).isEqualTo("app.example.com");
        assertThat(document.redirectHosts()).containsExactly("app.example.com", "127.0.0.1");
        assertThat(document.warnings()).isEmpty();
    }

    @Test
    void aMinimalDocumentGetsTheDefaults() {
        ClientMetadataDocument document = validate("""
                {"client_id": "%s", "redirect_uris": ["https://app.example.com/cb"]}""".formatted(ID));

        assertThat(document.tokenEndpointAuthMethod()).isEqualTo("none");
        assertThat(document.grantTypes()).containsExactlyInAnyOrder("authorization_code", "refresh_token");
        assertThat(document.responseTypes()).containsExactly("code");
        assertThat(document.scopes()).isEmpty();
        assertThat(document.displayName()).isEqualTo("app.example.com");
        assertThat(document.warnings()).containsExactly(
                "This application does not state a name; it is identified by app.example.com.");
    }

    @Test
    void theClientIdMustEqualTheUrlExactly() {
        assertRefused(Documents.valid("https://app.example.com/oauth/client.json/"),
                "the document's client_id 'https://app.example.com/oauth/client.json/' does not equal the URL it was"
                        + " fetched from 'https://app.example.com/oauth/client.json'");
        assertRefused(Documents.valid("https://APP.example.com/oauth/client.json"),
                "the document's client_id 'https://APP.example.com/oauth/client.json' does not equal the URL it was"
                        + " fetched from 'https://app.example.com/oauth/client.json'");
        assertRefused("{\"redirect_uris\": [\"https://a.example/cb\"]}", "the metadata document has no client_id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://app.example.com/cb | redirect_uri 'http://app.example.com/cb' must use https, or http on a loopback address (127.0.0.1, [::1], localhost)",
            "myapp://callback | redirect_uri 'myapp://callback' must use https, or http on a loopback address (127.0.0.1, [::1], localhost)",
            "myapp:/callback | redirect_uri 'myapp:/callback' must be an absolute URI with a host and no user info",
            "https://app.example.com/cb#frag | redirect_uri 'https://app.example.com/cb#frag' must not contain a fragment",
            "/relative/cb | redirect_uri '/relative/cb' must be an absolute URI with a host and no user info",
    })
    void redirectUrisMustBeHttpsOrLoopback(String redirectUri, String description) {
        assertRefused("""
                {"client_id": "%s", "redirect_uris": ["https://app.example.com/ok", "%s"]}""".formatted(ID, redirectUri),
                description);
    }

    @Test
    void redirectUrisAreRequired() {
        assertRefused("{\"client_id\": \"%s\"}".formatted(ID), "the metadata document has no redirect_uris");
        assertRefused("{\"client_id\": \"%s\", \"redirect_uris\": []}".formatted(ID), "redirect_uris must not be empty");
        assertRefused("{\"client_id\": \"%s\", \"redirect_uris\": \"https://a.example/cb\"}".formatted(ID),
                "redirect_uris must be an array of strings");
    }

    @Test
    void secretsAndSharedSecretMethodsAreRefused() {
        assertRefused(withExtra("\"client_secret\": \"s3cret\""),
                "the metadata document must not contain client_secret: a published document cannot keep a secret");
        assertRefused(withExtra("\"client_secret_expires_at\": 0"),
                "the metadata document must not contain client_secret_expires_at: a published document cannot keep a secret");
        assertRefused(withExtra("\"token_endpoint_auth_method\": \"client_secret_basic\""),
                "token_endpoint_auth_method 'client_secret_basic' relies on a shared secret, which a published"
                        + " document cannot have; use 'none' (a public client with PKCE)");
        assertRefused(withExtra("\"token_endpoint_auth_method\": \"tls_client_auth\""),
                "token_endpoint_auth_method 'tls_client_auth' is not supported; use 'none' (a public client with PKCE)");
    }

    @Test
    void privateKeyJwtIsParsedButNotAcceptedByDefault() {
        assertRefused(withExtra("\"token_endpoint_auth_method\": \"private_key_jwt\", \"jwks_uri\": \"https://app.example.com/jwks\""),
                "token_endpoint_auth_method 'private_key_jwt' is not accepted by this server; use 'none' (a public"
                        + " client with PKCE)");
        assertRefused(withExtra("\"token_endpoint_auth_method\": \"private_key_jwt\""),
                "token_endpoint_auth_method 'private_key_jwt' needs jwks_uri");
        assertRefused(withExtra("\"token_endpoint_auth_method\": \"private_key_jwt\", \"jwks_uri\": \"http://app.example.com/jwks\""),
                "jwks_uri 'http://app.example.com/jwks' must be an absolute https URL");
        assertRefused(withExtra("\"token_endpoint_auth_method\": \"private_key_jwt\", "
                        + "\"jwks\": {\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"a\", \"y\": \"b\", \"d\": \"secret\"}]}"),
                "jwks contains private or symmetric key material ('d'); publish public keys only");
        assertRefused(withExtra("\"token_endpoint_auth_method\": \"private_key_jwt\", \"jwks\": {}, \"jwks_uri\": \"https://a.example/j\""),
                "the metadata document must not contain both jwks_uri and jwks (RFC 7591 section 2)");
    }

    @Test
    void privateKeyJwtWithJwksUriIsAcceptedWhenEnabled() {
        CimdProperties accepting = new CimdProperties(true, List.of(), Duration.ofSeconds(5), DataSize.ofKilobytes(5),
                Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 100, true);
        ClientMetadataDocument document = new ClientMetadataValidator(accepting).validate(ID, withExtra(
                "\"token_endpoint_auth_method\": \"private_key_jwt\", \"jwks_uri\": \"https://app.example.com/jwks\"")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(document.tokenEndpointAuthMethod()).isEqualTo("private_key_jwt");
        assertThat(document.jwksUri()).isEqualTo("https://app.example.com/jwks");
        assertThat(document.tokenEndpointAuthSigningAlg()).isEqualTo("RS256");
        assertThat(document.isPublic()).isFalse();

        ClientMetadataValidator validator = new ClientMetadataValidator(accepting);
        assertThat(validator.validate(ID, withExtra("\"token_endpoint_auth_method\": \"private_key_jwt\", "
                + "\"jwks_uri\": \"https://app.example.com/jwks\", \"token_endpoint_auth_signing_alg\": \"ES256\"")
                .getBytes(StandardCharsets.UTF_8)).tokenEndpointAuthSigningAlg()).isEqualTo("ES256");
        assertThatThrownBy(() -> validator.validate(ID, withExtra("\"token_endpoint_auth_method\": \"private_key_jwt\", "
                + "\"jwks_uri\": \"https://app.example.com/jwks\", \"token_endpoint_auth_signing_alg\": \"HS256\"")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("token_endpoint_auth_signing_alg 'HS256' is not an asymmetric JWS algorithm (e.g. RS256, ES256, PS256)");
    }

    @Test
    void onlyTheCodeFlowAndRefreshAreSupported() {
        assertRefused(withExtra("\"grant_types\": [\"authorization_code\", \"client_credentials\"]"),
                "grant_type 'client_credentials' is not supported; only authorization_code and refresh_token are");
        assertRefused(withExtra("\"grant_types\": [\"refresh_token\"]"), "grant_types must include authorization_code");
        assertRefused(withExtra("\"response_types\": [\"code\", \"token\"]"),
                "response_type 'token' is not supported; only code is");
        assertThat(validate(withExtra("\"grant_types\": [\"authorization_code\"]")).grantTypes())
                .containsExactly("authorization_code");
    }

    @Test
    void malformedJsonIsRefusedPrecisely() {
        assertThatThrownBy(() -> validate("{\"client_id\": "))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageStartingWith("the metadata document is not valid JSON");
        assertRefused("[\"" + ID + "\"]", "the metadata document must be a JSON object");
        assertRefused("{\"client_id\": 42}", "client_id must be a string");
        assertThatThrownBy(() -> validate("{\"client_id\": \"%s\", \"client_id\": \"%s\", \"redirect_uris\": [\"https://a.example/cb\"]}"
                .formatted("https://evil.example/x", ID)))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining("Duplicate")
                .hasMessageContaining("client_id");
        assertThatThrownBy(() -> validate(Documents.valid(ID) + " {}"))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageStartingWith("the metadata document is not valid JSON");
    }

    @Test
    void scopeTokensMustBeRfc6749Tokens() {
        assertRefused(withExtra("\"scope\": \"notes:read bad\\\\scope\""),
                "scope value 'bad?scope' contains characters RFC 6749 section 3.3 does not allow");
    }

    @Test
    void theConsentPageIsWarnedAboutLocalhostOnlyAndForeignRedirects() {
        ClientMetadataDocument localOnly = validate("""
                {"client_id": "%s", "client_name": "Local Tool",
                 "redirect_uris": ["http://127.0.0.1/cb", "http://localhost:33418/cb", "http://[::1]/cb"]}""".formatted(ID));
        assertThat(localOnly.localhostOnly()).isTrue();
        assertThat(localOnly.warnings()).containsExactly("This application only redirects to this computer (localhost)."
                + " Any program on the computer could be behind it: continue only if you started this sign-in yourself.");

        ClientMetadataDocument foreign = validate("""
                {"client_id": "%s", "client_name": "Tool",
                 "redirect_uris": ["https://other.example.net/cb", "http://127.0.0.1/cb"]}""".formatted(ID));
        assertThat(foreign.warnings()).containsExactly(
                "This application sends you back to other.example.net, which is not the host that publishes it (app.example.com).");
    }

    @Test
    void displayOnlyUrlsThatAreNotHttpsAreDroppedWithAWarning() {
        ClientMetadataDocument document = validate("""
                {"client_id": "%s", "client_name": "Tool", "redirect_uris": ["https://app.example.com/cb"],
                 "logo_uri": "javascript:alert(1)", "client_uri": "http://app.example.com"}""".formatted(ID));

        assertThat(document.logoUri()).isNull();
        assertThat(document.clientUri()).isNull();
        assertThat(document.warnings()).containsExactly("client_uri is not an https URL and is not shown.",
                "logo_uri is not an https URL and is not shown.");
    }

    @Test
    void descriptionsAreSafeForErrorDescription() {
        assertThatThrownBy(() -> validate(Documents.valid("https://app.example.com/\\\"é")))
                .isInstanceOf(ClientMetadataException.class)
                .satisfies(e -> assertThat(((ClientMetadataException) e).description())
                        .matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+"));
    }

    private static String withExtra(String members) {
        return """
                {"client_id": "%s", "client_name": "Tool", "redirect_uris": ["https://app.example.com/cb"], %s}"""
                .formatted(ID, members);
    }
}

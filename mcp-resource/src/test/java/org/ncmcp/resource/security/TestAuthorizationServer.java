package org.ncmcp.resource.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for the auth-broker in tests: publishes a JWKS over real HTTP on loopback (counting fetches,
 * so caching and refetching can be asserted), can rotate its keys, and mints access tokens in the
 * broker's format (RFC 9068 {@code at+jwt}) — or deliberately broken ones.
 */
final class TestAuthorizationServer implements AutoCloseable {

    static final String JWKS_PATH = "/oauth2/jwks";

    private final HttpServer server;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final RSAKey signingKey;

    private TestAuthorizationServer() throws IOException {
        this.signingKey = newKey("key-1");
        published.set(new JWKSet(signingKey.toPublicJWK()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(JWKS_PATH, this::serveJwks);
        server.start();
    }

    static TestAuthorizationServer start() {
        try {
            return new TestAuthorizationServer();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException failed) {
            throw new IllegalStateException(failed);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    RSAKey signingKey() {
        return signingKey;
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    /** From now on the JWKS lists exactly these keys (public parts). */
    void publish(RSAKey... keys) {
        List<JWK> publicKeys = new ArrayList<>();
        for (RSAKey key : keys) {
            publicKeys.add(key.toPublicJWK());
        }
        published.set(new JWKSet(publicKeys));
    }

    /** A token as the broker issues it, for {@code audience}, to adjust before minting. */
    Token token(String audience) {
        return new Token(this, audience);
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        jwksFetches.incrementAndGet();
        byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One access token to mint: the broker's claims by default, each of which a test may change or drop. */
    static final class Token {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private RSAKey key;
        private String type = "at+jwt";
        private String kid;

        private Token(TestAuthorizationServer broker, String audience) {
            Instant now = Instant.now();
            claims.put("iss", broker.issuer());
            claims.put("sub", "upstream-7f3a");
            claims.put("aud", List.of(audience));
            claims.put("scope", "notes:read");
            claims.put("client_id", "test-client");
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iat", Date.from(now));
            claims.put("nbf", Date.from(now));
            claims.put("exp", Date.from(now.plus(Duration.ofMinutes(5))));
            claims.put("nc_user", "alice");
            this.key = broker.signingKey;
            this.kid = key.getKeyID();
        }

        Token claim(String name, Object value) {
            claims.put(name, value instanceof Instant instant ? Date.from(instant) : value);
            return this;
        }

        Token without(String name) {
            claims.remove(name);
            return this;
        }

        Token scope(String scope) {
            return claim("scope", scope);
        }

        /** The {@code typ} header; null leaves it out. */
        Token type(String type) {
            this.type = type;
            return this;
        }

        /** Signs with {@code key}, naming its kid. */
        Token signedWith(RSAKey key) {
            this.key = key;
            this.kid = key.getKeyID();
            return this;
        }

        /** Names {@code kid} in the header whatever key signs. */
        Token kid(String kid) {
            this.kid = kid;
            return this;
        }

        String mint() {
            try {
                SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256), claimsSet());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException failed) {
                throw new IllegalStateException(failed);
            }
        }

        /** The classic key-confusion attack: HS256 with the RSA public key as the shared secret. */
        String mintHs256WithPublicKeyAsSecret() {
            try {
                SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256), claimsSet());
                jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
                return jwt.serialize();
            } catch (JOSEException failed) {
                throw new IllegalStateException(failed);
            }
        }

        /** {@code alg: none}: no signature at all. */
        String mintUnsigned() {
            PlainHeader.Builder header = new PlainHeader.Builder();
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            return new PlainJWT(header.build(), claimsSet()).serialize();
        }

        private JWSHeader header(JWSAlgorithm algorithm) {
            JWSHeader.Builder header = new JWSHeader.Builder(algorithm).keyID(kid);
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            return header.build();
        }

        private JWTClaimsSet claimsSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
            claims.forEach(builder::claim);
            return builder.build();
        }
    }
}

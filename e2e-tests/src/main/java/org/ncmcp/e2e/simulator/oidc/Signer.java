package org.ncmcp.e2e.simulator.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app's signing key and JWTs. One RSA key per simulator, made on first use (the app makes 4096-bit keys once at
 * install; 2048 bits here keep start-up instant) with a UUID {@code kid}. Clients with signing algorithm HS256
 * get tokens MACed with their client secret and no {@code kid}, as in JwtGenerator.
 */
final class Signer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private volatile Key key;

    private record Key(String kid, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
    }

    private Key key() {
        Key current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    try {
                        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                        generator.initialize(2048);
                        KeyPair pair = generator.generateKeyPair();
                        key = new Key(UUID.randomUUID().toString(), (RSAPublicKey) pair.getPublic(),
                                (RSAPrivateKey) pair.getPrivate());
                    } catch (NoSuchAlgorithmException impossible) {
                        throw new IllegalStateException(impossible);
                    }
                }
                current = key;
            }
        }
        return current;
    }

    /** The JWKS document: one RSA key with {@code use}, {@code key_ops} and {@code alg}, as JwksController writes it. */
    Map<String, Object> jwks() {
        Key k = key();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("key_ops", List.of("verify"));
        jwk.put("alg", "RS256");
        jwk.put("kid", k.kid());
        jwk.put("n", Base64URL.encode(k.publicKey().getModulus()).toString());
        jwk.put("e", Base64URL.encode(k.publicKey().getPublicExponent()).toString());
        return Map.of("keys", List.of(jwk));
    }

    /**
     * Signs {@code claims} (kept in their order) for {@code client}.
     *
     * @param type {@code JWT} for ID tokens, {@code at+JWT} for RFC 9068 access tokens
     */
    String sign(Map<String, Object> claims, String type, OidcClient client) {
        try {
            Payload payload = new Payload(JSON.writeValueAsString(claims));
            JWSObject jws;
            if ("HS256".equals(client.signingAlg())) {
                jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(type)).build(), payload);
                jws.sign(new MACSigner(client.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } else {
                Key k = key();
                jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType(type)).keyID(k.kid())
                        .build(), payload);
                jws.sign(new RSASSASigner(k.privateKey()));
            }
            return jws.serialize();
        } catch (JOSEException failure) {
            throw new IllegalStateException("JWT signing failed", failure);
        }
    }

    /** The claims of an RS256 token this key signed (the logout endpoint's {@code id_token_hint}); empty otherwise. */
    Optional<JsonNode> verifiedClaims(String compact) {
        try {
            JWSObject jws = JWSObject.parse(compact);
            Key k = key();
            if (!JWSAlgorithm.RS256.equals(jws.getHeader().getAlgorithm())
                    || (jws.getHeader().getKeyID() != null && !k.kid().equals(jws.getHeader().getKeyID()))
                    || !jws.verify(new RSASSAVerifier(k.publicKey()))) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(jws.getPayload().toString()));
        } catch (ParseException | JOSEException | RuntimeException invalid) {
            return Optional.empty();
        }
    }
}

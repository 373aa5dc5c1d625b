package org.ncmcp.broker.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access-token signing keys, kept in the database so every replica signs with the same key and
 * publishes the same JWKS. Rotation adds a key; the old one stays published until tokens it signed
 * have expired, so rotating never breaks a valid token.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** Replicas pick up a rotation done elsewhere within this long. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final long LOCK_ID = 0x6e636d6370L; // "ncmcp": serialises key creation across replicas

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KeyEncryption encryption;
    private final KeyProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** The keys as loaded, with their public halves already converted for verification (which is per request). */
    private record Snapshot(RSAKey active, JWKSet published, Map<String, RSAPublicKey> verificationKeys,
            Instant loadedAt) {
    }

    public SigningKeys(JdbcTemplate jdbc, TransactionTemplate transactions, KeyEncryption encryption,
            KeyProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.encryption = encryption;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** The key that signs new tokens (its {@code kid} goes into every token header). */
    public RSAKey activeKey() {
        return current().active();
    }

    /** The public keys to publish: the active one and those not yet retired. */
    public JWKSet publicKeys() {
        return current().published().toPublicJWKSet();
    }

    /**
     * Picks the key that verifies a token we signed: RS256 under one of our published key ids. The public keys are
     * converted once per load; as a {@link JWKSource} the JWK would be converted on every verification, which was a
     * tenth of a credential lease's cost (docs/performance.md).
     */
    public JWSKeySelector<SecurityContext> verificationKeySelector() {
        return (header, context) -> {
            RSAPublicKey key = JWSAlgorithm.RS256.equals(header.getAlgorithm()) && header.getKeyID() != null
                    ? current().verificationKeys().get(header.getKeyID()) : null;
            return key == null ? List.of() : List.of(key);
        };
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(current().published());
    }

    /** Makes a new active key now; the previous one keeps verifying until it is retired. */
    public String rotate() {
        String kid = transactions.execute(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK_ID);
            return insertNewKey();
        });
        snapshot = null;
        log.info("Signing key rotated; new key id {}", kid);
        return kid;
    }

    /** Rotates when the newest key is older than the rotation interval; retires replaced keys. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void maintain() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK_ID);
            Instant now = clock.instant();
            Timestamp newest = jdbc.queryForObject("SELECT max(created_at) FROM signing_key WHERE retired_at IS NULL",
                    Timestamp.class);
            if (newest == null || newest.toInstant().plus(properties.rotationInterval()).isBefore(now)) {
                insertNewKey();
            }
            // keys replaced more than retire-after ago leave the JWKS
            jdbc.update("""
                    UPDATE signing_key SET retired_at = ? WHERE retired_at IS NULL AND created_at < (
                      SELECT max(created_at) FROM signing_key WHERE created_at < ? )""",
                    Timestamp.from(now), Timestamp.from(now.minus(properties.retireAfter())));
        });
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.loadedAt().plus(CACHE_TTL).isBefore(clock.instant())) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        List<RSAKey> keys = readKeys();
        if (keys.isEmpty()) {
            transactions.executeWithoutResult(status -> {
                jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK_ID);
                if (readKeys().isEmpty()) {
                    insertNewKey();
                }
            });
            keys = readKeys();
        }
        Map<String, RSAPublicKey> verificationKeys = new HashMap<>();
        for (RSAKey key : keys) {
            try {
                verificationKeys.put(key.getKeyID(), key.toRSAPublicKey());
            } catch (JOSEException e) {
                throw new IllegalStateException("Signing key " + key.getKeyID() + " has no usable public key", e);
            }
        }
        return new Snapshot(keys.get(0), new JWKSet(new ArrayList<>(keys)), Map.copyOf(verificationKeys),
                clock.instant());
    }

    /** Unretired keys, newest first. */
    private List<RSAKey> readKeys() {
        return jdbc.query("SELECT kid, public_jwk, private_key_encrypted FROM signing_key"
                + " WHERE retired_at IS NULL ORDER BY created_at DESC", (rs, i) -> {
                    String kid = rs.getString("kid");
                    byte[] privateJwk = encryption.decrypt(rs.getBytes("private_key_encrypted"), "signing-key:" + kid);
                    try {
                        return RSAKey.parse(new String(privateJwk, StandardCharsets.UTF_8));
                    } catch (ParseException e) {
                        throw new IllegalStateException("Signing key " + kid + " is not a valid JWK", e);
                    }
                });
    }

    private String insertNewKey() {
        try {
            String kid = UUID.randomUUID().toString();
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            jdbc.update("INSERT INTO signing_key (kid, algorithm, public_jwk, private_key_encrypted, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", kid, "RS256", key.toPublicJWK().toJSONString(),
                    encryption.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8), "signing-key:" + kid),
                    Timestamp.from(clock.instant()));
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA signing key", e);
        }
    }
}

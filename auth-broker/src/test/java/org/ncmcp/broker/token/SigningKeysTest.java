package org.ncmcp.broker.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@BrokerTest
class SigningKeysTest {

    @LocalServerPort
    int port;
    @Autowired
    SigningKeys keys;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("Rotation: the new key signs, the old one stays published until retired; private keys are encrypted at rest")
    void rotation() throws Exception {
        String before = keys.activeKey().getKeyID();
        String after = keys.rotate();
        assertThat(after).isNotEqualTo(before);
        assertThat(keys.activeKey().getKeyID()).isEqualTo(after);

        JWKSet published = JWKSet.parse(new Http(port).get("/oauth2/jwks").body());
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).contains(before, after);
        assertThat(published.getKeys()).allMatch(k -> !k.isPrivate());

        // nothing in the table reads as a private JWK
        byte[] stored = jdbc.queryForObject("SELECT private_key_encrypted FROM signing_key WHERE kid = ?", byte[].class, after);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("\"d\"", after);

        // once the replacement is older than retire-after (1h), the old key leaves the JWKS
        jdbc.update("UPDATE signing_key SET created_at = ? WHERE kid = ?", Timestamp.from(Instant.now().minusSeconds(7200)), after);
        jdbc.update("UPDATE signing_key SET created_at = ? WHERE kid = ?", Timestamp.from(Instant.now().minusSeconds(9000)), before);
        keys.maintain();
        JWKSet later = JWKSet.parse(new Http(port).get("/oauth2/jwks").body());
        assertThat(later.getKeys()).extracting(k -> k.getKeyID()).contains(after).doesNotContain(before);
    }
}

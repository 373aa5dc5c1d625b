package org.ncmcp.broker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A broker on a random port with its own embedded PostgreSQL (a fresh data folder per test class).
 * The upstream IdP is never contacted by these tests: its discovery happens on the first sign-in only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "broker.issuer=http://127.0.0.1:9999",
        "broker.resources=http://127.0.0.1:8080/mcp,https://mcp.example.test/mcp",
        "broker.upstream.issuer-uri=http://127.0.0.1:1/never-contacted",
        "broker.upstream.client-id=broker",
        "broker.upstream.client-secret=unused",
        "broker.data-dir=target/test-data/${random.uuid}",
        "broker.keys.encryption-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
public @interface BrokerTest {
}

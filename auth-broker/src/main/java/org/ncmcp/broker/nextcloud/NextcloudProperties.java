package org.ncmcp.broker.nextcloud;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Nextcloud server whose accounts the broker connects.
 *
 * @param url the Nextcloud base URL (e.g. {@code https://cloud.example.com}); Login Flow v2 and the identity check
 *     go there, and poll endpoints Nextcloud returns must be on the same origin
 * @param timeout per-request timeout for calls to Nextcloud
 */
@ConfigurationProperties("broker.nextcloud")
public record NextcloudProperties(URI url, @DefaultValue("10s") Duration timeout) {

    /** The base URL without a trailing slash; fails with the setting's name when it is missing. */
    public String baseUrl() {
        if (url == null || url.toString().isBlank()) {
            throw new IllegalStateException("broker.nextcloud.url (NEXTCLOUD_URL) is not set: the broker needs the"
                    + " Nextcloud address to connect accounts");
        }
        String value = url.toString();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}

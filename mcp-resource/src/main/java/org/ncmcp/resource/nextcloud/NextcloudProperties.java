package org.ncmcp.resource.nextcloud;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Nextcloud is and how patiently we talk to it. Bound from {@code nextcloud.*}, so the
 * environment variables {@code NEXTCLOUD_URL}, {@code NEXTCLOUD_USERNAME} and
 * {@code NEXTCLOUD_APP_PASSWORD} work as they are.
 *
 * @param url the Nextcloud base URL, including any path prefix (e.g. {@code https://cloud.example.com/nextcloud})
 * @param username single-user mode: the login name
 * @param appPassword single-user mode: an app password of that user
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for a whole response
 * @param maxConnections the size of the keep-alive connection pool to Nextcloud
 * @param retry how 429 and 503 answers are retried
 */
@Validated
@ConfigurationProperties("nextcloud")
public record NextcloudProperties(
        @NotNull(message = "set NEXTCLOUD_URL to your Nextcloud's base URL, e.g. https://cloud.example.com") URI url,
        String username,
        String appPassword,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("200") @Min(1) int maxConnections,
        @Valid @DefaultValue Retry retry) {

    /**
     * @param maxAttempts attempts in all, the first included
     * @param initialBackoff the first wait when Nextcloud sends no {@code Retry-After}; doubles each time
     * @param maxWait the longest we wait before one retry; a longer {@code Retry-After} fails the call at once
     */
    public record Retry(
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxWait) {
    }

    /** The base URL without a trailing slash, ready for {@code base + "/index.php/..."}. */
    public String baseUrl() {
        String base = url.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String toString() {
        return "NextcloudProperties[url=" + url + ", username=" + username + ", appPassword=<redacted>, connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", maxConnections=" + maxConnections + ", retry=" + retry + "]";
    }
}

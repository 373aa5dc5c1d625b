package org.ncmcp.resource.nextcloud;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.Timeout;
import org.ncmcp.model.http.RetryAfter;
import org.ncmcp.resource.credentials.CredentialSource;
import org.ncmcp.resource.credentials.NextcloudCredential;

/**
 * Sends requests to Nextcloud with the caller's credential, retries 429/503 honouring
 * {@code Retry-After}, and turns every failure into a {@link NextcloudException} a person can act on.
 * One instance serves all users over a pool of keep-alive connections.
 */
public final class NextcloudHttpClient implements AutoCloseable {

    /** Raw answer before it is judged; headers keep the first value of each name. */
    private record RawResponse(int status, Map<String, String> headers, byte[] body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private final CloseableHttpClient http;
    private final NextcloudProperties properties;
    private final String baseUrl;
    private final CredentialSource credentials;
    private final Sleeper sleeper;
    private final Clock clock;

    public NextcloudHttpClient(NextcloudProperties properties, CredentialSource credentials, Sleeper sleeper, Clock clock) {
        this.properties = properties;
        this.baseUrl = properties.baseUrl();
        this.credentials = credentials;
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // LAX: no global pool lock; under load the strict pool's lock showed up in thread dumps
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setMaxConnTotal(properties.maxConnections())
                        .setMaxConnPerRoute(properties.maxConnections())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .build())
                // Redirects and retries are decisions of ours (a redirect could leak the credential elsewhere).
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** The Nextcloud base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The credential this call will use; app clients need its user id for DAV paths. */
    public NextcloudCredential currentCredential() {
        return credentials.currentCredential();
    }

    /**
     * Sends the request and returns a 2xx or 304 answer; everything else is thrown as a
     * {@link NextcloudException}.
     */
    public NextcloudResponse send(NextcloudRequest request) {
        NextcloudCredential credential = credentials.currentCredential();
        NextcloudProperties.Retry retry = properties.retry();
        Duration backoff = retry.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            RawResponse response = exchange(request, toHttpRequest(request, credential));
            int status = response.status();
            if ((status >= 200 && status < 300) || status == 304) {
                return new NextcloudResponse(status, response.headers(), response.body());
            }
            if (status != 429 && status != 503) {
                throw failure(request, response, credential);
            }
            Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After").orElse(null), clock);
            Duration wait = retryAfter.orElse(withJitter(backoff));
            if (attempt >= retry.maxAttempts() || wait.compareTo(retry.maxWait()) > 0) {
                throw overloaded(status, retryAfter);
            }
            pause(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    private RawResponse exchange(NextcloudRequest request, ClassicHttpRequest httpRequest) {
        try {
            return http.execute(httpRequest, response -> {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (Header header : response.getHeaders()) {
                    headers.putIfAbsent(header.getName(), header.getValue());
                }
                byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                return new RawResponse(response.getCode(), headers, body);
            });
        } catch (ConnectTimeoutException | ConnectException unreachable) {
            throw new NextcloudUnavailableException("Could not connect to Nextcloud at " + baseUrl
                    + ". Is the server running and NEXTCLOUD_URL correct?", unreachable);
        } catch (SocketTimeoutException slow) {
            throw new NextcloudUnavailableException("Nextcloud did not answer within "
                    + properties.readTimeout().toSeconds() + " s (" + request.method() + " " + pathOnly(request)
                    + "). Try again later.", slow);
        } catch (IOException broken) {
            throw new NextcloudUnavailableException("The connection to Nextcloud at " + baseUrl + " failed: "
                    + broken.getClass().getSimpleName() + ". Try again later.", broken);
        }
    }

    private ClassicHttpRequest toHttpRequest(NextcloudRequest request, NextcloudCredential credential) {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method())
                .setUri(baseUrl + request.pathAndQuery())
                .setHeader("Authorization", credential.authorizationHeader())
                .setHeader("Accept", "application/json")
                .setHeader("User-Agent", "nextcloud-mcp");
        request.headers().forEach(builder::setHeader);
        if (request.body() != null) {
            builder.setEntity(new ByteArrayEntity(request.body(), null));
        }
        return builder.build();
    }

    private NextcloudException failure(NextcloudRequest request, RawResponse response, NextcloudCredential credential) {
        int status = response.status();
        String what = request.method() + " " + pathOnly(request);
        if (status == 401) {
            credentials.credentialRejected(credential);
        }
        return switch (status) {
            case 401 -> new NextcloudAuthenticationException(status, "Nextcloud rejected the credentials of user '"
                    + credential.userId() + "' (HTTP 401): the app password is wrong, revoked or expired. "
                    + credentials.rejectionAdvice());
            case 403 -> new NextcloudForbiddenException(status,
                    "Nextcloud refused access (HTTP 403): user '" + credential.userId() + "' may not do " + what + ".");
            case 404 -> new NextcloudNotFoundException(status, "Not found in Nextcloud (HTTP 404): " + what + ".");
            case 409, 412 -> new NextcloudConflictException(status,
                    "Nextcloud reported a conflict (HTTP " + status + ") for " + what
                            + ": it changed since it was read, or the target already exists.",
                    response.body(), response.header("ETag").map(NextcloudResponse::unquoteEtag).orElse(null));
            case 413, 507 -> new NextcloudTooLargeException(status, status == 507
                    ? "Nextcloud has no space left for this user (HTTP 507 Insufficient Storage)."
                    : "Nextcloud refused the content as too large (HTTP 413).");
            case 423 -> new NextcloudLockedException(status,
                    "The item is locked in Nextcloud (HTTP 423), probably open in another app. Try again later.");
            case 400, 422 -> {
                String reason = NextcloudErrorReason.of(response.body(), response.header("Content-Type").orElse(null))
                        .orElse("");
                yield new NextcloudBadRequestException(status, "Nextcloud refused the request as invalid (HTTP "
                        + status + ") for " + what + (reason.isEmpty() ? "." : ": " + reason
                                + (reason.endsWith(".") || reason.endsWith("…") ? "" : ".")), reason);
            }
            default -> status >= 500
                    ? new NextcloudUnavailableException(status, "Nextcloud failed with HTTP " + status + " for " + what
                            + ". Try again later; if it persists, ask your administrator to check the Nextcloud log.")
                    : new NextcloudProtocolException(status, "Nextcloud answered " + what + " with unexpected HTTP "
                            + status + ".");
        };
    }

    private NextcloudUnavailableException overloaded(int status, Optional<Duration> retryAfter) {
        String when = retryAfter.map(d -> " Nextcloud asks to retry after " + Math.max(1, d.toSeconds()) + " s.")
                .orElse(" Try again in a minute.");
        String why = status == 429 ? "Nextcloud is rate limiting requests (HTTP 429)."
                : "Nextcloud is temporarily unavailable (HTTP 503), perhaps in maintenance mode.";
        return new NextcloudUnavailableException(status, why + when);
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NextcloudUnavailableException("Interrupted while waiting to retry Nextcloud.", interrupted);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private static Duration withJitter(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 4 + 1));
    }

    private static String pathOnly(NextcloudRequest request) {
        String path = request.pathAndQuery();
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}

package org.ncmcp.resource.nextcloud;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.ncmcp.resource.credentials.CredentialSource;
import org.ncmcp.resource.credentials.NextcloudCredential;

/**
 * Sends requests to Nextcloud with the caller's credential, retries 429/503 honouring
 * {@code Retry-After}, and turns every failure into a {@link NextcloudException} a person can act on.
 * One instance serves all users: the JDK client pools keep-alive connections per host.
 */
public final class NextcloudHttpClient {

    private final HttpClient http;
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
        this.http = HttpClient.newBuilder()
                // HTTP/1.1 explicitly: on http:// URLs the JDK would otherwise try an h2c upgrade on every new connection
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
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
        HttpRequest httpRequest = toHttpRequest(request, credential);
        NextcloudProperties.Retry retry = properties.retry();
        Duration backoff = retry.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response = exchange(request, httpRequest);
            int status = response.statusCode();
            if ((status >= 200 && status < 300) || status == 304) {
                return new NextcloudResponse(status, response.headers(), response.body());
            }
            if (status != 429 && status != 503) {
                throw failure(request, response, credential);
            }
            Optional<Duration> retryAfter = RetryDelay.parseRetryAfter(
                    response.headers().firstValue("Retry-After").orElse(null), clock);
            Duration wait = retryAfter.orElse(withJitter(backoff));
            if (attempt >= retry.maxAttempts() || wait.compareTo(retry.maxWait()) > 0) {
                throw overloaded(status, retryAfter);
            }
            pause(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    private HttpResponse<byte[]> exchange(NextcloudRequest request, HttpRequest httpRequest) {
        try {
            return http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException unreachable) {
            throw new NextcloudUnavailableException("Could not connect to Nextcloud at " + baseUrl
                    + ". Is the server running and NEXTCLOUD_URL correct?", unreachable);
        } catch (HttpTimeoutException slow) {
            throw new NextcloudUnavailableException("Nextcloud did not answer within "
                    + properties.readTimeout().toSeconds() + " s (" + request.method() + " " + pathOnly(request)
                    + "). Try again later.", slow);
        } catch (IOException broken) {
            throw new NextcloudUnavailableException("The connection to Nextcloud at " + baseUrl + " failed: "
                    + broken.getClass().getSimpleName() + ". Try again later.", broken);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new NextcloudUnavailableException("Interrupted while waiting for Nextcloud.", interrupted);
        }
    }

    private HttpRequest toHttpRequest(NextcloudRequest request, NextcloudCredential credential) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                .timeout(properties.readTimeout())
                .header("Authorization", credential.authorizationHeader())
                .header("Accept", "application/json")
                .header("User-Agent", "nextcloud-mcp");
        request.headers().forEach(builder::header);
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        return builder.method(request.method(), body).build();
    }

    private NextcloudException failure(NextcloudRequest request, HttpResponse<byte[]> response,
            NextcloudCredential credential) {
        int status = response.statusCode();
        String what = request.method() + " " + pathOnly(request);
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
                    response.body(), response.headers().firstValue("ETag").map(NextcloudResponse::unquoteEtag).orElse(null));
            case 413, 507 -> new NextcloudTooLargeException(status, status == 507
                    ? "Nextcloud has no space left for this user (HTTP 507 Insufficient Storage)."
                    : "Nextcloud refused the content as too large (HTTP 413).");
            case 423 -> new NextcloudLockedException(status,
                    "The item is locked in Nextcloud (HTTP 423), probably open in another app. Try again later.");
            case 400, 422 -> new NextcloudBadRequestException(status,
                    "Nextcloud refused the request as invalid (HTTP " + status + ") for " + what + ".");
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

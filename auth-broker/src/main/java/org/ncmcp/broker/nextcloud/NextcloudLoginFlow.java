package org.ncmcp.broker.nextcloud;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker's calls to Nextcloud for provisioning (nextcloud-api.md §1.6): start a Login Flow v2, poll it, ask
 * who an app password belongs to, and delete an app password. Never logs a poll token or app password.
 */
@Component
public class NextcloudLoginFlow {

    /** What {@code POST /index.php/login/v2} answers: where the person logs in, and where the broker polls. */
    public record Started(String loginUrl, String pollEndpoint, String pollToken) {
        @Override
        public String toString() {
            return "Started[loginUrl=" + loginUrl + ", pollEndpoint=" + pollEndpoint + ", pollToken=<redacted>]";
        }
    }

    /** The one-time poll answer: the login name for Basic auth and the app password. */
    public record Granted(String loginName, String appPassword) {
        @Override
        public String toString() {
            return "Granted[loginName=" + loginName + ", appPassword=<redacted>]";
        }
    }

    private final NextcloudProperties properties;
    private final HttpClient http;
    private final JsonMapper json;

    public NextcloudLoginFlow(NextcloudProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Started start() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(properties.baseUrl() + "/index.php/login/v2"))
                .POST(HttpRequest.BodyPublishers.noBody()), "start Login Flow v2");
        if (response.statusCode() != 200) {
            throw new NextcloudCallException("Nextcloud refused to start Login Flow v2 (HTTP " + response.statusCode() + ")");
        }
        JsonNode body = parse(response, "Login Flow v2 start");
        String login = body.path("login").asString("");
        String endpoint = body.path("poll").path("endpoint").asString("");
        String token = body.path("poll").path("token").asString("");
        if (login.isEmpty() || endpoint.isEmpty() || token.isEmpty()) {
            throw new NextcloudCallException("Nextcloud's Login Flow v2 answer lacks login, poll.endpoint or poll.token");
        }
        requireSameOrigin(endpoint);
        // shown to the person as a link: only a web address (Nextcloud builds it from its public host name, which may
        // differ from broker.nextcloud.url, so the host is not compared)
        if (!login.regionMatches(true, 0, "https://", 0, 8) && !login.regionMatches(true, 0, "http://", 0, 7)) {
            throw new NextcloudCallException("Nextcloud's Login Flow v2 login address is not an http(s) URL");
        }
        return new Started(login, endpoint, token);
    }

    /** @return the grant once the person approved; empty while pending (Nextcloud answers 404 until then) */
    public Optional<Granted> poll(String pollEndpoint, String pollToken) {
        requireSameOrigin(pollEndpoint);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(pollEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(pollToken, StandardCharsets.UTF_8))),
                "poll Login Flow v2");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new NextcloudCallException("Nextcloud answered HTTP " + response.statusCode() + " to a Login Flow v2 poll");
        }
        JsonNode body = parse(response, "Login Flow v2 poll");
        String loginName = body.path("loginName").asString("");
        String appPassword = body.path("appPassword").asString("");
        if (loginName.isEmpty() || appPassword.isEmpty()) {
            throw new NextcloudCallException("Nextcloud's Login Flow v2 poll answer lacks loginName or appPassword");
        }
        return Optional.of(new Granted(loginName, appPassword));
    }

    /**
     * The Nextcloud user id an app password belongs to ({@code GET /ocs/v2.php/cloud/user}).
     *
     * @throws CredentialRejectedException when Nextcloud answers 401 (revoked or wrong)
     */
    public String userIdOf(String loginName, String appPassword) {
        HttpResponse<String> response = send(ocs("/ocs/v2.php/cloud/user?format=json", loginName, appPassword).GET(),
                "read the Nextcloud user");
        if (response.statusCode() == 401) {
            throw new CredentialRejectedException("Nextcloud rejected the app password (HTTP 401)");
        }
        if (response.statusCode() != 200) {
            throw new NextcloudCallException("Nextcloud answered HTTP " + response.statusCode() + " to cloud/user");
        }
        String id = parse(response, "cloud/user").path("ocs").path("data").path("id").asString("");
        if (id.isEmpty()) {
            throw new NextcloudCallException("Nextcloud's cloud/user answer has no ocs.data.id");
        }
        return id;
    }

    /** Deletes the app password at Nextcloud ({@code DELETE /ocs/v2.php/core/apppassword}, authenticated by itself). */
    public void deleteAppPassword(String loginName, String appPassword) {
        HttpResponse<String> response = send(ocs("/ocs/v2.php/core/apppassword?format=json", loginName, appPassword)
                .DELETE(), "delete an app password");
        // 401: already gone, which is what we wanted
        if (response.statusCode() != 200 && response.statusCode() != 401) {
            throw new NextcloudCallException("Nextcloud answered HTTP " + response.statusCode()
                    + " when deleting an app password");
        }
    }

    private HttpRequest.Builder ocs(String path, String loginName, String appPassword) {
        String basic = Base64.getEncoder().encodeToString((loginName + ":" + appPassword).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("OCS-APIRequest", "true")
                .header("Accept", "application/json")
                .timeout(properties.timeout());
    }

    /** A poll endpoint elsewhere would make the broker post poll tokens (and receive secrets) off-site. */
    private void requireSameOrigin(String url) {
        URI target = URI.create(url);
        URI base = URI.create(properties.baseUrl());
        if (!base.getScheme().equalsIgnoreCase(target.getScheme()) || !base.getHost().equalsIgnoreCase(target.getHost())
                || port(base) != port(target)) {
            throw new NextcloudCallException("Nextcloud returned a poll endpoint on another origin (" + target.getScheme()
                    + "://" + target.getHost() + "); check broker.nextcloud.url and Nextcloud's overwrite.cli.url");
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.timeout(properties.timeout()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NextcloudCallException("Could not reach Nextcloud to " + what + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NextcloudCallException("Interrupted while trying to " + what);
        }
    }

    private JsonNode parse(HttpResponse<String> response, String what) {
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new NextcloudCallException("Nextcloud's " + what + " answer is not JSON");
        }
    }

    /** Nextcloud could not be reached or answered unexpectedly; the attempt can be retried. */
    public static class NextcloudCallException extends RuntimeException {
        public NextcloudCallException(String message) {
            super(message);
        }
    }

    /** Nextcloud refused the credential itself (HTTP 401). */
    public static class CredentialRejectedException extends NextcloudCallException {
        public CredentialRejectedException(String message) {
            super(message);
        }
    }
}

package org.ncmcp.e2e.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.keycloak.KeycloakServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real, unmodified MCP client against the multi-user system: the official TypeScript SDK
 * ({@code @modelcontextprotocol/sdk}, pinned in {@code src/test/node/package.json}, installed into
 * {@code .tools/stock-client/} by {@code .ci/stock-client.sh}) runs {@code src/test/node/stock-client.mjs}, which gives
 * the SDK's {@code StreamableHTTPClientTransport} an in-memory {@code OAuthClientProvider} and nothing else. The SDK
 * finds the broker from mcp-resource's 401 (RFC 9728 → RFC 8414), registers itself (RFC 7591), and asks for the
 * authorization URL to be opened; this test opens it in Chromium, alice signs in at Keycloak and approves the broker's
 * consent page, the SDK exchanges the code, reconnects and lists the tools its token allows.
 *
 * <p>The scope is the SDK's choice: the 401 challenge's {@code scope} (the PRM's {@code scopes_supported} otherwise), so
 * the tool list is what that scope allows. The SDK is a DCR client here: its Client ID Metadata Document support needs
 * an https {@code client_id}, which a loopback test cannot serve.
 */
@DisplayName("A stock MCP client (official TypeScript SDK, its own OAuth): discovery → DCR → Keycloak login → consent → tools")
class StockTypeScriptClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SCRIPT = "e2e-tests/src/test/node/stock-client.mjs";
    private static final String PACKAGE = "e2e-tests/src/test/node/package.json";
    private static final String SDK = ".tools/stock-client/node_modules/@modelcontextprotocol/sdk/package.json";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @Test
    @DisplayName("RS-01/RS-02/RS-03/AS-02/AS-04/AS-08/AS-05/AS-06/AS-10: the TypeScript SDK discovers the broker from"
            + " the 401, registers, sends alice through Keycloak and the consent page, and lists exactly the tools of"
            + " the scope it asked for")
    void stockTypeScriptSdkSignsInAndListsTools() throws Exception {
        Path root = repositoryRoot();
        String node = prerequisite(root);
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(KeycloakServer::get);
        Path runDir = prepareRunDirectory(root);

        try (StockStack stack = new StockStack(keycloak, true, Map.of(), Map.of());
             Playwright playwright = Chromium.playwright();
             Browser browser = Chromium.launch(playwright);
             BrowserSession person = new BrowserSession(browser);
             NodeClient client = NodeClient.start(node, runDir, stack.resourceUri)) {
            if (stack.fallbackReason != null) {
                System.out.println("StockTypeScriptClientTest: " + stack.fallbackReason
                        + "; the simulated Nextcloud oidc app is the IdP instead of Keycloak");
            }

            // 1. the SDK, on its own: 401 → protected resource metadata → authorization server metadata → registration
            String redirectUri = client.await("listening").path("redirectUri").asString();
            URI authorization = URI.create(client.await("authorize").path("url").asString());
            Map<String, String> request = KeycloakBrowserLoginTest.query(authorization);
            assertThat(authorization.toString()).startsWith(stack.issuer + "/oauth2/authorize?");
            assertThat(request).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
                    .containsEntry("redirect_uri", redirectUri).containsEntry("resource", stack.resourceUri)
                    .containsEntry("scope", "notes:read").containsKeys("client_id", "state", "code_challenge");
            assertThat(client.requests()).as("what the SDK did before asking for a browser").containsSubsequence(
                    "POST " + stack.resourceUri + " 401",
                    "GET " + stack.mcpBase() + "/.well-known/oauth-protected-resource/mcp 200",
                    "GET " + stack.issuer + "/.well-known/oauth-authorization-server 200",
                    "POST " + stack.issuer + "/oauth2/register 201");

            // 2. the person: the IdP's login page, then the broker's consent page for this client
            person.page.navigate(authorization.toString());
            assertThat(person.page.url()).startsWith(stack.idpLoginPagePrefix());
            stack.signInAtIdp(person.page, "alice");
            BrowserSession.ConsentPage consent = person.consentPage();
            assertThat(consent.clientName()).isEqualTo("Stock TypeScript SDK client (e2e)");
            assertThat(consent.redirectHost()).isEqualTo("127.0.0.1");
            assertThat(consent.scopesToApprove()).containsExactly("notes:read");
            person.page.click("#submit-consent");
            person.page.waitForURL(Pattern.compile(Pattern.quote(redirectUri) + "\\?.*"));
            assertThat(person.page.textContent("#result")).contains("Signed in");

            // 3. the SDK again: code exchange, reconnect, tools/list
            JsonNode callback = client.await("callback");
            assertThat(callback.path("iss").asString()).isEqualTo(stack.issuer);
            JsonNode claims = client.await("token").path("claims");
            assertThat(claims.path("iss").asString()).isEqualTo(stack.issuer);
            assertThat(strings(claims.path("aud"))).containsExactly(stack.resourceUri);
            assertThat(claims.path("nc_user").asString()).isEqualTo("alice");
            assertThat(claims.path("scope").asString()).isEqualTo("notes:read");
            assertThat(claims.path("client_id").asString()).isEqualTo(request.get("client_id"));
            Set<String> tools = new TreeSet<>(strings(client.await("tools").path("tools")));
            assertThat(client.exitCode(STEP_TIMEOUT)).as("the script's exit code; %s", client.diagnostics()).isZero();

            assertThat(client.requests()).containsSubsequence("POST " + stack.issuer + "/oauth2/token 200",
                    "POST " + stack.resourceUri + " 200");
            Set<String> fromCatalogue = tools.stream().filter(t -> org.ncmcp.model.tool.ToolCatalogue.find(t).isPresent())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(fromCatalogue).as("catalogue tools listed for notes:read (all tools: %s)", tools)
                    .isEqualTo(KeycloakBrowserLoginTest.catalogueToolsFor("notes:read"));
            System.out.printf("StockTypeScriptClientTest: %s as IdP; the SDK's requests: %s; it listed %s%n", stack.idp,
                    client.requests(), tools);
        }
    }

    private static List<String> strings(JsonNode node) {
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asString).toList();
        }
        return node.isMissingNode() || node.isNull() ? List.of() : List.of(node.asString());
    }

    // ------------------------------------------------------------------------------------------------------------

    /**
     * The node binary to use, once Chromium, node ≥ 18 and the pinned SDK are known to be there. Anything missing skips
     * the test with the reason printed; under CI ({@code CI=true}) it fails instead, since CI installs all of them.
     */
    private static String prerequisite(Path root) {
        Optional<String> chromium = Chromium.missing();
        if (chromium.isPresent()) {
            unavailable(chromium.get());
        }
        String node = findNode(root).orElse(null);
        if (node == null) {
            unavailable("no node >= 18 found (.tools/node_modules/node/bin/node or node on PATH; apt-get install nodejs npm)");
        }
        String wanted = JSON.readTree(root.resolve(PACKAGE).toFile()).path("dependencies").path("@modelcontextprotocol/sdk")
                .asString();
        Path sdk = root.resolve(SDK);
        String installed = Files.isRegularFile(sdk) ? JSON.readTree(sdk.toFile()).path("version").asString() : null;
        if (!wanted.equals(installed)) {
            unavailable("@modelcontextprotocol/sdk " + wanted + " is not installed in .tools/stock-client ("
                    + (installed == null ? "nothing there" : "found " + installed) + "); run: bash .ci/stock-client.sh");
        }
        return node;
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("StockTypeScriptClientTest cannot run under CI: " + reason);
        }
        System.out.println("SKIPPED StockTypeScriptClientTest: " + reason);
        Assumptions.abort(reason);
    }

    /** Node 22 as installed into .tools by .ci/run, else the node on PATH; at least version 18 (the SDK's minimum). */
    private static Optional<String> findNode(Path root) {
        List<String> candidates = new ArrayList<>();
        Path tools = root.resolve(".tools/node_modules/node/bin/node");
        if (Files.isExecutable(tools)) {
            candidates.add(tools.toString());
        }
        candidates.add("node");
        for (String candidate : candidates) {
            try {
                Process version = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                if (!version.waitFor(20, TimeUnit.SECONDS)) {
                    version.destroyForcibly();
                    continue;
                }
                String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                var major = java.util.regex.Pattern.compile("^v(\\d+)\\.").matcher(text);
                if (version.exitValue() == 0 && major.find() && Integer.parseInt(major.group(1)) >= 18) {
                    return Optional.of(candidate);
                }
            } catch (IOException notThere) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    /** The folder holding e2e-tests/ (surefire runs in e2e-tests/, an IDE may run in the root). */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * The script next to a {@code node_modules} link to the installed SDK, so Node resolves
     * {@code @modelcontextprotocol/sdk} as it would in any application that depends on it.
     */
    private static Path prepareRunDirectory(Path root) throws IOException {
        Path runDir = root.resolve("e2e-tests/target/stock-client/run-" + System.nanoTime());
        Files.createDirectories(runDir);
        Files.copy(root.resolve(SCRIPT), runDir.resolve("stock-client.mjs"));
        Files.createSymbolicLink(runDir.resolve("node_modules"), root.resolve(".tools/stock-client/node_modules"));
        return runDir;
    }

    /** The Node process and the JSON events it prints, one a line. */
    private static final class NodeClient implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private NodeClient(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static NodeClient start(String node, Path runDir, String mcpUrl) throws IOException {
            Path log = runDir.resolve("stderr.log");
            Process process = new ProcessBuilder(node, "stock-client.mjs", mcpUrl).directory(runDir.toFile())
                    .redirectError(log.toFile()).start();
            process.getOutputStream().close();
            NodeClient client = new NodeClient(process, log);
            Thread reader = new Thread(client::read, "stock-client-stdout");
            reader.setDaemon(true);
            reader.start();
            return client;
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    if (!line.startsWith("{")) {
                        continue;
                    }
                    JsonNode event = JSON.readTree(line);
                    if ("http".equals(event.path("event").asString())) {
                        requests.add(event.path("method").asString() + " " + event.path("url").asString() + " "
                                + event.path("status").asInt());
                    }
                    events.add(event);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                events.add(JSON.createObjectNode().put("event", "end-of-output"));
            }
        }

        /** The next event named {@code name}, skipping others; fails at once on the script's own error or its end. */
        JsonNode await(String name) throws InterruptedException {
            Instant deadline = Instant.now().plus(STEP_TIMEOUT);
            while (true) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                JsonNode event = left > 0 ? events.poll(left, TimeUnit.MILLISECONDS) : null;
                if (event == null) {
                    throw new AssertionError("the stock client printed no '" + name + "' within " + STEP_TIMEOUT + "; "
                            + diagnostics());
                }
                String type = event.path("event").asString();
                if (type.equals(name)) {
                    return event;
                }
                if (type.equals("error") || type.equals("end-of-output")) {
                    throw new AssertionError("the stock client stopped before '" + name + "': "
                            + event.path("message").asString(type) + "; " + diagnostics());
                }
            }
        }

        /** Requests the SDK made, as "METHOD url status". */
        List<String> requests() {
            return List.copyOf(requests);
        }

        int exitCode(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the stock client did not exit within " + timeout + "; " + diagnostics());
            }
            return process.exitValue();
        }

        String diagnostics() {
            String stderr;
            try {
                List<String> all = Files.readAllLines(log);
                stderr = String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
            } catch (IOException e) {
                stderr = "(no stderr: " + e.getMessage() + ")";
            }
            return "stdout:\n" + String.join("\n", lines) + "\nstderr (" + log + "):\n" + stderr;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

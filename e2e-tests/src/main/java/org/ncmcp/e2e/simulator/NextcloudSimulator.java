package org.ncmcp.e2e.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ncmcp.e2e.simulator.cookbook.CookbookApi;
import org.ncmcp.e2e.simulator.dav.DavBackend;
import org.ncmcp.e2e.simulator.dav.DavProxy;
import org.ncmcp.e2e.simulator.dav.LocalFilesTree;
import org.ncmcp.e2e.simulator.deck.DeckApi;
import org.ncmcp.e2e.simulator.deck.DeckState;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.loginflow.LoginFlowV2;
import org.ncmcp.e2e.simulator.notes.NotesApi;
import org.ncmcp.e2e.simulator.ocs.OcsApi;
import org.ncmcp.e2e.simulator.ocs.OcsEnvelope;
import org.ncmcp.e2e.simulator.oidc.OidcProvider;
import org.ncmcp.e2e.simulator.sharing.ShareState;
import org.ncmcp.e2e.simulator.sharing.SharesApi;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.tables.TablesApi;
import org.ncmcp.e2e.simulator.tables.TablesState;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Nextcloud stand-in for tests, the demo and the benchmark, following {@code nextcloud-api.md}: OCS
 * (capabilities, current user, app passwords), the Notes API v1, Login Flow v2 and the {@code oidc} app, over one
 * shared state. Binds to 127.0.0.1 only.
 */
public final class NextcloudSimulator implements AutoCloseable {

    /** Enough threads that 50+ concurrent keep-alive clients never queue behind each other. */
    private static final int THREADS = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatorState state;
    private final OidcProvider oidc;
    private final DavProxy dav;
    private final DeckState deck;
    private final TablesState tables;

    private NextcloudSimulator(HttpServer server, ExecutorService executor, SimulatorState state, OidcProvider oidc,
            DavProxy dav, DeckState deck, TablesState tables) {
        this.server = server;
        this.executor = executor;
        this.state = state;
        this.oidc = oidc;
        this.dav = dav;
        this.deck = deck;
        this.tables = tables;
    }

    public static NextcloudSimulator start(SimulatorOptions options) {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and
        // delayed ACKs add ~40 ms to every keep-alive response (measured: 1,100 req/s at 44 ms p50).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        SimulatorState state = new SimulatorState(options.clock());
        JsonMapper json = JsonMapper.builder().build();
        Router router = new Router();
        // Before OcsApi: its catch-all answers every other OCS path with 998.
        new SharesApi(state, new ShareState(), new OcsEnvelope(json), json).register(router);
        TablesState tables = new TablesState(options.clock());
        new TablesApi(state, tables, json).register(router);
        new OcsApi(state, new OcsEnvelope(json)).register(router);
        new NotesApi(state, json).register(router);
        DeckState deck = new DeckState(options.clock());
        new DeckApi(state, deck, json).register(router);
        new CookbookApi(state, json, options.testHooks()).register(router);
        new LoginFlowV2(state, json, options.testHooks()).register(router);
        OidcProvider oidc = new OidcProvider(state, options.testHooks());
        oidc.register(router);
        DavProxy dav = new DavProxy(state);
        dav.register(router);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 128);
            ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
                Thread thread = new Thread(runnable, "nextcloud-simulator");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", router::dispatch);
            server.start();
            return new NextcloudSimulator(server, executor, state, oidc, dav, deck, tables);
        } catch (IOException bindFailure) {
            throw new UncheckedIOException("Could not start the Nextcloud simulator on 127.0.0.1:" + options.port()
                    + " (is the port in use?)", bindFailure);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public SimulatorState state() {
        return state;
    }

    /** The Tables app's tables, columns and views, for tests and fixtures that seed them. */
    public TablesState tables() {
        return tables;
    }

    /** The Deck app's boards, for tests that set up shared boards. */
    public DeckState deck() {
        return deck;
    }

    /** The {@code oidc} app; its issuer is {@link #baseUri()}. */
    public OidcProvider oidc() {
        return oidc;
    }

    /**
     * Forwards {@code /remote.php/dav/} to a real DAV server (SabreDavServer, RadicaleServer, ApacheDavServer); the
     * caller closes it. When the server offers its files folder ({@link DavBackend#localFiles()}, sabre/dav does), the
     * simulator's files move there: notes, recipes and shared items are then the files WebDAV shows, with the same
     * ids. A server that does not (Apache mod_dav, Radicale) serves files of its own, apart from notes and recipes.
     */
    public void attachDav(DavBackend backend) {
        Optional<LocalFilesTree> shared = backend == null ? Optional.empty() : backend.localFiles();
        shared.ifPresent(tree -> state.files().mount(tree.root(), tree.fileIdIndex()));
        dav.onFilesChanged(shared.isEmpty() ? (userId, method, path, destination) -> {
        } : (userId, method, path, destination) -> {
            if ("MOVE".equals(method) && destination != null) {
                state.files().moved(userId, path, destination);
            } else {
                state.files().rescan(userId);
            }
        });
        dav.attach(backend);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        state.files().close();
    }
}

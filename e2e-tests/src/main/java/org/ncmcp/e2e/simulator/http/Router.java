package org.ncmcp.e2e.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests by method and path pattern. Unknown paths are 404, a known path with another
 * method is 405, and a handler failure is a 500 with no stack trace in the body.
 */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    @FunctionalInterface
    public interface Handler {
        void handle(SimExchange exchange) throws IOException;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Registers a handler; {@code pathRegex} must match the whole raw path. */
    public Router on(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    public void dispatch(HttpExchange raw) {
        SimExchange exchange = new SimExchange(raw);
        try {
            boolean pathKnown = false;
            for (Route route : routes) {
                Matcher matcher = route.path().matcher(exchange.path());
                if (!matcher.matches()) {
                    continue;
                }
                pathKnown = true;
                if (route.method().equals(exchange.method())) {
                    exchange.pathMatch(matcher);
                    route.handler().handle(exchange);
                    return;
                }
            }
            if (pathKnown) {
                exchange.sendJson(405, "{\"message\":\"Method not allowed\"}");
            } else {
                exchange.sendJson(404, "{\"message\":\"Page not found\"}");
            }
        } catch (IOException | RuntimeException | LinkageError | AssertionError failure) {
            // Errors too (a class missing mid-rebuild): an unanswered exchange would hang the client until its timeout
            log.warn("Simulator handler failed for {} {}: {}", exchange.method(), exchange.path(), failure.toString());
            try {
                exchange.sendJson(500, "{\"message\":\"Internal server error\"}");
            } catch (IOException | RuntimeException ignored) {
                raw.close();
            }
        }
    }
}

package org.ncmcp.e2e.simulator;

import java.time.Clock;
import java.util.Objects;

/**
 * How a simulator starts.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param clock drives every expiry (Login Flow v2's 1200 s, note modification times); tests pass a mutable one
 * @param testHooks whether {@code /__test/...} shortcuts for browser steps are served (never in the demo)
 */
public record SimulatorOptions(int port, Clock clock, boolean testHooks) {

    public SimulatorOptions {
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A random port, the system clock, test hooks on: what tests usually want. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, Clock.systemUTC(), true);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(port, newClock, testHooks);
    }
}

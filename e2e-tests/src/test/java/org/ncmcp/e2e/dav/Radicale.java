package org.ncmcp.e2e.dav;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.ncmcp.e2e.simulator.dav.RadicaleServer;

/** Starts Radicale for a test class, or skips the class with a printed reason when it is not installed. */
public final class Radicale {

    private Radicale() {
    }

    public static RadicaleServer startOrSkip() {
        Optional<String> reason = RadicaleServer.unavailableReason();
        if (reason.isPresent()) {
            System.out.println("SKIPPED (Radicale): " + reason.get());
        }
        Assumptions.assumeTrue(reason.isEmpty(), () -> "Radicale is not available: " + reason.orElse(""));
        return RadicaleServer.start();
    }
}

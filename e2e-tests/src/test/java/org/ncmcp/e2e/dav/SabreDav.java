package org.ncmcp.e2e.dav;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.ncmcp.e2e.simulator.dav.SabreDavServer;

/** Starts sabre/dav for a test class, or skips the class with a printed reason when PHP or sabre is missing. */
public final class SabreDav {

    private SabreDav() {
    }

    public static SabreDavServer startOrSkip() {
        Optional<String> reason = SabreDavServer.unavailableReason();
        if (reason.isPresent()) {
            System.out.println("SKIPPED (sabre/dav): " + reason.get());
        }
        Assumptions.assumeTrue(reason.isEmpty(), () -> "sabre/dav is not available: " + reason.orElse(""));
        return SabreDavServer.start();
    }
}

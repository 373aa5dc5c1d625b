package org.ncmcp.e2e.files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.ncmcp.e2e.dav.SabreDav;
import org.ncmcp.e2e.simulator.dav.ApacheDavServer;
import org.ncmcp.e2e.simulator.dav.SabreDavServer;
import org.ncmcp.e2e.simulator.dav.SplitDavBackend;

/**
 * The same Files scenarios with the files tree on Apache mod_dav, the minimal RFC 4918 server (weak ETags, no ETag
 * on PUT, no oc: properties); the principal still comes from sabre/dav, as Apache has none. Differences between
 * the two runs expose assumptions that only hold on one server (nextcloud-api.md §2.2 item 3).
 */
class FilesOnApacheOverMcpTest extends FilesScenarios {

    private static SabreDavServer sabre;
    private static ApacheDavServer apache;

    @BeforeAll
    static void startOnApache() {
        String reason = ApacheDavServer.unavailableReason().orElse(null);
        if (reason != null) {
            System.out.println("SKIPPED (Apache mod_dav): " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> "Apache mod_dav is not available: " + reason);
        sabre = SabreDav.startOrSkip();
        apache = ApacheDavServer.start();
        // the split backend closes neither server: stopOnApache does
        startWith(new SplitDavBackend(sabre, apache));
    }

    @AfterAll
    static void stopOnApache() {
        try {
            stopAll();
        } finally {
            try {
                if (apache != null) {
                    apache.close();
                }
            } finally {
                if (sabre != null) {
                    sabre.close();
                }
            }
        }
    }
}

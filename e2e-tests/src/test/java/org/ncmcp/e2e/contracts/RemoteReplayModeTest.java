package org.ncmcp.e2e.contracts;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;

/**
 * Exercises record/verify mode itself: replays the fixtures through {@link RemoteFixtureWorld}, which
 * prepares state only through public HTTP APIs, against a simulator treated as if it were a real
 * Nextcloud (one long-lived server, a user whose id and login differ). Proves the mode works before anyone
 * points it at a production-like server.
 */
class RemoteReplayModeTest {

    private static NextcloudSimulator remote;
    private static RemoteFixtureWorld.Account account;

    @BeforeAll
    static void start() {
        remote = NextcloudSimulator.start(SimulatorOptions.defaults());
        remote.state().addUser("carol", "carol", "Carol Remote", "carol-login");
        account = new RemoteFixtureWorld.Account(remote.baseUri(), "carol", remote.state().issueAppPassword("carol"),
                "carol-login");
    }

    @AfterAll
    static void stop() {
        remote.close();
    }

    static List<ContractFixture> fixtures() {
        return ContractFixture.all(null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureReplaysAgainstARemoteServer(ContractFixture fixture) throws Exception {
        SimulatorContractTest.replayRemotely(fixture, account);
    }
}

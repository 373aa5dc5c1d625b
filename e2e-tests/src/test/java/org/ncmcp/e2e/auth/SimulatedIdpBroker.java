package org.ncmcp.e2e.auth;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.simulator.NextcloudSimulator;

/** One broker whose sign-in service is the simulator's {@code oidc} app, with a fresh embedded database. */
final class SimulatedIdpBroker {

    private SimulatedIdpBroker() {
    }

    /** Registers the broker's client at the simulator and starts a broker with {@code extra} settings on top. */
    static BrokerProcess start(NextcloudSimulator simulator, String resource, Map<String, String> extra, String logName) {
        simulator.oidc().addBrokerClient(MultiUserStack.BROKER_CLIENT, MultiUserStack.BROKER_SECRET);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("broker.upstream.issuer-uri", simulator.baseUri().toString().replaceAll("/$", ""));
        settings.put("broker.upstream.client-id", MultiUserStack.BROKER_CLIENT);
        settings.put("broker.upstream.client-secret", MultiUserStack.BROKER_SECRET);
        settings.put("broker.resources", resource);
        settings.put("broker.data-dir", "target/broker-data/" + System.nanoTime());
        settings.putAll(extra);
        return BrokerProcess.start(0, settings, Path.of("target/broker-logs/" + logName + ".log"));
    }
}

package org.ncmcp.broker.client.upstream;

import java.time.Duration;

/** Waits between retries. An interface so tests can record the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
}

package org.ncmcp.resource.nextcloud;

import java.time.Duration;

/** Waits between retries. An interface so tests can observe the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}

package org.ncmcp.e2e.contracts;

import java.net.URI;

/**
 * Where a contract fixture is replayed: a fresh simulator, or (record/verify mode) a real Nextcloud. Either
 * way the fixture's {@code given} state exists and its placeholders have values.
 */
interface FixtureWorld extends AutoCloseable {

    URI baseUri();

    Placeholders placeholders();

    @Override
    void close();
}

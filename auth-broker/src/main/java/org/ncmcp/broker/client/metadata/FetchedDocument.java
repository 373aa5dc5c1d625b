package org.ncmcp.broker.client.metadata;

import java.net.URI;

/**
 * A metadata document as it came off the wire: a 200 response with a JSON content type, within the size
 * cap, not yet parsed.
 *
 * @param url the URL it was fetched from (the client_id)
 * @param body the raw bytes
 * @param freshness what its cache headers say
 */
public record FetchedDocument(URI url, byte[] body, Freshness freshness) {
}

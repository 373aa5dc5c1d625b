package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.credentials.lease.LeaseCacheMetrics;
import org.springframework.beans.factory.annotation.Autowired;

/** Multi-user mode publishes the lease cache's counters in the application's meter registry. */
class LeaseCacheMetricsInMultiUserModeTest extends MultiUserServerTest {

    @Autowired
    MeterRegistry registry;

    private double misses() {
        return registry.get(LeaseCacheMetrics.MISSES).functionCounter().count();
    }

    @Test
    @DisplayName("A tool call that needs a Nextcloud credential shows up as a lease-cache miss in the registry")
    void toolCallCountsAsAMiss() {
        double before = misses();
        double hitsBefore = registry.get(LeaseCacheMetrics.HITS).functionCounter().count();

        // no lease client is configured here, so the lease request fails; failures are never cached: a miss each time
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).scope("notes:read").mint(),
                toolCall("nc_notes_get_note", "{\"noteId\":1}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("no lease client configured");
        assertThat(misses()).isEqualTo(before + 1);
        assertThat(registry.get(LeaseCacheMetrics.HITS).functionCounter().count()).isEqualTo(hitsBefore);
    }

    @Test
    @DisplayName("The metrics endpoint stays unexposed by default: only health and info are served")
    void metricsEndpointIsNotExposedByDefault() {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + "/actuator/metrics/" + LeaseCacheMetrics.HITS))
                .header("Authorization", "Bearer " + broker.token(RESOURCE).mint()).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
    }
}

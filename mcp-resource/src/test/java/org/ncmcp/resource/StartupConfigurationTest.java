package org.ncmcp.resource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A missing setting stops start-up with a message that names it, instead of failing on the first call. */
class StartupConfigurationTest {

    private static void start(String... args) {
        new SpringApplicationBuilder(McpResourceApplication.class).run(args).close();
    }

    @Test
    void missingNextcloudUrlIsNamed() {
        assertThatThrownBy(() -> start("--server.port=0", "--nextcloud.username=u", "--nextcloud.app-password=p"))
                .hasStackTraceContaining("nextcloud.url")
                .hasStackTraceContaining("set NEXTCLOUD_URL");
    }

    @Test
    void singleUserModeWithoutAppPasswordIsNamed() {
        assertThatThrownBy(() -> start("--server.port=0", "--nextcloud.url=http://127.0.0.1:9", "--nextcloud.username=u"))
                .hasStackTraceContaining("NEXTCLOUD_USERNAME and NEXTCLOUD_APP_PASSWORD");
    }

    @Test
    void invalidRetrySettingIsNamed() {
        assertThatThrownBy(() -> start("--server.port=0", "--nextcloud.url=http://127.0.0.1:9", "--nextcloud.username=u",
                "--nextcloud.app-password=p", "--nextcloud.retry.max-attempts=0"))
                .hasStackTraceContaining("nextcloud.retry.maxAttempts");
    }
}

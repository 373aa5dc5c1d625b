package org.ncmcp.resource.credentials;

import org.ncmcp.resource.nextcloud.NextcloudProperties;
import org.ncmcp.resource.security.ConditionalOnSingleUserMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Single-user mode: one Nextcloud account, configured by {@code NEXTCLOUD_USERNAME} and
 * {@code NEXTCLOUD_APP_PASSWORD}. Active only without {@code mcp.auth.issuer}; multi-user mode provides its own
 * {@link CredentialSource} (see {@code security.MultiUserSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSingleUserMode
class SingleUserConfiguration {

    @Bean
    CredentialSource singleUserCredentialSource(NextcloudProperties properties) {
        if (isBlank(properties.username()) || isBlank(properties.appPassword())) {
            throw new IllegalStateException("Single-user mode needs NEXTCLOUD_USERNAME and NEXTCLOUD_APP_PASSWORD"
                    + " (nextcloud.username / nextcloud.app-password): the Nextcloud login name and an app password"
                    + " created under Settings > Security > Devices & sessions.");
        }
        return new SingleUserCredentialSource(properties.username(), properties.appPassword());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

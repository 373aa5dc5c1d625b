package org.ncmcp.resource.apps.sharing;

import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SharingConfiguration {

    @Bean
    SharingClient sharingClient(NextcloudHttpClient http, JsonMapper jsonMapper) {
        return new SharingClient(http, jsonMapper);
    }

    @Bean
    SharingTools sharingTools(SharingClient sharingClient) {
        return new SharingTools(sharingClient);
    }
}

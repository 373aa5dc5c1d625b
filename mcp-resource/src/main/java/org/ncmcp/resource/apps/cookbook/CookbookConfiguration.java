package org.ncmcp.resource.apps.cookbook;

import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class CookbookConfiguration {

    @Bean
    CookbookClient cookbookClient(NextcloudHttpClient http, JsonMapper jsonMapper) {
        return new CookbookClient(http, jsonMapper);
    }

    @Bean
    CookbookTools cookbookTools(CookbookClient cookbookClient, JsonMapper jsonMapper) {
        return new CookbookTools(cookbookClient, jsonMapper);
    }
}

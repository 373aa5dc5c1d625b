package org.ncmcp.resource.apps.tables;

import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TablesConfiguration {

    @Bean
    TablesClient tablesClient(NextcloudHttpClient http, JsonMapper jsonMapper) {
        return new TablesClient(http, jsonMapper);
    }

    @Bean
    TablesTools tablesTools(TablesClient tablesClient) {
        return new TablesTools(tablesClient);
    }
}

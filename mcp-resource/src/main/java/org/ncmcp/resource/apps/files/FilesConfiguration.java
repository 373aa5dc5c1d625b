package org.ncmcp.resource.apps.files;

import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    @Bean
    FilesClient filesClient(NextcloudHttpClient http) {
        return new FilesClient(http);
    }

    @Bean
    FilesTools filesTools(FilesClient filesClient) {
        return new FilesTools(filesClient);
    }
}

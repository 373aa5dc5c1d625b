package org.ncmcp.resource.apps.contacts;

import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {

    @Bean
    ContactsClient contactsClient(NextcloudHttpClient http) {
        return new ContactsClient(http);
    }

    @Bean
    ContactsTools contactsTools(ContactsClient contactsClient) {
        return new ContactsTools(contactsClient);
    }
}

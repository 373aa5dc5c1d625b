package org.ncmcp.resource.apps.notes;

import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class NotesConfiguration {

    @Bean
    NotesClient notesClient(NextcloudHttpClient http, JsonMapper jsonMapper) {
        return new NotesClient(http, jsonMapper);
    }

    @Bean
    NotesTools notesTools(NotesClient notesClient) {
        return new NotesTools(notesClient);
    }

    @Bean
    NoteResources noteResources(NotesClient notesClient, JsonMapper jsonMapper) {
        return new NoteResources(notesClient, jsonMapper);
    }
}

package org.ncmcp.resource.apps.deck;

import java.time.Clock;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class DeckConfiguration {

    @Bean
    DeckClient deckClient(NextcloudHttpClient http, JsonMapper jsonMapper) {
        return new DeckClient(http, jsonMapper);
    }

    @Bean
    DeckTools deckTools(DeckClient deckClient) {
        return new DeckTools(deckClient, Clock.systemUTC());
    }
}

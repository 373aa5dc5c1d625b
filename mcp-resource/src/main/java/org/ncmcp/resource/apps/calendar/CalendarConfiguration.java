package org.ncmcp.resource.apps.calendar;

import org.ncmcp.resource.apps.calendar.caldav.CalDavClient;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    /** Shared with the Tasks tools: one discovery cache per user for both. */
    @Bean
    CalDavClient calDavClient(NextcloudHttpClient http) {
        return new CalDavClient(http);
    }

    @Bean
    CalendarTools calendarTools(CalDavClient calDav) {
        return new CalendarTools(new EventStore(calDav));
    }
}

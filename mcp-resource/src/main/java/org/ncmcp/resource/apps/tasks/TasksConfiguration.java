package org.ncmcp.resource.apps.tasks;

import org.ncmcp.resource.apps.calendar.caldav.CalDavClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TasksConfiguration {

    /** Tasks are VTODOs in the same CalDAV calendars as events: the calendar app's client serves both. */
    @Bean
    TasksTools tasksTools(CalDavClient calDav) {
        return new TasksTools(calDav);
    }
}

package org.ncmcp.broker.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The browser session cookie (a sign-in in progress, the consent page): HttpOnly, SameSite=Lax, and on an
 * https issuer {@code __Host-}-prefixed and Secure, so no other site or sub-domain can set or read it
 * (spec-checklist AS-10). Plain-http loopback deployments cannot use the prefix browsers would refuse.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    @Bean
    CookieSerializer cookieSerializer(BrokerProperties broker) {
        boolean https = "https".equalsIgnoreCase(broker.issuer().getScheme());
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(https ? "__Host-ncmcp-broker" : "ncmcp-broker");
        cookie.setCookiePath("/");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setUseSecureCookie(https);
        return cookie;
    }
}

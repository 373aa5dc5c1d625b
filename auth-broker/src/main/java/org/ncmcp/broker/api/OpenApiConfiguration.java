package org.ncmcp.broker.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.ncmcp.broker.server.BrokerProperties;
import org.ncmcp.broker.server.ResourceIndicators;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api/v1} (springdoc reads the controllers; served at
 * {@value ApiSecurityConfiguration#OPENAPI_PATH}, Swagger UI at {@value ApiSecurityConfiguration#SWAGGER_UI_PATH}).
 * Every operation requires the bearer scheme: an access token from this broker for the API resource.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "brokerAccessToken";

    @Bean
    OpenAPI brokerApi(BrokerProperties broker, ResourceIndicators resources) {
        return new OpenAPI()
                .info(new Info().title("nextcloud-mcp auth-broker API").version("v1").description("""
                        Self-service and administration of people's Nextcloud access. Authenticate with an access \
                        token from this broker issued for the resource %s (RFC 8707: send resource=%s in the \
                        authorization and token requests). A person may read and change only their own record \
                        ('me'); administrators (IdP claim broker.admin.claim) may read and change anyone's, list \
                        users and the audit log, and rotate the vault key. Errors are RFC 9457 problem details."""
                        .formatted(resources.apiResource(), resources.apiResource())))
                .addServersItem(new Server().url(broker.issuerString()))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Access token (at+jwt) from this broker with aud = " + resources.apiResource())))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}

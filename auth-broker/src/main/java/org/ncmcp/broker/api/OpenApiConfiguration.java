package org.ncmcp.broker.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
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
    static final String PROBLEM = "Problem";

    /**
     * Every operation's failures, as the problem details {@link ApiExceptionHandler} and {@link ApiProblemResponses}
     * send: 401 and 403 everywhere, 400 where there is input, 404 where a person is named, 409 for a scope change.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, new ObjectSchema()
                    .description("RFC 9457 problem details (application/problem+json)")
                    .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema()
                            .description("What is wrong, in a sentence a person can act on"))
                    .addProperty("instance", new StringSchema()));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                ApiResponses responses = operation.getResponses();
                responses.addApiResponse("401", problem("No valid access token for this API (WWW-Authenticate: Bearer)"));
                responses.addApiResponse("403", problem("Another person's record without being an administrator, or an"
                        + " administrators' endpoint"));
                if ((operation.getParameters() != null && !operation.getParameters().isEmpty())
                        || operation.getRequestBody() != null) {
                    responses.addApiResponse("400", problem("Invalid input; the detail says what is wrong"));
                }
                if (path.contains("{id}")) {
                    responses.addApiResponse("404", problem("No such person, or nothing to revoke"));
                }
                if (method == PathItem.HttpMethod.PATCH) {
                    responses.addApiResponse("409", problem("The person has not connected Nextcloud"));
                }
            }));
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

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

package org.ncmcp.resource.apps.account;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import java.util.List;
import org.ncmcp.model.tool.AuthCatalogue;
import org.ncmcp.resource.credentials.lease.BrokerLeaseClient;
import org.ncmcp.resource.credentials.lease.LeaseCache;
import org.ncmcp.resource.security.ConditionalOnMultiUserMode;
import org.ncmcp.resource.security.caller.CurrentCaller;
import org.ncmcp.resource.tool.ToolSpecifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The account tools exist in multi-user mode only: single-user mode has nothing to connect. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMultiUserMode
class AccountToolsConfiguration {

    @Bean
    List<SyncToolSpecification> accountToolSpecifications(CurrentCaller callers, BrokerLeaseClient broker,
            LeaseCache cache, ToolSpecifications specifications) {
        return new AccountTools(callers, broker, cache).tools().stream()
                .peek(tool -> {
                    if (!AuthCatalogue.contains(tool.info())) {
                        throw new IllegalStateException("Account tool " + tool.name() + " is not in the AuthCatalogue");
                    }
                })
                .map(specifications::toSpecification)
                .toList();
    }
}

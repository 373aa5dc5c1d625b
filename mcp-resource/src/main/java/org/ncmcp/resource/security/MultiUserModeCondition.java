package org.ncmcp.resource.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The deployment mode is decided once, here: a configured {@code mcp.auth.issuer} (the auth-broker)
 * means multi-user mode, anything else single-user mode. Beans pick a side with
 * {@link ConditionalOnMultiUserMode} or {@link ConditionalOnSingleUserMode}; tools never ask.
 */
public final class MultiUserModeCondition implements Condition {

    /** The property whose presence selects multi-user mode (environment variable {@code MCP_AUTH_ISSUER}). */
    public static final String ISSUER_PROPERTY = "mcp.auth.issuer";

    public static boolean isMultiUser(Environment environment) {
        // Blank counts as unset, so `MCP_AUTH_ISSUER=` in a compose file keeps single-user mode.
        return StringUtils.hasText(environment.getProperty(ISSUER_PROPERTY));
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isMultiUser(context.getEnvironment());
    }

    /** The negation, for {@link ConditionalOnSingleUserMode}. */
    public static final class SingleUser implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !isMultiUser(context.getEnvironment());
        }
    }
}

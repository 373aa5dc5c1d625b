package org.ncmcp.resource.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Active only in multi-user mode: {@code mcp.auth.issuer} is set (see {@link MultiUserModeCondition}). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(MultiUserModeCondition.class)
public @interface ConditionalOnMultiUserMode {
}

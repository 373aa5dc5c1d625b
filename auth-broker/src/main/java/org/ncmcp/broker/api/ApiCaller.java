package org.ncmcp.broker.api;

import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who is calling the API and what they may touch. The token's {@code sub} is the person's broker subject; whether
 * they are an administrator is the {@code admin} flag recorded from the IdP claim at their latest sign-in
 * ({@code broker.admin.claim}), read per request so a demotion takes effect at the next sign-in, not the next token.
 */
@Component
public class ApiCaller {

    /** The {@code {id}} that names the caller themselves. */
    public static final String ME = "me";

    /** The signed-in caller: their subject and whether they administer the broker. */
    public record Caller(String subject, boolean admin) {

        /** How audit events name who did something to {@code target}'s record "the user" only when it is their own. */
        public String actorOn(String target) {
            return subject.equals(target) ? "the user" : "admin " + subject;
        }
    }

    private final BrokerUsers users;

    public ApiCaller(BrokerUsers users) {
        this.users = users;
    }

    public Caller current() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            throw ApiProblems.forbidden("This API takes bearer access tokens only.");
        }
        String subject = token.getToken().getSubject();
        boolean admin = users.find(subject).map(BrokerUser::admin).orElse(false);
        return new Caller(subject, admin);
    }

    /**
     * The subject {@code id} names ({@code me} is the caller), after checking the caller may act on it: their own
     * record, or anyone's for an administrator. A person who never signed in here is a 404.
     */
    public BrokerUser userFor(String id) {
        Caller caller = current();
        String subject = ME.equals(id) ? caller.subject() : id;
        if (!caller.admin() && !subject.equals(caller.subject())) {
            throw ApiProblems.forbidden("You may read and change only your own access (use '" + ME
                    + "'); other people's records need an administrator.");
        }
        return users.find(subject).orElseThrow(() -> ApiProblems.notFound("No user '" + subject
                + "' has signed in to this broker."));
    }

    /** The caller, who must be an administrator. */
    public Caller requireAdmin() {
        Caller caller = current();
        if (!caller.admin()) {
            throw ApiProblems.forbidden("This endpoint is for administrators (the IdP claim broker.admin.claim with"
                    + " one of broker.admin.values, read at sign-in).");
        }
        return caller;
    }
}

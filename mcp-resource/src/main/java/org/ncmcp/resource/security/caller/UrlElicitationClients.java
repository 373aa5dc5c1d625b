package org.ncmcp.resource.security.caller;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Whether the client on this request handles URL-mode elicitation (MCP 2025-11-25), which decides how a tool
 * asks the person to connect Nextcloud: the -32042 error, or a tool result with the URL for everyone else.
 * <ul>
 * <li>2026-07-28 clients declare their capabilities in every request's {@code _meta}: that is authoritative.</li>
 * <li>2025-11-25 clients declare them once, in {@code initialize}. This server is stateless, so the declaration is
 * remembered per (person, OAuth client) in this replica's memory only; a replica that did not see the
 * {@code initialize} answers with the tool result, which every client can show.</li>
 * </ul>
 */
@Component
public class UrlElicitationClients {

    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    private static final int REMEMBERED = 10_000;

    private final CurrentCaller callers;
    private final Set<String> declared = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public UrlElicitationClients(CurrentCaller callers) {
        this.callers = callers;
    }

    /** Records what an {@code initialize} request's {@code params.capabilities} say. */
    public void rememberInitialize(CallerIdentity caller, JsonNode params) {
        String key = key(caller);
        if (params.path("capabilities").path("elicitation").has("url")) {
            declared.add(key);
        } else {
            declared.remove(key);
        }
    }

    public boolean supportsUrlElicitation(CallToolRequest request) {
        Map<String, Object> meta = request.meta();
        if (meta != null && meta.get(META_CAPABILITIES) instanceof Map<?, ?> capabilities) {
            return capabilities.get("elicitation") instanceof Map<?, ?> elicitation && elicitation.containsKey("url");
        }
        return callers.get().map(caller -> declared.contains(key(caller))).orElse(false);
    }

    private static String key(CallerIdentity caller) {
        return caller.subject() + "\u0000" + caller.clientId();
    }
}

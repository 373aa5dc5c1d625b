package org.ncmcp.resource.apps.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ncmcp.model.lease.ProvisioningProtocol;
import org.ncmcp.model.lease.ProvisioningStatus;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.model.scope.UnknownScopeException;
import org.ncmcp.model.tool.AuthCatalogue;
import org.ncmcp.resource.apps.account.AccountToolModels.AccountStatus;
import org.ncmcp.resource.apps.account.AccountToolModels.NoInput;
import org.ncmcp.resource.apps.account.AccountToolModels.ProvisionInput;
import org.ncmcp.resource.apps.account.AccountToolModels.UpdateScopesInput;
import org.ncmcp.resource.credentials.lease.BrokerLeaseClient;
import org.ncmcp.resource.credentials.lease.LeaseCache;
import org.ncmcp.resource.nextcloud.NextcloudUnavailableException;
import org.ncmcp.resource.security.caller.CallerIdentity;
import org.ncmcp.resource.security.caller.CurrentCaller;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.tool.NextcloudTool;

/**
 * {@code nc_auth_provision_access}, {@code nc_auth_check_status} and {@code nc_auth_update_scopes}: an assistant
 * drives connecting the caller's Nextcloud account explicitly. The connecting itself happens in the person's
 * browser at the broker (the URL these tools return); the tools never see a secret.
 */
final class AccountTools {

    private final CurrentCaller callers;
    private final BrokerLeaseClient broker;
    private final LeaseCache cache;

    AccountTools(CurrentCaller callers, BrokerLeaseClient broker, LeaseCache cache) {
        this.callers = callers;
        this.broker = broker;
        this.cache = cache;
    }

    List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(AuthCatalogue.PROVISION_ACCESS, "Connect your Nextcloud account so the other tools can"
                        + " use it. Returns a URL to open in a browser (status login_required), or says it is already"
                        + " connected or waiting for approval.", ProvisionInput.class, AccountStatus.class, this::provision),
                NextcloudTool.of(AuthCatalogue.CHECK_STATUS, "Whether your Nextcloud account is connected (provisioned,"
                        + " pending, not_initiated or error), with the scopes you allowed. Checks a pending connection"
                        + " with Nextcloud.", NoInput.class, AccountStatus.class, input -> status()),
                NextcloudTool.of(AuthCatalogue.UPDATE_SCOPES, "Change which Nextcloud data your assistant may use."
                        + " Returns a URL where you approve the change (login_required), or unchanged. Your current"
                        + " connection keeps working until the new one is approved.", UpdateScopesInput.class,
                        AccountStatus.class, this::updateScopes));
    }

    private AccountStatus provision(ProvisionInput input) {
        CallerIdentity caller = callers.require();
        ScopeSet wanted = input.scopes() == null || input.scopes().isEmpty() ? caller.tokenScopes() : parse(input.scopes());
        Map<String, Object> state = statusOf(caller);
        String status = String.valueOf(state.get(ProvisioningProtocol.FIELD_STATUS));
        String url = connectUrl(state, wanted, false);
        return switch (ProvisioningStatus.tryParse(status).orElse(ProvisioningStatus.ERROR)) {
            case PROVISIONED -> view("already_provisioned", null, "Your Nextcloud account is already connected. Use"
                    + " nc_auth_update_scopes to change what your assistant may use.", state);
            case PENDING -> view("pending", url, "A connection is waiting for your approval in Nextcloud. Open the URL"
                    + " if you closed that page.", state);
            case DECLINED -> view("declined", url, "You chose not to connect Nextcloud. Open the URL to connect after"
                    + " all.", state);
            case CANCELLED -> view("cancelled", url, detail(state, "The last connection attempt was cancelled or"
                    + " expired.") + " Open the URL to start again.", state);
            case ERROR -> view("error", url, detail(state, "The last connection attempt failed.")
                    + " Open the URL to try again.", state);
            case NOT_INITIATED -> view("login_required", url, "Open this URL in your browser, sign in and approve"
                    + " access in Nextcloud; then call nc_auth_check_status.", state);
        };
    }

    private AccountStatus status() {
        CallerIdentity caller = callers.require();
        Map<String, Object> state = statusOf(caller);
        ProvisioningStatus status = ProvisioningStatus.tryParse(String.valueOf(state.get(ProvisioningProtocol.FIELD_STATUS)))
                .orElse(ProvisioningStatus.ERROR);
        rememberGrant(caller, state, status);
        return switch (status) {
            case PROVISIONED -> view("provisioned", null, "Your Nextcloud account is connected.", state);
            case PENDING -> view("pending", connectUrl(state, caller.tokenScopes(), false), "Waiting for your approval"
                    + " in Nextcloud.", state);
            case ERROR -> view("error", connectUrl(state, caller.tokenScopes(), false),
                    detail(state, "Connecting failed."), state);
            case NOT_INITIATED, DECLINED, CANCELLED -> view("not_initiated",
                    connectUrl(state, caller.tokenScopes(), false), detail(state,
                            "Your Nextcloud account is not connected; use nc_auth_provision_access."), state);
        };
    }

    private AccountStatus updateScopes(UpdateScopesInput input) {
        CallerIdentity caller = callers.require();
        ScopeSet add = input.add_scopes() == null ? ScopeSet.empty() : parse(input.add_scopes());
        ScopeSet remove = input.remove_scopes() == null ? ScopeSet.empty() : parse(input.remove_scopes());
        Map<String, Object> state = statusOf(caller);
        if (!ProvisioningStatus.PROVISIONED.value().equals(state.get(ProvisioningProtocol.FIELD_STATUS))) {
            return view("login_required", connectUrl(state, add.isEmpty() ? caller.tokenScopes() : add, false),
                    "Your Nextcloud account is not connected yet; open the URL to connect it with the scopes you want.",
                    state);
        }
        ScopeSet current = granted(state);
        List<org.ncmcp.model.scope.Scope> next = new ArrayList<>(current.union(add).asSet());
        next.removeAll(remove.asSet());
        ScopeSet wanted = ScopeSet.of(next);
        if (wanted.isEmpty()) {
            return view("error", null, "You cannot remove every scope. To disconnect Nextcloud entirely, use the"
                    + " Disconnect button on the broker's account page.", state);
        }
        if (wanted.asSet().equals(current.asSet())) {
            return view("unchanged", null, "Nothing to change: you already allow " + current.format() + ".", state);
        }
        return view("login_required", connectUrl(state, wanted, true), "Open the URL and approve in Nextcloud to allow"
                + " exactly: " + wanted.format() + ". Your current connection keeps working until then; afterwards its"
                + " app password is deleted at Nextcloud.", state);
    }

    private Map<String, Object> statusOf(CallerIdentity caller) {
        try {
            return broker.status(caller.accessToken());
        } catch (BrokerLeaseClient.BrokerUnavailableException unavailable) {
            throw new NextcloudUnavailableException(0, unavailable.getMessage());
        }
    }

    private void rememberGrant(CallerIdentity caller, Map<String, Object> state, ProvisioningStatus status) {
        cache.rememberGrant(caller.subject(), status == ProvisioningStatus.PROVISIONED, granted(state));
    }

    private AccountStatus view(String status, String url, String message, Map<String, Object> state) {
        Object kind = state.get(ProvisioningProtocol.FIELD_KIND);
        Object user = state.get(ProvisioningProtocol.FIELD_NEXTCLOUD_USER);
        ScopeSet granted = granted(state);
        return new AccountStatus(status, url, message, granted.isEmpty() ? null
                : granted.asSet().stream().map(org.ncmcp.model.scope.Scope::value).toList(),
                kind == null ? null : kind.toString(), user == null ? null : user.toString());
    }

    private String connectUrl(Map<String, Object> state, ScopeSet scopes, boolean replace) {
        Object page = state.get(ProvisioningProtocol.FIELD_PROVISIONING_URI);
        String base = page == null ? broker.connectPage() : page.toString();
        StringBuilder url = new StringBuilder(base);
        String separator = base.contains("?") ? "&" : "?";
        if (!scopes.isEmpty()) {
            url.append(separator).append("scope=").append(URLEncoder.encode(scopes.format(), StandardCharsets.UTF_8));
            separator = "&";
        }
        if (replace) {
            url.append(separator).append("replace=true");
        }
        return url.toString();
    }

    private static ScopeSet granted(Map<String, Object> state) {
        Object scopes = state.get(ProvisioningProtocol.FIELD_GRANTED_SCOPE);
        return scopes instanceof String text ? ScopeSet.parse(text) : ScopeSet.empty();
    }

    private static String detail(Map<String, Object> state, String fallback) {
        Object detail = state.get(ProvisioningProtocol.FIELD_DETAIL);
        return detail == null ? fallback : detail.toString();
    }

    private static ScopeSet parse(List<String> scopes) {
        try {
            return ScopeSet.parse(String.join(" ", scopes));
        } catch (UnknownScopeException unknown) {
            throw new InvalidToolInputException(unknown.getMessage());
        }
    }
}

package org.ncmcp.e2e.simulator.state;

/**
 * A Nextcloud account. The login name (what Basic auth uses) may differ from the user id (what paths
 * use), as with email logins (nextcloud-api.md §1.6).
 */
public record SimulatorUser(String userId, String loginName, String displayName, String email, String loginPassword) {

    @Override
    public String toString() {
        return "SimulatorUser[" + userId + ", login=" + loginName + "]";
    }
}

package org.ncmcp.e2e.simulator.state;

/**
 * Who made a request. {@code appPassword} is null when the caller used the login password, which
 * Nextcloud treats differently ({@code getapppassword} needs it; rotate and delete need an app password).
 */
public record Caller(SimulatorUser user, String appPassword) {

    public boolean usesAppPassword() {
        return appPassword != null;
    }

    @Override
    public String toString() {
        return "Caller[" + user.userId() + ", appPassword=" + (appPassword == null ? "no" : "yes") + "]";
    }
}

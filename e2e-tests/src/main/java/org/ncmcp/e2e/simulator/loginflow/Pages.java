package org.ncmcp.e2e.simulator.loginflow;

/** The HTML of the Login Flow pages: plain, but real forms a browser fills in and submits. */
final class Pages {

    private Pages() {
    }

    static String login(String clientName, String stateToken, String error) {
        return page("Log in – Nextcloud", "<h1>Connect to your account</h1>"
                + "<p>Please log in before granting <strong>" + escape(clientName) + "</strong> access to your account.</p>"
                + (error == null ? "" : "<p class=\"warning\" role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/index.php/login/v2/flow\">"
                + "<input type=\"hidden\" name=\"stateToken\" value=\"" + escape(stateToken) + "\">"
                + "<label>Account name or email <input id=\"user\" name=\"user\" autocomplete=\"username\" required></label>"
                + "<label>Password <input id=\"password\" name=\"password\" type=\"password\" required></label>"
                + "<button id=\"submit-form\" type=\"submit\">Log in</button></form>");
    }

    static String grant(String clientName, String displayName, String stateToken) {
        return page("Account access – Nextcloud", "<h1>Account access</h1>"
                + "<p>Currently logged in as <strong>" + escape(displayName) + "</strong>.</p>"
                + "<p>You are about to grant <strong>" + escape(clientName) + "</strong> access to your Nextcloud"
                + " account.</p>"
                + "<form method=\"post\" action=\"/index.php/login/v2/grant\">"
                + "<input type=\"hidden\" name=\"stateToken\" value=\"" + escape(stateToken) + "\">"
                + "<button id=\"submit-grant\" type=\"submit\">Grant access</button></form>");
    }

    static String done(String clientName) {
        return page("Account connected – Nextcloud", "<h1>Account connected</h1><p>Your client <strong>"
                + escape(clientName) + "</strong> should now be connected. You can close this window.</p>");
    }

    static String error(String message) {
        return page("Error – Nextcloud", "<h1>Access forbidden</h1><p class=\"error\">" + escape(message) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body>" + body + "</body></html>";
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}

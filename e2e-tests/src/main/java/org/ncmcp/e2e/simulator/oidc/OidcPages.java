package org.ncmcp.e2e.simulator.oidc;

import java.util.Map;

/** The HTML of the Nextcloud login page and the oidc app's pages: plain, but real forms and scripts a browser runs. */
final class OidcPages {

    private OidcPages() {
    }

    /** Nextcloud's login form ({@code core/Controller/LoginController::showLoginForm}). */
    static String login(String requestToken, String redirectUrl, String user, String error) {
        return page("Login – Nextcloud", "<h1>Log in to Nextcloud</h1>"
                + (error == null ? "" : "<p class=\"warning\" role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" name=\"login\" action=\"/index.php/login\">"
                + "<input type=\"hidden\" name=\"requesttoken\" value=\"" + escape(requestToken) + "\">"
                + (redirectUrl == null ? "" : "<input type=\"hidden\" name=\"redirect_url\" value=\"" + escape(redirectUrl) + "\">")
                + "<label>Account name or email <input id=\"user\" name=\"user\" autocomplete=\"username\" value=\""
                + escape(user) + "\" required></label>"
                + "<label>Password <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
                + " required></label>"
                + "<button id=\"submit-form\" type=\"submit\">Log in</button></form>");
    }

    /**
     * The app's {@code /redirect} page: the authorization parameters as {@code data-*} attributes, and a script that
     * continues to {@code authorize} with them (the app's Vue component does the same). Clients without JavaScript,
     * such as tests driving the flow over HTTP, get the same request as a GET form in {@code <noscript>}.
     */
    static String redirect(Map<String, String> parameters) {
        StringBuilder attributes = new StringBuilder();
        StringBuilder inputs = new StringBuilder();
        parameters.forEach((name, value) -> {
            attributes.append(" data-").append(name.replace('_', '-')).append("=\"").append(escape(value)).append('"');
            inputs.append("<input type=\"hidden\" name=\"").append(escape(name)).append("\" value=\"").append(escape(value))
                    .append("\">");
        });
        return page("Nextcloud", "<div id=\"oidc-redirect\"" + attributes + "><h2>OpenID Connect Redirect</h2>"
                + "<noscript><form id=\"oidc-continue\" method=\"get\" action=\"/index.php/apps/oidc/authorize\">" + inputs
                + "<button type=\"submit\">Continue</button></form></noscript></div>"
                + "<script>(function () {"
                + "var el = document.getElementById('oidc-redirect'); var params = new URLSearchParams();"
                + "['client_id','state','response_type','redirect_uri','scope','nonce','resource','code_challenge',"
                + "'code_challenge_method','prompt','max_age','response_mode','claims'].forEach(function (key) {"
                + "var value = el.getAttribute('data-' + key.replace(/_/g, '-')); if (value) { params.append(key, value); }});"
                + "var query = params.toString();"
                + "window.location.replace('/index.php/apps/oidc/authorize' + (query ? '?' + query : ''));"
                + "})();</script>");
    }

    /** Nextcloud's guest error template ({@code core/templates/403.php}, {@code 400.php}). */
    static String error(int status, String message) {
        String title = status == 403 ? "Access forbidden" : status == 400 ? "Bad request" : "Error";
        return page(title + " – Nextcloud", "<h2>" + title + "</h2><p class=\"error\">" + escape(message) + "</p>");
    }

    /** {@code response_mode=form_post} (FormPostResponse): a form the browser posts to the redirect URI. */
    static String formPost(String action, Map<String, String> fields) {
        StringBuilder inputs = new StringBuilder();
        fields.forEach((name, value) -> inputs.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        return page("Submit – Nextcloud", "<form method=\"post\" action=\"" + escape(action) + "\">" + inputs
                + "<noscript><button type=\"submit\">Continue</button></noscript></form>"
                + "<script>document.forms[0].submit();</script>");
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

package org.ncmcp.resource.apps.contacts;

import java.text.Normalizer;
import java.util.Locale;
import org.ncmcp.resource.tool.InvalidToolInputException;

/**
 * Address book and contact ids are single path segments in the user's address book home; checked here so no id
 * can reach another collection ({@code ..}, slashes, URLs).
 */
final class ContactIds {

    private ContactIds() {
    }

    static String addressBook(String id) {
        return segment(id, "address book id");
    }

    static String card(String id) {
        return segment(id, "contact id");
    }

    /** An id for a new address book made from its name, the way Nextcloud Contacts does: Work Mates → work-mates. */
    static String slug(String displayName) {
        String ascii = Normalizer.normalize(displayName, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "address-book" : slug.length() > 64 ? slug.substring(0, 64) : slug;
    }

    private static String segment(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new InvalidToolInputException("the " + what + " is empty.");
        }
        if (id.equals(".") || id.equals("..") || id.contains("/") || id.contains("\\") || id.contains("%")
                || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || id.length() > 255) {
            throw new InvalidToolInputException("the " + what + " '" + id.replaceAll("\\p{Cntrl}", "?")
                    + "' is not usable: give the id exactly as the list tools return it (no slashes, '%' or '..').");
        }
        return id;
    }
}

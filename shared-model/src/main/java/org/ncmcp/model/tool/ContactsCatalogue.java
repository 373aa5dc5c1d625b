package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.CONTACTS;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The contacts (CardDAV) tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class ContactsCatalogue {

    public static final String LIST_ADDRESS_BOOKS_NAME = "nc_contacts_list_address_books";
    public static final String LIST_CONTACTS_NAME = "nc_contacts_list_contacts";
    public static final String CREATE_ADDRESS_BOOK_NAME = "nc_contacts_create_address_book";
    public static final String DELETE_ADDRESS_BOOK_NAME = "nc_contacts_delete_address_book";
    public static final String CREATE_CONTACT_NAME = "nc_contacts_create_contact";
    public static final String UPDATE_CONTACT_NAME = "nc_contacts_update_contact";
    public static final String DELETE_CONTACT_NAME = "nc_contacts_delete_contact";

    public static final ToolInfo LIST_ADDRESS_BOOKS = read(LIST_ADDRESS_BOOKS_NAME, "List address books");
    public static final ToolInfo LIST_CONTACTS = read(LIST_CONTACTS_NAME, "List contacts");
    // Only adds an address book; a second call with the same id finds it there and changes nothing.
    public static final ToolInfo CREATE_ADDRESS_BOOK = new ToolInfo(CREATE_ADDRESS_BOOK_NAME, "Create address book",
            Scope.write(CONTACTS), new ToolHints(false, false, true, false));
    public static final ToolInfo DELETE_ADDRESS_BOOK = new ToolInfo(DELETE_ADDRESS_BOOK_NAME, "Delete address book",
            Scope.write(CONTACTS), ToolHints.delete());
    // Each call adds a new contact (a fresh UID): additive, not idempotent.
    public static final ToolInfo CREATE_CONTACT = new ToolInfo(CREATE_CONTACT_NAME, "Create contact",
            Scope.write(CONTACTS), ToolHints.additive());
    // Replaces the given fields' old values: destructive; the same update again changes nothing more.
    public static final ToolInfo UPDATE_CONTACT = new ToolInfo(UPDATE_CONTACT_NAME, "Update contact",
            Scope.write(CONTACTS), ToolHints.update());
    public static final ToolInfo DELETE_CONTACT = new ToolInfo(DELETE_CONTACT_NAME, "Delete contact",
            Scope.write(CONTACTS), ToolHints.delete());

    /** Every contacts tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(LIST_ADDRESS_BOOKS, LIST_CONTACTS, CREATE_ADDRESS_BOOK,
            DELETE_ADDRESS_BOOK, CREATE_CONTACT, UPDATE_CONTACT, DELETE_CONTACT);

    private ContactsCatalogue() {
    }

    private static ToolInfo read(String name, String title) {
        return new ToolInfo(name, title, Scope.read(CONTACTS), ToolHints.read());
    }
}

package org.ncmcp.resource.apps.contacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.ncmcp.model.tool.ContactsCatalogue;
import org.ncmcp.resource.apps.contacts.CardDavXml.Entry;
import org.ncmcp.resource.apps.contacts.ContactsClient.StoredCard;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.AddressBookCreated;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.AddressBookDeleted;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.AddressBookInfo;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.AddressBookInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.AddressBookList;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.Contact;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.ContactDeleted;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.ContactList;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.CreateAddressBookInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.CreateContactInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.DeleteContactInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.ListContactsInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.NoInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.UpdateContactInput;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The seven Contacts (CardDAV) tools. */
public class ContactsTools implements ToolSet {

    private static final int DEFAULT_LIMIT = 100;

    private final ContactsClient contacts;

    public ContactsTools(ContactsClient contacts) {
        this.contacts = contacts;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(ContactsCatalogue.LIST_ADDRESS_BOOKS, "List your address books with their ids,"
                        + " names and descriptions.", NoInput.class, AddressBookList.class, input -> addressBooks()),
                NextcloudTool.of(ContactsCatalogue.LIST_CONTACTS, "List the contacts of an address book (name,"
                        + " emails, phones, organization, birthday, note, etag), optionally only those matching a"
                        + " text.", ListContactsInput.class, ContactList.class, this::listContacts),
                NextcloudTool.of(ContactsCatalogue.CREATE_ADDRESS_BOOK, "Create an address book. An existing id is"
                        + " an error and nothing changes.", CreateAddressBookInput.class, AddressBookCreated.class,
                        this::createAddressBook),
                NextcloudTool.of(ContactsCatalogue.DELETE_ADDRESS_BOOK, "Delete an address book with all its"
                        + " contacts.", AddressBookInput.class, AddressBookDeleted.class, this::deleteAddressBook),
                NextcloudTool.of(ContactsCatalogue.CREATE_CONTACT, "Add a contact to an address book.",
                        CreateContactInput.class, Contact.class, this::createContact),
                NextcloudTool.of(ContactsCatalogue.UPDATE_CONTACT, "Change some fields of a contact: only the fields"
                        + " you give change; everything else on the card (addresses, photo, other apps' data) stays."
                        + " With the etag you read, a contact changed since is not overwritten: the error gives the"
                        + " current etag.", UpdateContactInput.class, Contact.class, this::updateContact),
                NextcloudTool.of(ContactsCatalogue.DELETE_CONTACT, "Delete a contact (with an etag: only that"
                        + " version).", DeleteContactInput.class, ContactDeleted.class, this::deleteContact));
    }

    private AddressBookList addressBooks() {
        List<AddressBookInfo> books = contacts.addressBooks().stream().map(this::info)
                .sorted(Comparator.comparing(book -> book.displayName().toLowerCase(Locale.ROOT))).toList();
        return new AddressBookList(books.size(), books);
    }

    private ContactList listContacts(ListContactsInput input) {
        int limit = input.limit() == null ? DEFAULT_LIMIT : input.limit();
        List<Contact> found = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (StoredCard stored : contacts.cards(input.addressBook())) {
            try {
                Contact contact = ContactCards.toContact(input.addressBook(), stored.id(), stored.etag(),
                        VCard.parse(stored.data()));
                if (input.query() == null || input.query().isBlank() || ContactCards.matches(contact, input.query())) {
                    found.add(contact);
                }
            } catch (IllegalArgumentException notAVCard) {
                unreadable.add(stored.id());
            }
        }
        found.sort(Comparator.comparing((Contact c) -> c.fullName().toLowerCase(Locale.ROOT))
                .thenComparing(Contact::id));
        return new ContactList(input.addressBook(), Math.min(limit, found.size()), found.size() > limit,
                found.subList(0, Math.min(limit, found.size())), unreadable);
    }

    private AddressBookCreated createAddressBook(CreateAddressBookInput input) {
        String id = input.id() == null || input.id().isBlank() ? ContactIds.slug(input.displayName()) : input.id();
        contacts.createAddressBook(ContactIds.addressBook(id), input.displayName().trim(),
                input.description() == null || input.description().isBlank() ? null : input.description());
        return new AddressBookCreated(id, input.displayName().trim());
    }

    private AddressBookDeleted deleteAddressBook(AddressBookInput input) {
        contacts.deleteAddressBook(input.addressBook());
        return new AddressBookDeleted(input.addressBook(), true);
    }

    private Contact createContact(CreateContactInput input) {
        String uid = UUID.randomUUID().toString();
        VCard card = ContactCards.create(input, uid);
        // Nextcloud's Contacts app names cards <uid>.vcf; the name only has to be unique in the address book
        String id = uid + ".vcf";
        String etag = contacts.create(input.addressBook(), id, card.serialize());
        return ContactCards.toContact(input.addressBook(), id, etag, card);
    }

    private Contact updateContact(UpdateContactInput input) {
        StoredCard current = contacts.card(input.addressBook(), input.id());
        if (input.etag() != null && current.etag() != null
                && !NextcloudResponse.unquoteEtag(input.etag()).equals(current.etag())) {
            // Known stale before writing: say so without a doomed PUT (the PUT's If-Match guards the race after)
            throw ContactsClient.changedSince(412, input.addressBook(), input.id(), input.etag(), current.etag(),
                    "Nothing was written. Read it again with nc_contacts_list_contacts, and repeat your change with"
                            + " the current etag.");
        }
        VCard card;
        try {
            card = VCard.parse(current.data());
        } catch (IllegalArgumentException notAVCard) {
            throw new NextcloudProtocolException(200, "Contact '" + input.id() + "' is not a readable vCard ("
                    + notAVCard.getMessage() + "); it was left unchanged.");
        }
        ContactCards.update(card, input);
        String etag = input.etag() != null ? input.etag() : current.etag();
        if (etag == null) {
            throw new NextcloudProtocolException(200, "Nextcloud gave no etag for contact '" + input.id() + "', so it"
                    + " cannot be updated safely; nothing was written.");
        }
        String newEtag = contacts.update(input.addressBook(), input.id(), card.serialize(), etag);
        return ContactCards.toContact(input.addressBook(), input.id(), newEtag, card);
    }

    private ContactDeleted deleteContact(DeleteContactInput input) {
        contacts.delete(input.addressBook(), input.id(), input.etag());
        return new ContactDeleted(input.addressBook(), input.id(), true);
    }

    private AddressBookInfo info(Entry entry) {
        String href = entry.href().endsWith("/") ? entry.href().substring(0, entry.href().length() - 1) : entry.href();
        String id = href.substring(href.lastIndexOf('/') + 1);
        return new AddressBookInfo(id, entry.displayName() == null ? id : entry.displayName(),
                entry.description() == null ? "" : entry.description(), entry.ctag() == null ? "" : entry.ctag());
    }
}

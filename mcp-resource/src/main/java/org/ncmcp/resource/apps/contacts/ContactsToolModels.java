package org.ncmcp.resource.apps.contacts;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Inputs and outputs of the Contacts tools; their JSON schemas are generated from these records. */
final class ContactsToolModels {

    private ContactsToolModels() {
    }

    // --- inputs -------------------------------------------------------------------------------

    record NoInput() {
    }

    record ListContactsInput(
            @Schema(description = "Id of the address book, as nc_contacts_list_address_books gives it.",
                    example = "contacts") @NotBlank @Size(max = 255) String addressBook,
            @Schema(description = "Only contacts whose name, email, phone or organization contains this text"
                    + " (case-insensitive).", example = "doe", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String query,
            @Schema(description = "Most contacts to return (1-500, default 100).", example = "100",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(500) Integer limit) {
    }

    record CreateAddressBookInput(
            @Schema(description = "Name shown in Nextcloud.", example = "Work") @NotBlank @Size(max = 200)
            String displayName,
            @Schema(description = "Id (one path segment) for the new address book; default made from the name.",
                    example = "work", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 64) String id,
            @Schema(description = "Description.", example = "Colleagues and clients",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 1000) String description) {
    }

    record AddressBookInput(
            @Schema(description = "Id of the address book, as nc_contacts_list_address_books gives it.",
                    example = "work") @NotBlank @Size(max = 255) String addressBook) {
    }

    @Schema(description = "An email address, phone number or web address with its kind.")
    record LabeledValue(
            @Schema(description = "The address or number.", example = "jane@example.com") @NotBlank @Size(max = 500)
            String value,
            @Schema(description = "Kind, e.g. home, work, cell (phones); empty when none.", example = "work",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50) String type) {
    }

    record CreateContactInput(
            @Schema(description = "Address book to add the contact to.", example = "contacts") @NotBlank
            @Size(max = 255) String addressBook,
            @Schema(description = "Name as displayed; default given and family name joined.", example = "Jane Doe",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String fullName,
            @Schema(description = "Given (first) name.", example = "Jane", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String givenName,
            @Schema(description = "Family (last) name.", example = "Doe", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String familyName,
            @Schema(description = "Nickname.", example = "JD", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String nickname,
            @Schema(description = "Organization (company).", example = "Example Corp",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String organization,
            @Schema(description = "Job title.", example = "Engineer", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String title,
            @Schema(description = "Email addresses.", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50)
            List<@Valid LabeledValue> emails,
            @Schema(description = "Phone numbers.", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50)
            List<@Valid LabeledValue> phones,
            @Schema(description = "Birthday as YYYY-MM-DD, or --MM-DD without the year.", example = "1990-05-17",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String birthday,
            @Schema(description = "Free-text note.", example = "Met at the conference",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 10000) String note) {
    }

    record UpdateContactInput(
            @Schema(description = "Address book of the contact.", example = "contacts") @NotBlank @Size(max = 255)
            String addressBook,
            @Schema(description = "Id of the contact, as nc_contacts_list_contacts gives it.",
                    example = "5e1b2c3d-0000-4000-8000-000000000001.vcf") @NotBlank @Size(max = 255) String id,
            @Schema(description = "The etag from when you read the contact: if it changed since, nothing is written"
                    + " and the error gives the current etag. Omit to change the current version.",
                    example = "75b10177602cb04a01b3292f13a73d53", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String etag,
            @Schema(description = "New display name; empty string removes it. Omitted fields stay as they are.",
                    example = "Jane Smith", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String fullName,
            @Schema(description = "New given name.", example = "Jane", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String givenName,
            @Schema(description = "New family name.", example = "Smith", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String familyName,
            @Schema(description = "New nickname; empty string removes it.", example = "JS",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String nickname,
            @Schema(description = "New organization; empty string removes it.", example = "Example Corp",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String organization,
            @Schema(description = "New job title; empty string removes it.", example = "Manager",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String title,
            @Schema(description = "All email addresses the contact should have (replaces the list; an address that"
                    + " stays keeps its details). Omit to keep them.", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 50) List<@Valid LabeledValue> emails,
            @Schema(description = "All phone numbers the contact should have (replaces the list). Omit to keep them.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50) List<@Valid LabeledValue> phones,
            @Schema(description = "New birthday (YYYY-MM-DD or --MM-DD); empty string removes it.",
                    example = "1990-05-17", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String birthday,
            @Schema(description = "New note; empty string removes it.", example = "Prefers email",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 10000) String note) {
    }

    record DeleteContactInput(
            @Schema(description = "Address book of the contact.", example = "contacts") @NotBlank @Size(max = 255)
            String addressBook,
            @Schema(description = "Id of the contact, as nc_contacts_list_contacts gives it.",
                    example = "5e1b2c3d-0000-4000-8000-000000000001.vcf") @NotBlank @Size(max = 255) String id,
            @Schema(description = "Delete only if the contact still has this etag.",
                    example = "75b10177602cb04a01b3292f13a73d53", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 200) String etag) {
    }

    // --- outputs ------------------------------------------------------------------------------

    @Schema(description = "An address book.")
    record AddressBookInfo(
            @Schema(description = "Id; pass it as addressBook to the other tools.") String id,
            @Schema(description = "Name shown in Nextcloud.") String displayName,
            @Schema(description = "Description; empty when none.") String description,
            @Schema(description = "Changes whenever a contact in it changes (CardDAV ctag); empty if the server"
                    + " does not tell.") String ctag) {
    }

    @Schema(description = "Your address books.")
    record AddressBookList(
            @Schema(description = "Number of address books.") int count,
            @Schema(description = "Address books.") List<AddressBookInfo> addressBooks) {
    }

    @Schema(description = "A contact.")
    record Contact(
            @Schema(description = "Address book id.") String addressBook,
            @Schema(description = "Id of the contact in its address book; pass it to update or delete.") String id,
            @Schema(description = "vCard UID.") String uid,
            @Schema(description = "Version tag; pass it to update or delete only this version.") String etag,
            @Schema(description = "Display name.") String fullName,
            @Schema(description = "Given name.") String givenName,
            @Schema(description = "Family name.") String familyName,
            @Schema(description = "Nickname.") String nickname,
            @Schema(description = "Organization.") String organization,
            @Schema(description = "Job title.") String title,
            @Schema(description = "Email addresses.") List<LabeledValue> emails,
            @Schema(description = "Phone numbers.") List<LabeledValue> phones,
            @Schema(description = "Birthday as stored.") String birthday,
            @Schema(description = "Note.") String note,
            @Schema(description = "vCard version, 3.0 or 4.0.") String vcardVersion,
            @Schema(description = "Names of other vCard properties on the card (addresses, photo, extensions); they"
                    + " are kept unchanged by updates.") List<String> otherProperties) {
    }

    @Schema(description = "Contacts of an address book, sorted by name.")
    record ContactList(
            @Schema(description = "Address book id.") String addressBook,
            @Schema(description = "Number of contacts returned.") int count,
            @Schema(description = "True when more contacts matched than the limit.") boolean truncated,
            @Schema(description = "Contacts.") List<Contact> contacts,
            @Schema(description = "Ids of cards that could not be read as vCards (left untouched).")
            List<String> unreadable) {
    }

    @Schema(description = "An address book after creation.")
    record AddressBookCreated(
            @Schema(description = "Id of the new address book.") String id,
            @Schema(description = "Its name.") String displayName) {
    }

    @Schema(description = "The outcome of deleting an address book.")
    record AddressBookDeleted(
            @Schema(description = "Id.") String id,
            @Schema(description = "Always true; a failure is an error instead.") boolean deleted) {
    }

    @Schema(description = "The outcome of deleting a contact.")
    record ContactDeleted(
            @Schema(description = "Address book id.") String addressBook,
            @Schema(description = "Contact id.") String id,
            @Schema(description = "Always true; a failure is an error instead.") boolean deleted) {
    }
}

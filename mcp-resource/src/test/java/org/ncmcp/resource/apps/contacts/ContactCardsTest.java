package org.ncmcp.resource.apps.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.Contact;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.CreateContactInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.LabeledValue;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.UpdateContactInput;
import org.ncmcp.resource.tool.InvalidToolInputException;

/** The contact fields over vCards: an update changes only what it names and leaves every other line alone. */
class ContactCardsTest {

    private static final String APPLE_CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iOS 17//EN\r\n"
            + "N:Doe;Jane;Mary;Dr.;PhD\r\nFN:Dr. Jane Doe\r\nORG:Example Corp;Research\r\n"
            + "item1.EMAIL;type=INTERNET;type=WORK;type=pref:jane@work.example\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
            + "TEL;type=CELL;type=VOICE;type=pref:+1 555 0100\r\n"
            + "ADR;type=HOME:;;1 Main St.;Springfield;;12345;USA\r\n"
            + "X-SOCIALPROFILE;type=twitter:https://twitter.com/jane\r\nUID:apple-1\r\nEND:VCARD\r\n";

    private static UpdateContactInput update(String fullName, String givenName, String familyName, String organization,
            List<LabeledValue> emails, String birthday, String note) {
        return new UpdateContactInput("contacts", "apple-1.vcf", null, fullName, givenName, familyName, null,
                organization, null, emails, null, birthday, note);
    }

    @Test
    void aCardFromAnotherClientReadsAsItsFields() {
        Contact contact = ContactCards.toContact("contacts", "apple-1.vcf", "e1", VCard.parse(APPLE_CARD));

        assertThat(contact.fullName()).isEqualTo("Dr. Jane Doe");
        assertThat(contact.givenName()).isEqualTo("Jane");
        assertThat(contact.familyName()).isEqualTo("Doe");
        assertThat(contact.organization()).isEqualTo("Example Corp");
        assertThat(contact.emails()).containsExactly(new LabeledValue("jane@work.example", "work"));
        assertThat(contact.phones()).containsExactly(new LabeledValue("+1 555 0100", "cell"));
        assertThat(contact.uid()).isEqualTo("apple-1");
        assertThat(contact.otherProperties()).containsExactly("X-ABLABEL", "ADR", "X-SOCIALPROFILE");
    }

    @Test
    void anUpdateChangesOnlyTheGivenFieldsAndKeepsEveryOtherLineVerbatim() {
        VCard card = VCard.parse(APPLE_CARD);

        ContactCards.update(card, update(null, null, "Smith", null, null, null, "Met in Berlin, 2026; again soon"));

        assertThat(card.serialize()).isEqualTo(APPLE_CARD
                .replace("N:Doe;Jane;Mary;Dr.;PhD", "N:Smith;Jane;Mary;Dr.;PhD")
                .replace("UID:apple-1\r\n", "UID:apple-1\r\nNOTE:Met in Berlin\\, 2026\\; again soon\r\n"));
    }

    @Test
    void replacedEmailsKeepTheOnesThatStayWithTheirGroupAndTypes() {
        VCard card = VCard.parse(APPLE_CARD);

        ContactCards.update(card, update(null, null, null, "Other Corp", List.of(
                new LabeledValue("jane@work.example", "work"), new LabeledValue("jane@home.example", "home")),
                "1990-05-17", null));

        String written = card.serialize();
        assertThat(written).contains("item1.EMAIL;type=INTERNET;type=WORK;type=pref:jane@work.example\r\n"
                + "EMAIL;TYPE=HOME:jane@home.example\r\nitem1.X-ABLabel")
                .contains("ORG:Other Corp;Research\r\n", "BDAY:1990-05-17\r\n");
    }

    @Test
    void emptyStringsRemoveFieldsButTheDisplayNameCannotBeEmptied() {
        VCard card = VCard.parse(APPLE_CARD);
        ContactCards.update(card, update(null, null, null, "", null, null, null));
        assertThat(card.first("ORG")).isEmpty();

        assertThatThrownBy(() -> ContactCards.update(card, update("", null, null, null, null, null, null)))
                .isInstanceOf(InvalidToolInputException.class).hasMessageContaining("fullName cannot be emptied");
        assertThatThrownBy(() -> ContactCards.update(card, update(null, null, null, null, null, "17.5.1990", null)))
                .isInstanceOf(InvalidToolInputException.class).hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void vCard4ValuesAreWrittenInVCard4Form() {
        VCard card = VCard.parse("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Max\r\n"
                + "TEL;VALUE=uri;TYPE=\"work,voice\":tel:+49-30-1234\r\nBDAY:--0517\r\nEND:VCARD\r\n");
        assertThat(ContactCards.toContact("b", "m.vcf", "", card).phones())
                .containsExactly(new LabeledValue("+49-30-1234", "work"));
        assertThat(ContactCards.toContact("b", "m.vcf", "", card).birthday()).isEqualTo("--05-17");

        ContactCards.update(card, new UpdateContactInput("b", "m.vcf", null, null, null, null, null, null, null,
                List.of(new LabeledValue("max@example.com", "Home")), null, "1985-01-02", null));

        assertThat(card.serialize()).contains("BDAY:19850102\r\n", "EMAIL;TYPE=home:max@example.com\r\n");
    }

    @Test
    void aNewContactIsAVCard3WithUidNameAndTheGivenFields() {
        VCard card = ContactCards.create(new CreateContactInput("contacts", null, "Jane", "Doe", null, "ACME; Inc.",
                null, List.of(new LabeledValue("jane@example.com", "work")), List.of(new LabeledValue("+1 555", null)),
                "--12-24", "line one\nline two"), "uid-1");

        assertThat(card.serialize()).isEqualTo("BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//nextcloud-mcp//Contacts//EN\r\n"
                + "UID:uid-1\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\nORG:ACME\\; Inc.\r\n"
                + "EMAIL;TYPE=WORK:jane@example.com\r\nTEL:+1 555\r\nBDAY:--12-24\r\nNOTE:line one\\nline two\r\n"
                + "END:VCARD\r\n");
        assertThatThrownBy(() -> ContactCards.create(new CreateContactInput("contacts", " ", null, null, null, null,
                null, null, null, null, null), "uid-2")).hasMessageContaining("needs a name");
    }
}

package org.ncmcp.resource.apps.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.contacts.VCard.Parameter;
import org.ncmcp.resource.apps.contacts.VCard.Property;

/** Reading and writing vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) content lines: folding, escaping, parameters. */
class VCardTest {

    @Test
    void foldedLinesAreUnfoldedWhetherContinuedWithSpaceOrTabAndWhateverTheLineEnds() {
        VCard card = VCard.parse("BEGIN:VCARD\nVERSION:3.0\r\nNOTE:This is a lo\r\n ng note that\n\t goes on\r\n"
                + "FN:Jane\rEND:VCARD\r\n");

        assertThat(card.text("NOTE")).isEqualTo("This is a long note that goes on");
        assertThat(card.text("FN")).isEqualTo("Jane");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingAMultiByteCharacter() {
        String note = "Grüße aus München — ".repeat(10);
        VCard card = VCard.of("4.0", List.of(Property.of("NOTE", List.of(), VCard.escape(note))));

        String written = card.serialize();

        for (String physical : written.split("\r\n")) {
            assertThat(physical.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(written).contains("\r\n ").endsWith("END:VCARD\r\n");
        // a split code point would not survive the round trip through UTF-8
        byte[] bytes = written.getBytes(StandardCharsets.UTF_8);
        assertThat(VCard.parse(new String(bytes, StandardCharsets.UTF_8)).text("NOTE")).isEqualTo(note);
    }

    @Test
    void textEscapesAreDecodedAndWrittenBack() {
        VCard card = VCard.parse("BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:a\\, b\\; c\\\\d\\nsecond line\\Nthird\r\n"
                + "END:VCARD\r\n");

        assertThat(card.text("NOTE")).isEqualTo("a, b; c\\d\nsecond line\nthird");
        assertThat(VCard.escape("a, b; c\\d\nsecond")).isEqualTo("a\\, b\\; c\\\\d\\nsecond");
    }

    @Test
    void structuredAndListValuesSplitOnlyAtUnescapedSeparators() {
        assertThat(VCard.components("Doe;Jane\\; Mary;;Dr.;")).containsExactly("Doe", "Jane; Mary", "", "Dr.", "");
        assertThat(VCard.items("friends,work\\,colleagues")).containsExactly("friends", "work,colleagues");
        assertThat(VCard.structured(List.of("Smith;Jones", "Ann"))).isEqualTo("Smith\\;Jones;Ann");
    }

    @Test
    void parametersWithQuotesCaretsBareTypesAndGroupsAreRead() {
        Property quoted = VCard.parseLine("item1.ADR;TYPE=\"home,pref\";LABEL=\"1 Main St.^nSpringfield: ^'Home^'\""
                + ":;;1 Main St.;Springfield;;;");
        assertThat(quoted.group()).isEqualTo("item1");
        assertThat(quoted.name()).isEqualTo("ADR");
        assertThat(quoted.parameters()).containsExactly(new Parameter("TYPE", List.of("home,pref")),
                new Parameter("LABEL", List.of("1 Main St.\nSpringfield: \"Home\"")));
        assertThat(quoted.value()).isEqualTo(";;1 Main St.;Springfield;;;");

        Property bare = VCard.parseLine("tel;work;type=VOICE,cell:+1 555 0100");
        assertThat(bare.name()).isEqualTo("TEL");
        assertThat(bare.types()).containsExactly("work", "voice", "cell");
    }

    @Test
    void builtParametersAreQuotedAndCaretEncodedWhenNeeded() {
        Property line = Property.of("X-THING", List.of(new Parameter("LABEL", List.of("a:b \"c\"\nd")),
                new Parameter("TYPE", List.of("work", "voice"))), "v");

        assertThat(line.line()).isEqualTo("X-THING;LABEL=\"a:b ^'c^'^nd\";TYPE=work,voice:v");
        assertThat(VCard.parseLine(line.line()).parameters()).isEqualTo(line.parameters());
    }

    @Test
    void unknownPropertiesAndUntouchedLinesAreWrittenBackVerbatim() {
        String original = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc\r\nFN:Jane Doe\r\n"
                + "X-CUSTOM;x-param=\"a;b\":keep \\, me exactly\r\n"
                + "item1.X-ABLabel:_$!<Other>!$_\r\n"
                + "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
                + "END:VCARD\r\n";
        VCard card = VCard.parse(original);

        card.set("FN", VCard.escape("Jane Smith"));

        assertThat(card.serialize()).isEqualTo(original.replace("FN:Jane Doe", "FN:Jane Smith"));
    }

    @Test
    void replacingALineKeepsTheSurvivorsWithTheirParametersInPlace() {
        VCard card = VCard.parse("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\r\n"
                + "item2.EMAIL;TYPE=INTERNET,HOME:old@example.com\r\n"
                + "EMAIL;TYPE=WORK;X-SOURCE=crm:keep@example.com\r\nNOTE:n\r\nEND:VCARD\r\n");

        card.replaceAll("EMAIL", List.of(Property.of("EMAIL", List.of(), "keep@example.com"),
                Property.of("EMAIL", List.of(new Parameter("TYPE", List.of("HOME"))), "new@example.com")));

        assertThat(card.serialize()).isEqualTo("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\r\n"
                + "EMAIL;TYPE=WORK;X-SOURCE=crm:keep@example.com\r\nEMAIL;TYPE=HOME:new@example.com\r\nNOTE:n\r\n"
                + "END:VCARD\r\n");
    }

    @Test
    void onlyTheFirstCardOfAFileCounts() {
        VCard card = VCard.parse("junk before\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:First\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nFN:Second\r\nEND:VCARD\r\n");

        assertThat(card.all("FN")).extracting(Property::value).containsExactly("First");
    }

    @Test
    void whatIsNotAVCardIsRefusedWithAReason() {
        assertThatThrownBy(() -> VCard.parse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no BEGIN:VCARD");
        assertThatThrownBy(() -> VCard.parse("BEGIN:VCARD\r\nFN:x\r\n"))
                .hasMessageContaining("no END:VCARD");
        assertThatThrownBy(() -> VCard.parse("BEGIN:VCARD\r\nno colon here\r\nEND:VCARD\r\n"))
                .hasMessageContaining("has no ':'");
    }
}

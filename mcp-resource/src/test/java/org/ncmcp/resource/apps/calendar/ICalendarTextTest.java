package org.ncmcp.resource.apps.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.calendar.ical.ICalComponent;
import org.ncmcp.resource.apps.calendar.ical.ICalendarText;

class ICalendarTextTest {

    private static final String NEXTCLOUD_EVENT = String.join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//IDN nextcloud.com//Calendar app 4.7.0//EN",
            "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "DTSTART:19701025T030000", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:abc-1", "DTSTAMP:20261201T100000Z",
            "DTSTART;TZID=Europe/Berlin:20261203T100000", "DTEND;TZID=Europe/Berlin:20261203T110000",
            "SUMMARY:Review\\, part 1", "X-NC-GROUP-ID;X-PARAM=\"a:b;c\":keep me",
            "DESCRIPTION:A long description that is folded by the server because it is longer",
            "  than seventy-five octets.",
            "ORGANIZER;CN=Alice:mailto:alice@example.com",
            "BEGIN:VALARM", "ACTION:EMAIL", "TRIGGER;RELATED=END:PT0S", "END:VALARM",
            "END:VEVENT", "END:VCALENDAR", "");

    @Test
    void anEditKeepsEverythingItDidNotTouch() {
        ICalComponent calendar = ICalendarText.parse(NEXTCLOUD_EVENT);
        ICalComponent event = calendar.components("VEVENT").get(0);
        assertThat(event.text("SUMMARY")).isEqualTo("Review, part 1");
        assertThat(event.text("DESCRIPTION")).endsWith("longer than seventy-five octets.");
        event.setText("LOCATION", "Room 5");

        String written = ICalendarText.write(calendar);
        assertThat(written).contains("X-NC-GROUP-ID;X-PARAM=\"a:b;c\":keep me\r\n", "BEGIN:VTIMEZONE",
                "TZID:Europe/Berlin", "ORGANIZER;CN=Alice:mailto:alice@example.com", "TRIGGER;RELATED=END:PT0S",
                "DTSTART;TZID=Europe/Berlin:20261203T100000", "LOCATION:Room 5", "SUMMARY:Review\\, part 1");
        assertThat(written.lines()).allMatch(line -> line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75);
        assertThat(ICalendarText.write(ICalendarText.parse(written))).isEqualTo(written);
    }

    @Test
    void foldingNeverSplitsAMultiByteCharacter() {
        ICalComponent calendar = ICalendarText.parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n");
        String text = "Grüße aus Köln 🎉 ".repeat(10);
        calendar.components("VEVENT").get(0).setText("SUMMARY", text);
        String written = ICalendarText.write(calendar);
        assertThat(ICalendarText.parse(written).components("VEVENT").get(0).text("SUMMARY")).isEqualTo(text);
    }

    @Test
    void brokenTextIsRefusedWithAReason() {
        assertThatThrownBy(() -> ICalendarText.parse("hello")).hasMessageContaining("not a content line");
        assertThatThrownBy(() -> ICalendarText.parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n"))
                .hasMessageContaining("does not close");
    }
}

package org.ncmcp.resource.apps.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.Contact;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.CreateContactInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.LabeledValue;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.UpdateContactInput;
import org.ncmcp.resource.apps.contacts.VCard.Parameter;
import org.ncmcp.resource.apps.contacts.VCard.Property;
import org.ncmcp.resource.tool.InvalidToolInputException;

/**
 * Between the tools' contact fields and vCards: reading a card into a {@link Contact}, building a new card, and
 * changing only the fields an update names. Every other line of the card is left exactly as it was.
 */
final class ContactCards {

    /** Properties the tools show or manage; everything else is listed in {@code otherProperties}. */
    private static final Set<String> SHOWN = Set.of("VERSION", "UID", "FN", "N", "NICKNAME", "ORG", "TITLE", "EMAIL",
            "TEL", "BDAY", "NOTE", "PRODID", "REV");
    /** Types that say nothing a person needs (RFC 2426 3.3.1/3.3.2 defaults and the preference marker). */
    private static final Set<String> NOISE_TYPES = Set.of("internet", "pref", "voice", "x400");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");
    private static final Pattern NO_YEAR = Pattern.compile("--(\\d{2})-?(\\d{2})");

    private ContactCards() {
    }

    static Contact toContact(String book, String id, String etag, VCard card) {
        List<String> name = card.first("N").map(n -> VCard.components(n.value())).orElse(List.of());
        List<String> org = card.first("ORG").map(o -> VCard.components(o.value())).orElse(List.of());
        List<String> others = card.properties().stream().map(Property::name).filter(n -> !SHOWN.contains(n))
                .distinct().toList();
        return new Contact(book, id, nullToEmpty(card.text("UID")), nullToEmpty(etag), nullToEmpty(card.text("FN")),
                component(name, 1), component(name, 0),
                card.first("NICKNAME").map(n -> String.join(", ", VCard.items(n.value()))).orElse(""),
                component(org, 0), nullToEmpty(card.text("TITLE")), labeled(card.all("EMAIL")),
                labeled(card.all("TEL")),
                birthdayOut(card.text("BDAY")), nullToEmpty(card.text("NOTE")), card.version(), others);
    }

    static VCard create(CreateContactInput input, String uid) {
        String fullName = blankToNull(input.fullName());
        if (fullName == null) {
            fullName = String.join(" ", java.util.stream.Stream.of(input.givenName(), input.familyName())
                    .filter(part -> part != null && !part.isBlank()).map(String::trim).toList());
        }
        if (fullName.isBlank()) {
            throw new InvalidToolInputException("give a fullName, or a givenName or familyName: every contact needs a"
                    + " name to be shown by.");
        }
        List<Property> lines = new ArrayList<>();
        lines.add(Property.of("PRODID", List.of(), "-//nextcloud-mcp//Contacts//EN"));
        lines.add(Property.of("UID", List.of(), VCard.escape(uid)));
        lines.add(Property.of("FN", List.of(), VCard.escape(fullName)));
        // RFC 2426 requires N in 3.0 even when empty
        lines.add(Property.of("N", List.of(), VCard.structured(List.of(nullToEmpty(input.familyName()),
                nullToEmpty(input.givenName()), "", "", ""))));
        VCard card = VCard.of("3.0", lines);
        setText(card, "NICKNAME", input.nickname());
        if (blankToNull(input.organization()) != null) {
            card.set("ORG", VCard.escape(input.organization()));
        }
        setText(card, "TITLE", input.title());
        if (input.emails() != null) {
            card.replaceAll("EMAIL", lines(card, "EMAIL", input.emails()));
        }
        if (input.phones() != null) {
            card.replaceAll("TEL", lines(card, "TEL", input.phones()));
        }
        setBirthday(card, input.birthday());
        setText(card, "NOTE", input.note());
        return card;
    }

    /** Changes only the fields given (non-null); an empty string removes a field. */
    static void update(VCard card, UpdateContactInput input) {
        if (input.fullName() != null) {
            if (input.fullName().isBlank()) {
                throw new InvalidToolInputException("fullName cannot be emptied: every contact needs a name to be shown"
                        + " by (vCard FN).");
            }
            card.set("FN", VCard.escape(input.fullName()));
        }
        if (input.givenName() != null || input.familyName() != null) {
            List<String> name = new ArrayList<>(card.first("N").map(n -> VCard.components(n.value()))
                    .orElse(List.of()));
            while (name.size() < 5) {
                name.add("");
            }
            if (input.familyName() != null) {
                name.set(0, input.familyName());
            }
            if (input.givenName() != null) {
                name.set(1, input.givenName());
            }
            card.set("N", VCard.structured(name));
        }
        setText(card, "NICKNAME", input.nickname());
        if (input.organization() != null) {
            if (input.organization().isEmpty()) {
                card.remove("ORG");
            } else {
                // ORG is organization;unit;unit…: the units stay
                List<String> org = new ArrayList<>(card.first("ORG").map(o -> VCard.components(o.value()))
                        .orElse(List.of("")));
                org.set(0, input.organization());
                card.set("ORG", VCard.structured(org));
            }
        }
        setText(card, "TITLE", input.title());
        if (input.emails() != null) {
            card.replaceAll("EMAIL", lines(card, "EMAIL", input.emails()));
        }
        if (input.phones() != null) {
            card.replaceAll("TEL", lines(card, "TEL", input.phones()));
        }
        setBirthday(card, input.birthday());
        setText(card, "NOTE", input.note());
    }

    static boolean matches(Contact contact, String query) {
        String needle = query.toLowerCase(Locale.ROOT);
        List<String> haystack = new ArrayList<>(List.of(contact.fullName(), contact.givenName(), contact.familyName(),
                contact.nickname(), contact.organization()));
        contact.emails().forEach(e -> haystack.add(e.value()));
        contact.phones().forEach(p -> haystack.add(p.value()));
        return haystack.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static void setText(VCard card, String name, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty()) {
            card.remove(name);
        } else {
            card.set(name, VCard.escape(value));
        }
    }

    private static void setBirthday(VCard card, String birthday) {
        if (birthday == null) {
            return;
        }
        if (birthday.isEmpty()) {
            card.remove("BDAY");
            return;
        }
        Matcher date = DATE.matcher(birthday.trim());
        Matcher noYear = NO_YEAR.matcher(birthday.trim());
        // vCard 4.0 writes ISO 8601 basic format (RFC 6350 4.3.1); 3.0 the extended one (RFC 2426 3.1.5)
        if (date.matches()) {
            card.set("BDAY", card.isVersion4() ? date.group(1) + date.group(2) + date.group(3)
                    : date.group(1) + "-" + date.group(2) + "-" + date.group(3));
        } else if (noYear.matches()) {
            card.set("BDAY", card.isVersion4() ? "--" + noYear.group(1) + noYear.group(2)
                    : "--" + noYear.group(1) + "-" + noYear.group(2));
        } else {
            throw new InvalidToolInputException("birthday '" + birthday + "' is not a date: use YYYY-MM-DD, or --MM-DD"
                    + " without the year.");
        }
    }

    private static List<Property> lines(VCard card, String name, List<LabeledValue> values) {
        List<Property> lines = new ArrayList<>();
        for (LabeledValue value : values) {
            String type = blankToNull(value.type());
            List<Parameter> parameters = type == null ? List.of() : List.of(new Parameter("TYPE",
                    List.of(card.isVersion4() ? type.toLowerCase(Locale.ROOT) : type.toUpperCase(Locale.ROOT))));
            lines.add(Property.of(name, parameters, VCard.escape(value.value().trim())));
        }
        return lines;
    }

    private static List<LabeledValue> labeled(List<Property> properties) {
        List<LabeledValue> values = new ArrayList<>();
        for (Property property : properties) {
            String value = VCard.unescape(property.value()).trim();
            if (value.regionMatches(true, 0, "tel:", 0, 4) || value.regionMatches(true, 0, "mailto:", 0, 7)) {
                value = value.substring(value.indexOf(':') + 1);   // vCard 4.0 URI values
            }
            String type = property.types().stream().filter(t -> !NOISE_TYPES.contains(t)).findFirst().orElse("");
            values.add(new LabeledValue(value, type));
        }
        return values;
    }

    private static String birthdayOut(String stored) {
        if (stored == null) {
            return "";
        }
        Matcher date = DATE.matcher(stored.trim());
        if (date.matches()) {
            return date.group(1) + "-" + date.group(2) + "-" + date.group(3);
        }
        Matcher noYear = NO_YEAR.matcher(stored.trim());
        return noYear.matches() ? "--" + noYear.group(1) + "-" + noYear.group(2) : stored.trim();
    }

    private static String component(List<String> components, int index) {
        return index < components.size() ? components.get(index) : "";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

package org.ncmcp.resource.apps.calendar.ical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A BEGIN…END block (VCALENDAR, VEVENT, VTODO, VALARM, VTIMEZONE, …) with its properties and sub-components. */
public final class ICalComponent {

    private final String name;
    private final List<ICalProperty> properties = new ArrayList<>();
    private final List<ICalComponent> components = new ArrayList<>();

    public ICalComponent(String name) {
        this.name = name.toUpperCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    public List<ICalProperty> properties() {
        return properties;
    }

    public List<ICalComponent> components() {
        return components;
    }

    public List<ICalComponent> components(String componentName) {
        return components.stream().filter(c -> c.name.equalsIgnoreCase(componentName)).toList();
    }

    public Optional<ICalProperty> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equalsIgnoreCase(propertyName)).findFirst();
    }

    public List<ICalProperty> all(String propertyName) {
        return properties.stream().filter(p -> p.name().equalsIgnoreCase(propertyName)).toList();
    }

    /** The TEXT value of a property, unescaped, or null. */
    public String text(String propertyName) {
        return property(propertyName).map(ICalProperty::text).orElse(null);
    }

    public String raw(String propertyName) {
        return property(propertyName).map(ICalProperty::value).orElse(null);
    }

    /** Replaces every property of that name by {@code property} at the first one's place (appends if none). */
    public void set(ICalProperty property) {
        int at = -1;
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).name().equals(property.name())) {
                at = at < 0 ? i : at;
            }
        }
        remove(property.name());
        if (at < 0 || at > properties.size()) {
            properties.add(property);
        } else {
            properties.add(at, property);
        }
    }

    public void setText(String propertyName, String text) {
        if (text == null || text.isEmpty()) {
            remove(propertyName);
        } else {
            set(ICalProperty.text(propertyName, text));
        }
    }

    public void add(ICalProperty property) {
        properties.add(property);
    }

    /** A deep copy: changing the copy's properties or sub-components leaves this one as it is. */
    public ICalComponent copy() {
        ICalComponent copy = new ICalComponent(name);
        for (ICalProperty property : properties) {
            copy.properties.add(new ICalProperty(property.name(), property.parameters(), property.value()));
        }
        for (ICalComponent child : components) {
            copy.components.add(child.copy());
        }
        return copy;
    }

    public void remove(String propertyName) {
        properties.removeIf(p -> p.name().equalsIgnoreCase(propertyName));
    }
}

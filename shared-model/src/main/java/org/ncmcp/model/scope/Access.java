package org.ncmcp.model.scope;

import java.util.Arrays;
import java.util.Optional;

/** The level of access a scope grants to one app. {@link #WRITE} implies {@link #READ}. */
public enum Access {
    READ("read"),
    WRITE("write");

    private final String id;

    Access(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Access> fromId(String id) {
        return Arrays.stream(values()).filter(access -> access.id.equals(id)).findFirst();
    }
}

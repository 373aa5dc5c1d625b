package org.ncmcp.resource.tool;

/** The arguments of a tool call are missing, malformed or out of range. The message says which and why. */
public final class InvalidToolInputException extends RuntimeException {

    public InvalidToolInputException(String message) {
        super(message, null, false, false);
    }
}

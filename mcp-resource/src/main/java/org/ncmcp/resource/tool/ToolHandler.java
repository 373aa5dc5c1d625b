package org.ncmcp.resource.tool;

/** The body of a tool: takes its validated input record, returns its structured output record. */
@FunctionalInterface
public interface ToolHandler<I, O> {

    O handle(I input);
}

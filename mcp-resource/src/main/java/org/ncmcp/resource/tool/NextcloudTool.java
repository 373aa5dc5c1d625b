package org.ncmcp.resource.tool;

import java.util.Objects;
import org.ncmcp.model.tool.ToolInfo;

/**
 * One MCP tool: its catalogue entry (name, title, scope, hints) from shared-model, the description an
 * assistant reads, the records its input and output schemas are generated from, and its handler.
 */
public record NextcloudTool<I, O>(ToolInfo info, String description, Class<I> inputType, Class<O> outputType,
        ToolHandler<I, O> handler) {

    public NextcloudTool {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(outputType, "outputType");
        Objects.requireNonNull(handler, "handler");
        if (!inputType.isRecord() || !outputType.isRecord()) {
            throw new IllegalArgumentException(info.name() + ": input and output must be records");
        }
    }

    public static <I, O> NextcloudTool<I, O> of(ToolInfo info, String description, Class<I> inputType,
            Class<O> outputType, ToolHandler<I, O> handler) {
        return new NextcloudTool<>(info, description, inputType, outputType, handler);
    }

    public String name() {
        return info.name();
    }
}

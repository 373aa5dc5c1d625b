package org.ncmcp.resource.conformance;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The {@code test_*} prompts of the conformance suite, and completion of {@code test_prompt_with_arguments}. */
@Configuration(proxyBeanMethods = false)
@Profile("conformance")
class ConformancePrompts {

    static final String PROMPT_WITH_ARGUMENTS = "test_prompt_with_arguments";

    /** What completion offers for {@code arg1} and {@code arg2}, filtered by the typed prefix. */
    static final List<String> COMPLETION_CANDIDATES = List.of("paris", "park", "party", "testValue1", "testValue2");

    @Bean
    List<SyncPromptSpecification> conformancePromptSpecifications() {
        return List.of(
                prompt("test_simple_prompt", "A simple prompt without arguments.", List.of(),
                        args -> List.of(user(ConformanceTools.text("This is a simple prompt for testing.")))),
                prompt(PROMPT_WITH_ARGUMENTS, "A prompt with two required arguments.",
                        List.of(required("arg1", "First test argument"), required("arg2", "Second test argument")),
                        args -> List.of(user(ConformanceTools.text("Prompt with arguments: arg1='"
                                + argument(args, "arg1") + "', arg2='" + argument(args, "arg2") + "'")))),
                prompt("test_prompt_with_embedded_resource", "A prompt that embeds the given resource.",
                        List.of(required("resourceUri", "URI of the resource to embed")),
                        args -> List.of(
                                user(ConformanceTools.embedded(argument(args, "resourceUri"), "text/plain",
                                        "Embedded resource content for testing.")),
                                user(ConformanceTools.text("Please process the embedded resource above.")))),
                prompt("test_prompt_with_image", "A prompt with an image.", List.of(),
                        args -> List.of(
                                user(ConformanceTools.image()),
                                user(ConformanceTools.text("Please analyze the image above.")))));
    }

    @Bean
    List<SyncCompletionSpecification> conformanceCompletionSpecifications() {
        return List.of(new SyncCompletionSpecification(new McpSchema.PromptReference(PROMPT_WITH_ARGUMENTS),
                (context, request) -> complete(request.argument().value())));
    }

    static CompleteResult complete(String prefix) {
        String typed = prefix.toLowerCase(Locale.ROOT);
        List<String> values = COMPLETION_CANDIDATES.stream()
                .filter(candidate -> candidate.toLowerCase(Locale.ROOT).startsWith(typed))
                .toList();
        return new CompleteResult(new CompleteResult.CompleteCompletion(values, values.size(), false));
    }

    private static SyncPromptSpecification prompt(String name, String description, List<PromptArgument> arguments,
            Function<Map<String, Object>, List<PromptMessage>> messages) {
        McpSchema.Prompt prompt = new McpSchema.Prompt(name, "Conformance fixture: " + description, arguments);
        return new SyncPromptSpecification(prompt, (context, request) -> new GetPromptResult(description,
                messages.apply(request.arguments() == null ? Map.of() : request.arguments())));
    }

    private static PromptArgument required(String name, String description) {
        return new PromptArgument(name, null, description, true);
    }

    private static String argument(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Missing required argument '" + name + "'")
                    .build();
        }
        return value.toString();
    }

    private static PromptMessage user(Content content) {
        return new PromptMessage(Role.USER, content);
    }
}

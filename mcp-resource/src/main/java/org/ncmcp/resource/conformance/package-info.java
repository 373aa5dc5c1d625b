/**
 * Fixtures for the official MCP conformance suite ({@code @modelcontextprotocol/conformance}): the
 * {@code test_*} tools, {@code test://} resources, prompts and completions its server scenarios call.
 * Everything here is {@code @Profile("conformance")} and never active otherwise; {@code .ci/run} starts the
 * server with that profile and runs the suite against it. See {@code docs/conformance.md}.
 */
package org.ncmcp.resource.conformance;

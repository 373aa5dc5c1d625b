#!/usr/bin/env node
// A stock MCP client: the official TypeScript SDK (@modelcontextprotocol/sdk) with its own OAuth support, as an
// application built on it would use it. Nothing here knows the broker: the SDK finds everything from the server's
// 401 (RFC 9728 protected resource metadata → RFC 8414 authorization server metadata → dynamic client registration
// → an authorization URL with PKCE S256, state and resource). This script only does what the SDK leaves to the
// application: keep the OAuth state in memory, show the authorization URL to the person (here: print it for the
// test, which opens it in Chromium), receive the redirect on a loopback port, and hand the code back to the SDK.
//
//   node stock-client.mjs <mcp-url>
//
// Stdout carries one JSON object per line for StockTypeScriptClientTest:
//   {"event":"listening","redirectUri":…}            the loopback callback is ready
//   {"event":"http","method":…,"url":…,"status":…}    every request the SDK made (origin and path only)
//   {"event":"authorize","url":…}                     the SDK's redirectToAuthorization: open this in a browser
//   {"event":"callback","state":"ok","iss":…}         the browser came back with a code
//   {"event":"token","claims":{…}}                    selected claims of the access token (never the token)
//   {"event":"tools","tools":[…]}                     tools/list after signing in
//   {"event":"error","message":…}                     anything that went wrong (exit code 1)
// Tokens, codes and verifiers are never printed.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const serverUrl = process.argv[2];
const timeoutMs = Number(process.env.STOCK_CLIENT_TIMEOUT_MS ?? 180000);

function emit(event, fields = {}) {
    process.stdout.write(JSON.stringify({ event, ...fields }) + '\n');
}

function fail(message) {
    emit('error', { message: String(message) });
    process.exit(1);
}

if (!serverUrl) {
    fail('usage: node stock-client.mjs <mcp-url>');
}
// The script never hangs a build: whatever happens, it ends within the deadline.
setTimeout(() => fail(`no result within ${timeoutMs} ms`), timeoutMs).unref();

/** fetch as the SDK calls it, reporting each request's method, origin + path (no query: nothing secret) and status. */
async function reportingFetch(input, init) {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    emit('http', {
        method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
        url: url.origin + url.pathname,
        status: response.status
    });
    return response;
}

/** The SDK's OAuthClientProvider, kept in memory for this one run. */
class InMemoryOAuthClientProvider {
    constructor(redirectUrl, onRedirect) {
        this._redirectUrl = redirectUrl;
        this._onRedirect = onRedirect;
    }

    get redirectUrl() {
        return this._redirectUrl;
    }

    get clientMetadata() {
        return {
            client_name: 'Stock TypeScript SDK client (e2e)',
            redirect_uris: [this._redirectUrl],
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: 'none'
        };
    }

    state() {
        this._state = randomBytes(16).toString('base64url');
        return this._state;
    }

    expectedState() {
        return this._state;
    }

    clientInformation() {
        return this._clientInformation;
    }

    saveClientInformation(information) {
        this._clientInformation = information;
    }

    tokens() {
        return this._tokens;
    }

    saveTokens(tokens) {
        this._tokens = tokens;
    }

    redirectToAuthorization(authorizationUrl) {
        this._onRedirect(authorizationUrl);
    }

    saveCodeVerifier(codeVerifier) {
        this._codeVerifier = codeVerifier;
    }

    codeVerifier() {
        if (!this._codeVerifier) {
            throw new Error('no PKCE code verifier saved');
        }
        return this._codeVerifier;
    }

    saveDiscoveryState(state) {
        this._discovery = state;
    }

    discoveryState() {
        return this._discovery;
    }
}

/** The loopback redirect target (RFC 8252): resolves with the code once the browser comes back. */
function startCallbackServer(provider) {
    let settle;
    const code = new Promise((resolve, reject) => (settle = { resolve, reject }));
    const server = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        if (url.pathname !== '/callback') {
            response.writeHead(404).end();
            return;
        }
        const answer = (status, text) => {
            response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
            response.end(`<!doctype html><title>Stock MCP client</title><h1 id="result">${text}</h1>`);
        };
        const params = url.searchParams;
        // RFC 9207: the authorization server said (in its metadata) that it names itself in every answer
        const metadata = provider.discoveryState()?.authorizationServerMetadata;
        const expectedIssuer = metadata?.issuer;
        if (params.get('state') !== provider.expectedState()) {
            answer(400, 'state mismatch');
            settle.reject(new Error('the redirect carried a state this client did not send'));
        } else if (metadata?.authorization_response_iss_parameter_supported && params.get('iss') !== expectedIssuer) {
            answer(400, 'issuer mismatch');
            settle.reject(new Error(`the redirect's iss ${params.get('iss')} is not the authorization server ${expectedIssuer}`));
        } else if (params.get('error')) {
            answer(400, 'authorization failed');
            settle.reject(new Error(`authorization failed: ${params.get('error')} ${params.get('error_description') ?? ''}`));
        } else if (!params.get('code')) {
            answer(400, 'no code');
            settle.reject(new Error('the redirect carried neither code nor error'));
        } else {
            answer(200, 'Signed in. You can close this window.');
            emit('callback', { state: 'ok', iss: params.get('iss') });
            settle.resolve(params.get('code'));
        }
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve({ server, code }));
    });
}

function claimsOf(accessToken) {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
    const { iss, aud, sub, scope, client_id, nc_user, exp, iat } = payload;
    return { iss, aud, sub, scope, client_id, nc_user, lifetime: exp - iat };
}

async function main() {
    const provider = new InMemoryOAuthClientProvider(undefined, url => emit('authorize', { url: url.toString() }));
    const { server, code } = await startCallbackServer(provider);
    provider._redirectUrl = `http://127.0.0.1:${server.address().port}/callback`;
    emit('listening', { redirectUri: provider.redirectUrl });

    const info = { name: 'ncmcp-stock-client', version: '1.0.0' };
    const transport = new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider, fetch: reportingFetch });
    try {
        await new Client(info).connect(transport);
        fail('the server let an unauthenticated client connect');
    } catch (error) {
        if (!(error instanceof UnauthorizedError)) {
            throw error;
        }
    }
    // the SDK has printed (through redirectToAuthorization) where the person must go; wait for them to come back
    await transport.finishAuth(await code);
    server.close();
    emit('token', { claims: claimsOf(provider.tokens().access_token) });

    const client = new Client(info);
    await client.connect(new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider, fetch: reportingFetch }));
    const { tools } = await client.listTools();
    emit('tools', { tools: tools.map(tool => tool.name) });
    await client.close();
}

main().then(() => process.exit(0), error => fail(error?.stack ?? error));

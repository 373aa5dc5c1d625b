-- The broker's own tables.

-- Signing keys for access tokens. Several are published in the JWKS; the newest active one signs.
-- The private key is AES-GCM encrypted under the broker's key-encryption key (never stored in clear).
CREATE TABLE signing_key (
    kid                   varchar(64)  NOT NULL PRIMARY KEY,
    algorithm             varchar(16)  NOT NULL,
    public_jwk            text         NOT NULL,
    private_key_encrypted bytea        NOT NULL,
    created_at            timestamptz  NOT NULL,
    retired_at            timestamptz
);

-- People who signed in through the upstream IdP. (issuer, subject) is the identity.
CREATE TABLE broker_user (
    subject           varchar(255) NOT NULL,
    issuer            varchar(500) NOT NULL,
    nextcloud_user_id varchar(255) NOT NULL,
    display_name      varchar(255),
    email             varchar(320),
    first_login_at    timestamptz  NOT NULL,
    last_login_at     timestamptz  NOT NULL,
    PRIMARY KEY (subject)
);

-- Refresh tokens already exchanged. A family is one oauth2_authorization; only hashes are stored.
-- successor_response is the token response that replaced this token, encrypted under a key derived
-- from the old token itself, so a retry within the grace window gets the same answer and a database
-- dump reveals nothing.
CREATE TABLE refresh_token_use (
    token_hash         char(64)     NOT NULL PRIMARY KEY,
    authorization_id   varchar(100) NOT NULL,
    successor_hash     char(64)     NOT NULL,
    used_at            timestamptz  NOT NULL,
    successor_response bytea        NOT NULL
);
CREATE INDEX refresh_token_use_successor_ix ON refresh_token_use (successor_hash);
CREATE INDEX refresh_token_use_authorization_ix ON refresh_token_use (authorization_id);

-- Dynamically registered clients: when, from where, and whether they were ever used (unused ones expire).
CREATE TABLE client_registration (
    registered_client_id varchar(100) NOT NULL PRIMARY KEY,
    registered_at        timestamptz  NOT NULL,
    registered_from      varchar(64)  NOT NULL,
    first_used_at        timestamptz,
    upstream_client_id   varchar(255)
);

-- Fixed-window rate limits shared by all replicas (key = purpose + client IP).
CREATE TABLE rate_limit_window (
    limit_key    varchar(200) NOT NULL,
    window_start timestamptz  NOT NULL,
    hits         int          NOT NULL,
    PRIMARY KEY (limit_key, window_start)
);

-- Security-relevant events. Never holds a secret or a token.
CREATE TABLE audit_event (
    id          bigserial    PRIMARY KEY,
    occurred_at timestamptz  NOT NULL,
    event_type  varchar(64)  NOT NULL,
    subject     varchar(255),
    client_id   varchar(500),
    outcome     varchar(32)  NOT NULL,
    detail      varchar(2000)
);
CREATE INDEX audit_event_subject_ix ON audit_event (subject, occurred_at);

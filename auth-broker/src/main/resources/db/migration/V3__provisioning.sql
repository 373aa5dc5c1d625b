-- Users' offline access to Nextcloud ("Flow 2") and the sessions that set it up.

-- One stored credential per person. Secrets are AES-256-GCM sealed under the vault key named beside them;
-- the associated data binds each to (table, subject, kind, field). token-exchange stores no Nextcloud secret.
CREATE TABLE nextcloud_credential (
    subject                 varchar(255)  NOT NULL PRIMARY KEY REFERENCES broker_user (subject) ON DELETE CASCADE,
    kind                    varchar(32)   NOT NULL,
    nextcloud_user_id       varchar(255)  NOT NULL,
    login_name              varchar(255),
    secret                  bytea,
    secret_key_id           varchar(64),
    -- oauth-refresh and token-exchange: the current Nextcloud access token and when it expires, so 50
    -- concurrent leases share one upstream refresh
    access_token            bytea,
    access_token_key_id     varchar(64),
    access_token_expires_at timestamptz,
    scopes                  varchar(2000) NOT NULL,
    created_at              timestamptz   NOT NULL,
    updated_at              timestamptz   NOT NULL,
    refreshed_at            timestamptz,
    -- set when Nextcloud or the IdP rejected the credential (HTTP 401, invalid_grant): leases stop at once
    revoked_at              timestamptz,
    revoked_reason          varchar(500)
);

-- One attempt to connect (or to change scopes). Any replica may poll a pending Login Flow v2: a replica claims
-- it by moving next_poll_at forward (FOR UPDATE SKIP LOCKED), so one flow is never polled twice at once.
CREATE TABLE provisioning_session (
    id                 varchar(64)   NOT NULL PRIMARY KEY,
    subject            varchar(255)  NOT NULL REFERENCES broker_user (subject) ON DELETE CASCADE,
    kind               varchar(32)   NOT NULL,
    scopes             varchar(2000) NOT NULL,
    status             varchar(16)   NOT NULL,
    detail             varchar(1000),
    -- Login Flow v2: where to poll, and the poll token (sealed: whoever holds it can collect the app password)
    poll_endpoint      varchar(2000),
    poll_token         bytea,
    poll_token_key_id  varchar(64),
    login_url          varchar(2000),
    -- the app password as Nextcloud returned it (once): sealed and stored before anything else is done with it
    received_login     varchar(255),
    received_secret    bytea,
    received_key_id    varchar(64),
    -- oauth-refresh: the PKCE verifier and state of the code flow at the IdP (sealed verifier)
    oauth_state        varchar(128),
    code_verifier      bytea,
    code_verifier_key_id varchar(64),
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    expires_at         timestamptz   NOT NULL,
    next_poll_at       timestamptz   NOT NULL
);
CREATE INDEX provisioning_session_subject_ix ON provisioning_session (subject, created_at);
CREATE INDEX provisioning_session_pending_ix ON provisioning_session (status, next_poll_at);
CREATE UNIQUE INDEX provisioning_session_state_ix ON provisioning_session (oauth_state);

-- Who may use the admin API: the IdP role/group claim is read at sign-in.
ALTER TABLE broker_user ADD COLUMN admin boolean NOT NULL DEFAULT false;
CREATE INDEX audit_event_time_ix ON audit_event (occurred_at);

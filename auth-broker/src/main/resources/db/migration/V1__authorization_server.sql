-- Tables read and written by Spring Authorization Server's JDBC services. Column names are the
-- services' contract; types are PostgreSQL's (text for blobs, timestamptz for instants).
-- Token value columns never hold a usable token: HashingAuthorizationService stores "sha256:<hex>".

CREATE TABLE oauth2_registered_client (
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    client_id                     varchar(500)  NOT NULL UNIQUE,
    client_id_issued_at           timestamptz   NOT NULL DEFAULT now(),
    client_secret                 varchar(200),
    client_secret_expires_at      timestamptz,
    client_name                   varchar(200)  NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types     varchar(1000) NOT NULL,
    redirect_uris                 varchar(4000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(2000) NOT NULL,
    client_settings               varchar(4000) NOT NULL,
    token_settings                varchar(4000) NOT NULL
);

CREATE TABLE oauth2_authorization (
    id                            varchar(100)  NOT NULL PRIMARY KEY,
    -- wide enough for a Client ID Metadata Document client ("cimd:" + an https URL of up to 500 characters)
    registered_client_id          varchar(600)  NOT NULL,
    principal_name                varchar(200)  NOT NULL,
    authorization_grant_type      varchar(100)  NOT NULL,
    authorized_scopes             varchar(2000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(2000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
CREATE INDEX oauth2_authorization_state_ix ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code_ix ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_access_ix ON oauth2_authorization (access_token_value);
CREATE INDEX oauth2_authorization_refresh_ix ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_principal_ix ON oauth2_authorization (principal_name, registered_client_id);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(600)  NOT NULL,
    principal_name       varchar(200)  NOT NULL,
    authorities          varchar(2000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- HTTP sessions (Spring Session JDBC): a login started on one broker replica finishes on another.
CREATE TABLE spring_session (
    primary_id            char(36)     NOT NULL PRIMARY KEY,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval int          NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL REFERENCES spring_session (primary_id) ON DELETE CASCADE,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    PRIMARY KEY (session_primary_id, attribute_name)
);

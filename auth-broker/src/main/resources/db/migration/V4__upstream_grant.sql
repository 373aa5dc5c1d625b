-- token-exchange provisioning: the refresh token of each person's latest sign-in at the upstream IdP (the broker's
-- own sign-in grant, not a Nextcloud secret; see docs/adr/0005), sealed like every other secret. Written at sign-in
-- only while token-exchange is enabled; taken over into nextcloud_credential when the person connects.
CREATE TABLE upstream_grant (
    subject              varchar(255) NOT NULL PRIMARY KEY REFERENCES broker_user (subject) ON DELETE CASCADE,
    refresh_token        bytea        NOT NULL,
    refresh_token_key_id varchar(64)  NOT NULL,
    received_at          timestamptz  NOT NULL
);

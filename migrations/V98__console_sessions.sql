-- Programme-team console (issue 15): browser sessions and OpenID Connect sign-ins in flight.
-- Sessions live in the database so every instance behind a load balancer honours them and sign-out (or an
-- erasure) ends them at once. The cookie carries a random token; only its SHA-256 is stored, so a copy of this
-- table signs nobody in.
CREATE TABLE console_session (
    token_hash      VARCHAR(64)   PRIMARY KEY,
    person_id       BIGINT        NOT NULL REFERENCES person (id),
    csrf_token      VARCHAR(64)   NOT NULL,
    signed_in_with  VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_console_session_person ON console_session (person_id);
CREATE INDEX ix_console_session_expires ON console_session (expires_at);

-- An Entra ID sign-in between the redirect to the authorisation endpoint and the callback: the state (hashed,
-- single use), the PKCE verifier and the nonce the ID token must carry. Rows older than a few minutes are refused
-- and removed.
CREATE TABLE console_sign_in (
    state_hash      VARCHAR(64)   PRIMARY KEY,
    code_verifier   VARCHAR(128)  NOT NULL,
    nonce           VARCHAR(64)   NOT NULL,
    return_to       VARCHAR(500),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_console_sign_in_created ON console_sign_in (created_at);

-- One-time codes for registering a new key file after the old one was revoked (issue 8):
-- the password alone must not be enough, so a code is mailed to the account's registered
-- address at log-in and asked for at registration. One live code per account; a few wrong
-- tries void it.
CREATE TABLE key_registration_codes (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    code_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0
);

-- Client certificates a 自治体 registered with its institutions (issue 8). With
-- `nsdb serve --client-ca`, a certificate admits the accounts of the institutions it is
-- registered with (and no 自治体, operator or ministry account). Revocation keeps the row.
CREATE TABLE institution_certificates (
    id TEXT PRIMARY KEY,
    institution_id TEXT NOT NULL REFERENCES organizations (id),
    -- SHA-256 of the certificate's DER bytes, 64 lowercase hex digits.
    fingerprint TEXT NOT NULL,
    label TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT
);
CREATE UNIQUE INDEX institution_certificates_active ON institution_certificates (institution_id, fingerprint)
    WHERE revoked_at IS NULL;
CREATE INDEX institution_certificates_fingerprint ON institution_certificates (fingerprint);

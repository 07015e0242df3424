-- One migration tree for SQLite and PostgreSQL: portable types only (TEXT, BIGINT),
-- app-generated UUIDv7 keys, timestamps as fixed-width UTC text (sortable), booleans as 0/1.
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    programs TEXT NOT NULL DEFAULT '',
    municipality_id TEXT,
    address TEXT,
    phone TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organizations_kind_code ON organizations (kind, code);
CREATE INDEX organizations_municipality ON organizations (municipality_id);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    login_id TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL,
    is_manager BIGINT NOT NULL DEFAULT 0,
    program TEXT,
    family_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name_kana TEXT,
    given_name_kana TEXT,
    department TEXT,
    phone TEXT,
    email TEXT,
    medical_registration_number TEXT,
    designated_doctor_number TEXT,
    valid_until TEXT,
    issued_by TEXT,
    password_hash TEXT NOT NULL,
    first_login_pending BIGINT NOT NULL DEFAULT 1,
    key_hash TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX accounts_login_id ON accounts (login_id);
CREATE INDEX accounts_organization ON accounts (organization_id);
CREATE UNIQUE INDEX accounts_program_registration ON accounts (program, medical_registration_number)
    WHERE deleted_at IS NULL AND medical_registration_number IS NOT NULL;
CREATE UNIQUE INDEX accounts_program_designation ON accounts (program, designated_doctor_number)
    WHERE deleted_at IS NULL AND designated_doctor_number IS NOT NULL;

-- Lock-out state is kept per login ID, whether or not the ID exists, so that failures
-- answer the same for unknown IDs and the counters hold across servers.
CREATE TABLE login_attempts (
    login_id TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    locked_at TEXT,
    last_failure_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    scope TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    client_address TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE outbox_mails (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT
);

CREATE TABLE concurrent_assignments (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    institution_id TEXT NOT NULL REFERENCES organizations (id),
    state TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT
);
CREATE INDEX concurrent_assignments_institution ON concurrent_assignments (institution_id, state);
CREATE INDEX concurrent_assignments_account ON concurrent_assignments (account_id);

-- Append-only: rows are only ever inserted; each carries the hash of the previous one.
CREATE TABLE operation_logs (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_login_id TEXT,
    actor_organization_id TEXT,
    municipality_scope TEXT,
    action TEXT NOT NULL,
    target TEXT,
    result TEXT NOT NULL,
    client_address TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX operation_logs_at ON operation_logs (at);
CREATE INDEX operation_logs_scope ON operation_logs (municipality_scope, at);

-- The head of the log's hash chain. Appending updates this one row first, which
-- serializes concurrent appends on PostgreSQL without advisory locks.
CREATE TABLE operation_log_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO operation_log_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

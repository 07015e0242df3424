-- Patients and stored forms (issue 9).
--
-- Identifying items never reach a column in the clear: `sealed` columns hold base64 of an
-- AEAD ciphertext under the data key named by the row's `key_id` (the key file lives outside
-- the database; `nsdb rotate-data-key` re-seals rows under a new key). Search goes through
-- keyed hashes (HMAC) of normalized values. Every sealed column of a row uses the row's key.
--
-- Ids are UUIDv7 made by the application and no table has a global counter, so writes of
-- different institutions never queue on one row (and the tables can be distributed by id).

CREATE TABLE patients (
    id TEXT PRIMARY KEY,
    institution_id TEXT NOT NULL REFERENCES organizations (id),
    key_id TEXT NOT NULL,
    -- Sealed JSON of the identifying items (氏名, かな, 生年月日, 性別, 郵便番号, 住所).
    sealed TEXT NOT NULL,
    kana_hash TEXT NOT NULL,
    family_kana_hash TEXT NOT NULL,
    name_hash TEXT NOT NULL,
    family_name_hash TEXT NOT NULL,
    birth_date_hash TEXT NOT NULL,
    -- The DB-registration explanation was given to the patient (who recorded it, when).
    consent_recorded_by TEXT,
    consent_recorded_at TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX patients_kana ON patients (institution_id, kana_hash);
CREATE INDEX patients_family_kana ON patients (institution_id, family_kana_hash);
CREATE INDEX patients_name ON patients (institution_id, name_hash);
CREATE INDEX patients_family_name ON patients (institution_id, family_name_hash);
CREATE INDEX patients_birth_date ON patients (institution_id, birth_date_hash);
CREATE INDEX patients_key ON patients (key_id);

CREATE TABLE forms (
    id TEXT PRIMARY KEY,
    institution_id TEXT NOT NULL REFERENCES organizations (id),
    patient_id TEXT NOT NULL REFERENCES patients (id),
    definition_id TEXT NOT NULL,
    -- FormDefinition::content_hash of the version the answers were written against.
    definition_hash TEXT NOT NULL,
    program TEXT NOT NULL,
    disease_number TEXT NOT NULL,
    application_kind TEXT NOT NULL,
    state TEXT NOT NULL,
    -- Raised by every change; a save naming an older revision is refused (409).
    revision BIGINT NOT NULL,
    -- Answers as typed (JSON item id → answer) without the identifying items …
    answers TEXT NOT NULL,
    key_id TEXT NOT NULL,
    -- … which are sealed here (JSON of the same shape).
    sealed_answers TEXT NOT NULL,
    -- The last evaluation's counts and 一次判定, for lists and queues.
    error_count BIGINT NOT NULL,
    warning_count BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    -- The doctor asked to approve (承認依頼先).
    approver_id TEXT REFERENCES accounts (id),
    created_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES accounts (id),
    updated_at TEXT NOT NULL,
    -- 確定: who, when, the evaluation frozen with its rule version, and the access key
    -- (SHA-256 for look-up; sealed for printing).
    confirmed_by TEXT REFERENCES accounts (id),
    confirmed_at TEXT,
    confirmed_evaluation TEXT,
    rule_version TEXT,
    access_key_hash TEXT,
    sealed_access_key TEXT,
    -- 自治体受付: from then the institution cannot withdraw.
    received_at TEXT,
    received_by_municipality TEXT REFERENCES organizations (id)
);
CREATE INDEX forms_institution_updated ON forms (institution_id, updated_at);
CREATE INDEX forms_institution_state ON forms (institution_id, state);
CREATE INDEX forms_patient ON forms (patient_id);
CREATE INDEX forms_approver_state ON forms (approver_id, state);
CREATE UNIQUE INDEX forms_access_key ON forms (access_key_hash);
CREATE INDEX forms_key ON forms (key_id);

-- Every change of a form: an append-only history with the answers after it (for the
-- difference since someone last saw the form, and for 前回値踏襲 later).
CREATE TABLE form_revisions (
    form_id TEXT NOT NULL REFERENCES forms (id),
    revision BIGINT NOT NULL,
    action TEXT NOT NULL,
    state TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES accounts (id),
    at TEXT NOT NULL,
    -- JSON list of the item ids whose answer changed with this revision.
    changed_items TEXT NOT NULL,
    answers TEXT NOT NULL,
    key_id TEXT NOT NULL,
    sealed_answers TEXT NOT NULL,
    PRIMARY KEY (form_id, revision)
);
CREATE INDEX form_revisions_key ON form_revisions (key_id);

-- The comment thread of a form (承認依頼, 差戻し and plain comments). Comments may name
-- the patient, so their text is sealed.
CREATE TABLE form_comments (
    id TEXT PRIMARY KEY,
    form_id TEXT NOT NULL REFERENCES forms (id),
    revision BIGINT NOT NULL,
    action TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES accounts (id),
    at TEXT NOT NULL,
    key_id TEXT NOT NULL,
    sealed_body TEXT NOT NULL
);
CREATE INDEX form_comments_form ON form_comments (form_id, at);
CREATE INDEX form_comments_key ON form_comments (key_id);

-- The revision each account last opened, for "what changed since you last saw it".
CREATE TABLE form_views (
    form_id TEXT NOT NULL REFERENCES forms (id),
    account_id TEXT NOT NULL REFERENCES accounts (id),
    revision BIGINT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (form_id, account_id)
);

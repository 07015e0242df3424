-- 一括登録 (issue 10): one row per uploaded bulk-registration file. The same file (SHA-256)
-- uploaded again by the same institution stores nothing new. Each form is recorded with its
-- position in the file in the same transaction as the form itself, so a form is never stored
-- twice, whatever interrupts an import.
CREATE TABLE form_imports (
    id TEXT PRIMARY KEY,
    institution_id TEXT NOT NULL REFERENCES organizations (id),
    file_hash TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    forms_in_file BIGINT NOT NULL,
    finished_at TEXT,
    UNIQUE (institution_id, file_hash)
);

CREATE TABLE form_import_items (
    import_id TEXT NOT NULL REFERENCES form_imports (id),
    -- 1-based position of the form in the file.
    position BIGINT NOT NULL,
    -- The draft stored, or NULL with the reason it was not (no patient data in it).
    form_id TEXT REFERENCES forms (id),
    refusal TEXT,
    PRIMARY KEY (import_id, position)
);

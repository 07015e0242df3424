-- A finished 一括登録 keeps the findings of its report instead of the file (issue 10): the
-- forms are stored, so the file's copy of their personal data is deleted; the findings
-- (which may quote what was typed) stay sealed under the data key for getJob and the job's
-- screen. A failed job keeps its file, to be resumed.
CREATE TABLE form_import_findings (
    import_id TEXT PRIMARY KEY REFERENCES form_imports (id),
    key_id TEXT NOT NULL,
    sealed TEXT NOT NULL
);
CREATE INDEX form_import_findings_key ON form_import_findings (key_id);

-- Kept files are stored deflated (XML shrinks 5-30 times: less to write, seal and copy).
-- Files kept before are not ('identity').
ALTER TABLE form_import_files ADD COLUMN encoding TEXT NOT NULL DEFAULT 'identity';

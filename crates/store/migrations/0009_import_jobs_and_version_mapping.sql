-- 一括登録 as a background job (issue 10). The uploaded file is kept, sealed under the data
-- key like every other copy of personal data, so that any server can (re)start the job from
-- it after a restart; the forms already stored are known from form_import_items, written in
-- the same transaction as each form. A server works on a job while it holds the lease
-- (`claimed_by` until `claimed_until`), renewed in the transaction of every batch.
ALTER TABLE form_imports ADD COLUMN state TEXT NOT NULL DEFAULT 'finished';
ALTER TABLE form_imports ADD COLUMN claimed_by TEXT;
ALTER TABLE form_imports ADD COLUMN claimed_until TEXT;
ALTER TABLE form_imports ADD COLUMN failure TEXT;
-- Progress, counted in each batch's transaction (a poll of getJob reads one row).
ALTER TABLE form_imports ADD COLUMN handled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE form_imports ADD COLUMN stored BIGINT NOT NULL DEFAULT 0;
UPDATE form_imports SET
    handled = (SELECT COUNT(*) FROM form_import_items t WHERE t.import_id = form_imports.id),
    stored = (SELECT COUNT(form_id) FROM form_import_items t WHERE t.import_id = form_imports.id);

CREATE INDEX form_imports_unfinished ON form_imports (created_at) WHERE state IN ('queued', 'running');
CREATE INDEX form_imports_institution ON form_imports (institution_id, created_at);

-- The file in a table of its own: a lease renewal rewrites the small job row, not megabytes.
CREATE TABLE form_import_files (
    import_id TEXT PRIMARY KEY REFERENCES form_imports (id),
    key_id TEXT NOT NULL,
    sealed TEXT NOT NULL
);
CREATE INDEX form_import_files_key ON form_import_files (key_id);

-- 前回値踏襲 across form versions: the previous form's answers that found no place in the
-- new version (JSON list of {item, label, reason}), shown on the renewal's screen.
ALTER TABLE forms ADD COLUMN not_carried TEXT NOT NULL DEFAULT '[]';

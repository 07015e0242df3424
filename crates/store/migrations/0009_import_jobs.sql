-- 一括登録 as a background job (issue 10). The uploaded file is kept, sealed under the data
-- key like every other copy of personal data, so that any server can (re)start the job from
-- it after a restart; the forms already stored are known from form_import_items, written in
-- the same transaction as each form. A server works on a job while it holds the lease
-- (`claimed_by` until `claimed_until`), renewed in the transaction of every batch.
ALTER TABLE form_imports ADD COLUMN state TEXT NOT NULL DEFAULT 'finished';
ALTER TABLE form_imports ADD COLUMN key_id TEXT;
ALTER TABLE form_imports ADD COLUMN sealed_file TEXT;
ALTER TABLE form_imports ADD COLUMN claimed_by TEXT;
ALTER TABLE form_imports ADD COLUMN claimed_until TEXT;
ALTER TABLE form_imports ADD COLUMN failure TEXT;

CREATE INDEX form_imports_unfinished ON form_imports (created_at) WHERE state IN ('queued', 'running');
CREATE INDEX form_imports_institution ON form_imports (institution_id, created_at);

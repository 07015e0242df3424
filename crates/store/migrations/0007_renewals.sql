-- 前回値踏襲 (issue 10): the confirmed form a renewal started from, and the sections whose
-- carried values the doctor has still to confirm (JSON list of section ids, '[]' when
-- none): approval waits until it is empty.
ALTER TABLE forms ADD COLUMN renewed_from TEXT REFERENCES forms (id);
ALTER TABLE forms ADD COLUMN sections_to_confirm TEXT NOT NULL DEFAULT '[]';
-- The operator's monitoring counts renewals per institution and month.
CREATE INDEX forms_renewals ON forms (created_at, institution_id) WHERE renewed_from IS NOT NULL;

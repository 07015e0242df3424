-- Forms opened by their access key, and 自治体受付 (issue 10).
--
-- A 自治体 that looked a form up by its key sees it afterwards without the key (all its
-- staff), and may receive it. A 指定医 of another institution who looked it up (連携, after
-- confirming the patient's consent) sees it read-only and may start a renewal from it; the
-- link is the doctor's own, not their institution's.
CREATE TABLE form_links (
    form_id TEXT NOT NULL REFERENCES forms (id),
    account_id TEXT NOT NULL REFERENCES accounts (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    -- 'municipality' or 'doctor'.
    kind TEXT NOT NULL,
    -- Doctors: when they confirmed the patient's consent to 連携 (NULL for 自治体).
    consent_recorded_at TEXT,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (form_id, account_id)
);
CREATE INDEX form_links_organization ON form_links (organization_id, kind, last_at);

-- 自治体受付: the day received and the numbers the 自治体 gave. 受給者番号 identifies the
-- patient, so the numbers are sealed (JSON) under the row's key.
CREATE TABLE form_receipts (
    form_id TEXT PRIMARY KEY REFERENCES forms (id),
    municipality_id TEXT NOT NULL REFERENCES organizations (id),
    received_on TEXT NOT NULL,
    received_by TEXT NOT NULL REFERENCES accounts (id),
    at TEXT NOT NULL,
    key_id TEXT NOT NULL,
    sealed TEXT NOT NULL
);
CREATE INDEX form_receipts_municipality ON form_receipts (municipality_id, received_on);
CREATE INDEX form_receipts_key ON form_receipts (key_id);

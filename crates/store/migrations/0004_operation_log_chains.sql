-- The operation log becomes one hash chain per partition (the acting organization) instead
-- of one chain for the whole country: appends of different organizations no longer queue
-- on one head row, and the partition key is the distribution column on a distributed
-- PostgreSQL. Each chain keeps its own tamper evidence; `nsdb verify-log` checks them all.
CREATE TABLE operation_log_entries (
    chain TEXT NOT NULL,
    seq BIGINT NOT NULL,
    -- 1: the single-chain format of 0001 (entries written before this migration, kept in
    -- the chain 'legacy' with their original hashes); 2: hashes that cover the chain name.
    hash_version BIGINT NOT NULL,
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
    hash TEXT NOT NULL,
    PRIMARY KEY (chain, seq)
);
INSERT INTO operation_log_entries (chain, seq, hash_version, at, actor_login_id, actor_organization_id,
    municipality_scope, action, target, result, client_address, detail, prev_hash, hash)
SELECT 'legacy', seq, 1, at, actor_login_id, actor_organization_id, municipality_scope, action, target,
    result, client_address, detail, prev_hash, hash FROM operation_logs;
DROP TABLE operation_logs;
ALTER TABLE operation_log_entries RENAME TO operation_logs;
CREATE INDEX operation_logs_at ON operation_logs (at);
CREATE INDEX operation_logs_scope ON operation_logs (municipality_scope, at);
CREATE INDEX operation_logs_target ON operation_logs (target, at);

-- The head of each chain. An append updates its chain's row first, which serializes the
-- appends of one chain (and only of that chain) without advisory locks.
CREATE TABLE operation_log_chains (
    chain TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO operation_log_chains (chain, seq, hash)
SELECT 'legacy', seq, hash FROM operation_log_head WHERE seq > 0;
DROP TABLE operation_log_head;

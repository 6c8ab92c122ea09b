-- Tokens are listed and revoked while the server runs: each gets a public id (the first 16 hex characters of
-- its SHA-256, which says nothing about the secret), a name its owner chose, and when it was last used.
-- Tokens made before this migration are named after their principal.
ALTER TABLE api_tokens ADD COLUMN token_id CHAR(16);
ALTER TABLE api_tokens ADD COLUMN name VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN last_used_at_ms BIGINT NOT NULL DEFAULT 0;
UPDATE api_tokens SET token_id = SUBSTRING(token_hash, 1, 16);
UPDATE api_tokens SET name = (SELECT SUBSTRING(p.name, 1, 64) FROM principals p WHERE p.principal_id = api_tokens.principal_id);
ALTER TABLE api_tokens ALTER COLUMN token_id SET NOT NULL;
CREATE UNIQUE INDEX api_tokens_by_id ON api_tokens (token_id);
CREATE INDEX api_tokens_by_principal ON api_tokens (principal_id, created_at_ms);

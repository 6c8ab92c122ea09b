-- OpenChannel and TopUpChannel requests under the caller's idempotency key, inserted before anything is signed, so
-- that a retry (also after a crash between steps) returns the first result instead of moving a second deposit.
-- stage: RECORDED (nothing sent), SENDING (claimed at sent_at_ms: transactions may be on their way), DONE (txid).
-- channel_id: the channel the request opened (written before the open is sent) or tops up.
-- deposit_before_base_units: for a top-up, the channel's deposit on chain when it was sent, so a later look at the
-- chain tells whether it landed.
CREATE TABLE channel_requests (
  principal_id VARCHAR(36) NOT NULL REFERENCES principals (principal_id),
  idempotency_key VARCHAR(128) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  wallet_id VARCHAR(36) NOT NULL,
  channel_id CHAR(64),
  deposit_before_base_units VARCHAR(80),
  stage VARCHAR(8) NOT NULL,
  sent_at_ms BIGINT NOT NULL,
  txid CHAR(64),
  created_at_ms BIGINT NOT NULL,
  CONSTRAINT channel_requests_key PRIMARY KEY (principal_id, idempotency_key)
);

-- The reclaim of an expired channel, per payer row: claimed (sent_at_ms) before the transaction is sent, so the
-- settlement watcher sends at most one reclaim at a time for a channel, also across restarts and instances, and
-- sends again only once the earlier one can no longer land. txid once it is in a block.
CREATE TABLE channel_reclaims (
  row_id BIGINT PRIMARY KEY REFERENCES channels (row_id),
  sent_at_ms BIGINT NOT NULL,
  txid CHAR(64)
);

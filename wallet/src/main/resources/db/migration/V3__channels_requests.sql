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

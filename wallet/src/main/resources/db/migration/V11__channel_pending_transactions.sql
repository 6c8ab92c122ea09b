-- Each channel transaction signed and not yet seen in a block, stored before it is first broadcast: a wallet that
-- restarts, or a node that restarted and forgot it, gets the same transaction broadcast again until it lands or
-- expires, and an opening channel is given up only once no stored open can still land. The row goes when the
-- transaction is in a block (it is then in channel_transactions) or has expired. raw_tx is the signed protobuf;
-- expiration_ms is TRON's expiration, on the chain's clock.
CREATE TABLE channel_pending_transactions (
  txid CHAR(64) NOT NULL PRIMARY KEY,
  principal_id VARCHAR(36) NOT NULL REFERENCES principals (principal_id),
  wallet_id VARCHAR(36) NOT NULL,
  channel_id CHAR(64) NOT NULL,
  call_id CHAR(36) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  raw_tx BYTEA NOT NULL,
  expiration_ms BIGINT NOT NULL,
  signed_at_ms BIGINT NOT NULL
);

CREATE INDEX channel_pending_by_channel ON channel_pending_transactions (wallet_id, channel_id);

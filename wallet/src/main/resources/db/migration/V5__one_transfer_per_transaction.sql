-- Every transfer is its own transaction. Before this migration two transfers with the same content built in the
-- same millisecond were byte-identical: one transaction, one payment, and both were marked CONFIRMED on its
-- strength. Such a later copy never paid anything: it is recorded as FAILED (with an event, so streams learn of
-- it) and loses the transaction id it shared. From here on the database refuses a second transfer with the same
-- transaction id.
INSERT INTO transfer_events (transfer_id, principal_id, status, txid, failure_reason, fee_sun, block_number,
                             expiration_ms, at_ms)
SELECT t.transfer_id, t.principal_id, 'FAILED', NULL,
       'its transaction was identical to an earlier transfer''s, so it never paid on its own; send it again',
       0, 0, t.expiration_ms, t.updated_at_ms
  FROM transfers t
 WHERE t.txid IS NOT NULL
   AND EXISTS (SELECT 1 FROM transfers o WHERE o.txid = t.txid AND o.creation_index < t.creation_index)
 ORDER BY t.creation_index;

UPDATE transfers
   SET status = 'FAILED', stage = 'DONE', txid = NULL, raw_tx = NULL, fee_sun = 0, block_number = 0,
       failure_reason = 'its transaction was identical to an earlier transfer''s, so it never paid on its own; send it again'
 WHERE txid IS NOT NULL
   AND EXISTS (SELECT 1 FROM transfers o WHERE o.txid = transfers.txid AND o.creation_index < transfers.creation_index);

CREATE UNIQUE INDEX transfers_by_txid ON transfers (txid);

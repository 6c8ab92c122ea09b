-- The seeder's count per channel: the highest cumulative voucher of each payer's channel that its ledgers have
-- counted as paid, written with the ledger in one transaction. Its wallet may store a voucher that the ledgers never
-- count (the daemon died between the two); the buyer sends that voucher again, and only the difference between what
-- the wallet stored and this count is paid into a ledger: earnings are neither short nor counted twice.
CREATE TABLE speed_seller_channels (
  channel_id      CHAR(64)      NOT NULL PRIMARY KEY, -- lowercase hex
  credited_units  NUMERIC(80,0) NOT NULL
);

-- Whether this store counted vouchers before the table above existed. Its channels then have no row, and their
-- count starts from what the wallet holds when the payer next bids (the earlier rule), not from zero, which would
-- pay every voucher of those channels into the ledgers a second time.
CREATE TABLE speed_seller_channels_origin (
  legacy  BOOLEAN NOT NULL
);
INSERT INTO speed_seller_channels_origin (legacy)
  SELECT COUNT(*) > 0 FROM speed_ledgers WHERE role = 'SELLER' AND paid_units > 0;

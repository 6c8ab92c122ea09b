-- The Speed protocol's money per (torrent, counterparty, asset), DESIGN §5: what a peer owes us for paid-slot
-- data we sent it (role SELLER, counterparty = the payer), and what we owe a peer for verified paid-slot data it
-- supplied (role BUYER, counterparty = the payee). Amounts are exact integers of base units; the owed numerator
-- is Σ bytes × price per MiB, divided by 2^20 (rounded down) only when read, so it never drifts.
CREATE TABLE speed_ledgers (
  role            VARCHAR(6)     NOT NULL,             -- SELLER or BUYER
  info_hash       CHAR(40)       NOT NULL,             -- lowercase hex v1 infohash
  counterparty    CHAR(42)       NOT NULL,             -- TRON address, hex 41...
  asset           VARCHAR(64)    NOT NULL,             -- Asset.key(): TRC10:<id> or TRC20:<base58>
  owed_numerator  NUMERIC(100,0) NOT NULL,             -- Σ bytes × base units per MiB
  paid_units      NUMERIC(80,0)  NOT NULL,             -- vouchers accepted (SELLER) or signed (BUYER) for it
  bytes_paid      BIGINT         NOT NULL,             -- piece bytes under a paid slot
  bytes_free      BIGINT         NOT NULL,             -- piece bytes outside a paid slot
  PRIMARY KEY (role, info_hash, counterparty, asset)
);

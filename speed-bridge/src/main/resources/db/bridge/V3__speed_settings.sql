-- What the user told the Speed node to sell and bid (DESIGN §5), so a restarted daemon trades as before.

-- The asks: paid slots sold in each asset at this price per MiB or more (a row per asset it sells in).
CREATE TABLE speed_asks (
  asset        VARCHAR(64)   NOT NULL PRIMARY KEY, -- Asset.key(): TRC10:<id> or TRC20:<base58>
  price_units  NUMERIC(80,0) NOT NULL              -- base units per MiB, at least 1
);

-- The bid policies: one per torrent, and the default for torrents without one (info_hash '*').
CREATE TABLE speed_bid_policies (
  info_hash     VARCHAR(40)   NOT NULL PRIMARY KEY, -- lowercase hex v1 infohash, or '*' for the default
  kind          VARCHAR(5)    NOT NULL,             -- NONE, FIXED or AUTO
  asset         VARCHAR(64),                        -- FIXED and AUTO: the asset bid in
  price_units   NUMERIC(80,0),                      -- FIXED: base units per MiB
  budget_units  NUMERIC(80,0),                      -- FIXED and AUTO: the most per seller
  rate          VARCHAR(64)                         -- AUTO: the spending rate, an exact decimal
);

-- The leecher's promise per channel: the cumulative amount it decided to sign, written with the ledger's payment
-- before the wallet signs. After a crash between the two the next voucher starts from here, so what the ledger
-- counts as paid is what the payee receives (not less), and nothing is paid twice.
CREATE TABLE speed_buyer_channels (
  channel_id       CHAR(64)      NOT NULL PRIMARY KEY, -- lowercase hex
  committed_units  NUMERIC(80,0) NOT NULL
);

-- The torrents the daemon manages; a restart starts again every RUNNING one from its metainfo (existing pieces are
-- verified, not downloaded again).
CREATE TABLE torrents (
  info_hash      CHAR(40)      NOT NULL PRIMARY KEY, -- lowercase hex v1 infohash
  name           VARCHAR(1024) NOT NULL,
  metainfo       BLOB,                               -- the .torrent; NULL for a magnet until its metadata arrives
  magnet         VARCHAR(8192),                      -- the magnet link it was added by, if any
  download_dir   VARCHAR(4096) NOT NULL,             -- absolute path the content lies under
  peers          VARCHAR(8192) NOT NULL,             -- named peers, host:port separated by spaces
  state          VARCHAR(16)   NOT NULL,             -- RUNNING or PAUSED
  up_cap_bps     BIGINT        NOT NULL,             -- per-torrent upload cap, bytes/s, 0 = none
  down_cap_bps   BIGINT        NOT NULL,             -- per-torrent download cap, bytes/s, 0 = none
  added_at_ms    BIGINT        NOT NULL              -- when it was added, ms since the epoch
);

-- Global settings that survive a restart.
CREATE TABLE settings (
  setting_name  VARCHAR(64)  NOT NULL PRIMARY KEY,
  setting_value VARCHAR(256) NOT NULL
);

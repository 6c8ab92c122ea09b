package io.bttspeed.bridge.manager;

/** What a managed torrent is doing. */
public enum TorrentState {
  /** Waiting for the metadata of a magnet link from peers. */
  FETCHING_METADATA,
  /** Started; existing data is being verified or pieces are being downloaded. */
  DOWNLOADING,
  /** Every piece verified; uploading to peers. */
  SEEDING,
  /** Stopped by the user; nothing is transferred. */
  PAUSED,
  /** Stopped because of an error (the message says which). */
  FAILED
}

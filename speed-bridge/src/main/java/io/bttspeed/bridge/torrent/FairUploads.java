package io.bttspeed.bridge.torrent;

import bt.net.ConnectionKey;

/**
 * Start-time fair queueing of a capped upload: each connection's blocks are tagged with the virtual
 * time they would finish at its share, and while several connections wait for upload tokens the
 * smallest start tag goes first. A paid slot's share is twice an ordinary slot's ({@link
 * ChokingAgent#uploadShare}). Used by the dispatcher's thread only.
 */
final class FairUploads {
  /**
   * Virtual-time units per byte at share 1; divisible by every share, so tags stay exact integers.
   */
  private static final long SHARE_SCALE = 2L * ChokingAgent.PAID_UPLOAD_SHARE;

  private final ChokingAgent shares;

  /** The start tag of the last block sent. */
  private long virtualTime;

  /** The smallest start tag among connections with a block waiting for tokens, this round. */
  private long backlogStart = Long.MAX_VALUE;

  FairUploads(ChokingAgent shares) {
    this.shares = shares;
  }

  /** A new round: no connection is known to wait yet. */
  void newRound() {
    backlogStart = Long.MAX_VALUE;
  }

  /** A connection whose last block ended at {@code finishTag} has a block waiting for tokens. */
  void waiting(long finishTag) {
    backlogStart = Math.min(backlogStart, startTag(finishTag));
  }

  /** Whether another connection's waiting block is due before this connection's next one. */
  boolean othersFirst(long finishTag) {
    return startTag(finishTag) > backlogStart;
  }

  /**
   * Records a block of {@code bytes} sent on {@code key}; returns the connection's new finish tag.
   */
  long sent(ConnectionKey key, long finishTag, long bytes) {
    long start = startTag(finishTag);
    virtualTime = start;
    return start + bytes * SHARE_SCALE / shares.uploadShare(key);
  }

  /** Where a connection's next block starts: a connection that was idle starts now. */
  private long startTag(long finishTag) {
    return Math.max(finishTag, virtualTime);
  }
}

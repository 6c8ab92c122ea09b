package io.bttspeed.bridge.torrent;

import bt.protocol.Cancel;
import bt.protocol.Request;
import bt.torrent.annotation.Consumes;
import bt.torrent.messaging.Mapper;
import bt.torrent.messaging.MessageContext;
import java.util.Set;

/**
 * Fixes how Bt 1.10 remembers a peer's {@code cancel}s. Bt adds every cancelled block to a per-connection set and
 * drops the next {@code piece} it would send for that block, whenever the request for it came. A leecher that
 * times out re-sends exactly that sequence, cancel then request of the same block, so its piece was dropped, the
 * leecher timed out again five seconds later and did the same, forever: a download stuck at a few blocks short of
 * complete while the seeder kept it unchoked (seen in five-leecher swarms under a capped upload).
 *
 * <p>Here a request clears an earlier cancel of the same block (the request is the peer's latest word), and the set
 * is bounded: a peer cannot grow it without limit by cancelling blocks it never asked for. Forgetting cancels at the
 * bound at worst sends a block the peer no longer wants, which it discards.
 *
 * <p>Public only because Bt compiles its agents through a public method-handle lookup.
 */
public final class RequestAfterCancelAgent {
  /** Cancels remembered per connection; far above the requests a peer may have outstanding (Bt's own is 250). */
  static final int MAX_REMEMBERED_CANCELS = 1024;

  @Consumes
  public void consume(Request request, MessageContext context) {
    context.getConnectionState().getCancelledPeerRequests()
        .remove(Mapper.mapper().buildKey(request.getPieceIndex(), request.getOffset(), request.getLength()));
  }

  @Consumes
  public void consume(Cancel cancel, MessageContext context) {
    Set<Object> cancelled = context.getConnectionState().getCancelledPeerRequests();
    if (cancelled.size() >= MAX_REMEMBERED_CANCELS) {
      cancelled.clear();
    }
  }
}

package io.bttspeed.devnet.node;

import io.bttspeed.devnet.crypto.Hash32;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Ids of every transaction, pending or on chain, that has not expired: a duplicate can only be one
 * of these, since an expired transaction is rejected before its id is ever looked at. Callers hold
 * the node's lock.
 */
final class KnownTransactions {
  private record Expiry(long expirationMs, Hash32 id) {}

  private final Map<Hash32, Long> expirations = new HashMap<>();
  private final PriorityQueue<Expiry> byExpiration =
      new PriorityQueue<>((a, b) -> Long.compare(a.expirationMs(), b.expirationMs()));

  void add(Hash32 id, long expirationMs) {
    if (expirations.put(id, expirationMs) == null) {
      byExpiration.add(new Expiry(expirationMs, id));
    }
  }

  boolean contains(Hash32 id) {
    return expirations.containsKey(id);
  }

  /** Forgets transactions that expired at or before the given head time. */
  void expire(long headTimeMs) {
    while (!byExpiration.isEmpty() && byExpiration.peek().expirationMs() <= headTimeMs) {
      expirations.remove(byExpiration.poll().id());
    }
  }
}

package io.bttspeed.wallet.store;

import java.util.List;

/**
 * A per-principal log of committed events, numbered in commit order, that tells listeners when it
 * grows.
 */
public interface EventLog<E> {
  /** Fired after every commit of events. */
  CommitSignal commits();

  /**
   * The principal's events with an index above {@code afterIndex}, oldest first, at most {@code
   * limit}.
   */
  List<E> events(String principalId, long afterIndex, int limit);
}

package io.bttspeed.bridge.torrent;

import bt.net.ConnectionKey;
import bt.protocol.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One connection as {@link LimitingMessageDispatcher} serves it: its consumers, suppliers and the
 * message waiting for tokens.
 */
final class DispatchedConnection {
  final ConnectionKey key;
  final List<Consumer<Message>> consumers = new CopyOnWriteArrayList<>();
  final List<Supplier<Message>> suppliers = new CopyOnWriteArrayList<>();

  /** Touched by the dispatcher thread only. */
  Message held;

  /** The virtual time its last block finished at its share ({@link FairUploads}). */
  long upTag;

  /**
   * Whether reading waits for Bt to settle an earlier connection of this key: until a supplier call
   * started after {@link #readsAfter} (System.nanoTime()). Dispatcher thread only, once the channel
   * is published.
   */
  boolean waitsForBt;

  long readsAfter;

  /** Whether the suppliers were called yet, and when last (System.nanoTime()). */
  boolean supplied;

  long suppliedAt;

  DispatchedConnection(ConnectionKey key, Long readsAfter) {
    this.key = key;
    if (readsAfter != null) {
      this.waitsForBt = true;
      this.readsAfter = readsAfter;
    }
  }
}

package io.bttspeed.bridge.torrent;

import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.net.IMessageDispatcher;
import bt.net.IPeerConnectionPool;
import bt.net.PeerConnection;
import bt.protocol.Message;
import bt.protocol.Piece;
import bt.protocol.Request;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import bt.torrent.TorrentRegistry;
import com.google.inject.Inject;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.RateLimits;
import io.bttspeed.tron.supervision.Supervisor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our replacement for Bt's {@code MessageDispatcher}: one thread moves messages between every
 * connection and its torrent's workers, as Bt's does, and in addition
 *
 * <ul>
 *   <li>forgets a connection when it disconnects (Bt 1.10 keeps its consumers and suppliers
 *       forever, and a reconnect from the same address then has its messages handled twice);
 *   <li>reads nothing from a new connection until Bt has settled the earlier connection of the same
 *       {@link ConnectionKey} ({@link DisconnectedKeys#BT_SETTLES_A_DISCONNECT_AFTER}): without
 *       that, the leecher of a seeder that restarted on the same port lost the seeder's bitfield
 *       and never asked it for a piece again;
 *   <li>applies the {@link RateLimits}: a block ({@code piece}) is sent, and a {@code request} (the
 *       download it asks for) is made, only while the global and the torrent bucket of that
 *       direction have tokens; a message that must wait is held for its connection, which sends
 *       nothing else until it goes, so nothing blocks the thread;
 *   <li>lets Bt drop a block whose request the peer cancelled only as {@link CancelAgent} decides
 *       (Bt's own cancel handling could swallow the answer to a later request of the same block);
 *   <li>is fair between peers: each round starts one connection further on, and a connection reads
 *       at most a bounded batch per round;
 *   <li>shares a capped upload by weight ({@link FairUploads}): a paid slot's share is twice an
 *       ordinary slot's; without a cap nothing waits and nothing changes;
 *   <li>hands Bt's piece consumer each block's data from the connection it came on ({@link
 *       ReceivedBlocks}).
 * </ul>
 */
final class LimitingMessageDispatcher implements IMessageDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(LimitingMessageDispatcher.class);

  /** Messages read from one connection per round, so one fast peer cannot starve the others. */
  private static final int READ_BATCH = 64;

  private final Map<ConnectionKey, DispatchedConnection> channels = new ConcurrentHashMap<>();

  /** Keys whose earlier connection Bt may still hold state of. */
  private final DisconnectedKeys disconnectedKeys;

  private final IPeerConnectionPool pool;
  private final TorrentRegistry torrents;
  private final RateLimits<TorrentId> limits;
  private final FairUploads uploads;
  private final CancelAgent cancels;
  private final ReceivedBlocks blocks;
  private final long maxIdleNanos;

  private volatile boolean running = true;
  private volatile Thread loopThread;
  private int roundStart;

  @Inject
  LimitingMessageDispatcher(
      IRuntimeLifecycleBinder lifecycle,
      IPeerConnectionPool pool,
      TorrentRegistry torrents,
      EventSource events,
      RateLimits<TorrentId> limits,
      ChokingAgent shares,
      CancelAgent cancels,
      ReceivedBlocks blocks,
      Config config) {
    this.pool = pool;
    this.torrents = torrents;
    this.limits = limits;
    this.uploads = new FairUploads(shares);
    this.cancels = cancels;
    this.blocks = blocks;
    this.disconnectedKeys = new DisconnectedKeys(torrents);
    this.maxIdleNanos =
        Math.max(
            TimeUnit.MICROSECONDS.toNanos(100), config.getMaxMessageProcessingInterval().toNanos());
    events.onPeerDisconnected(null, e -> disconnected(e.getConnectionKey()));
    String name = config.getAcceptorPort() + ".bridge.message-dispatcher";
    lifecycle.onStartup(
        "Start the message dispatcher",
        () -> {
          // Supervised: the loop survives a failing round itself; anything that still ends the
          // thread (an Error) stops the process loudly, since no transfer could go on without it.
          Thread thread = Supervisor.process().threads(name).newThread(this::loop);
          loopThread = thread;
          thread.start();
        });
    lifecycle.onShutdown(
        "Stop the message dispatcher",
        () -> {
          running = false;
          Thread thread = loopThread;
          if (thread != null) {
            LockSupport.unpark(thread);
          }
        });
  }

  @Override
  public void addMessageConsumer(ConnectionKey key, Consumer<Message> consumer) {
    addToChannel(key, c -> c.consumers.add(consumer));
  }

  @Override
  public void addMessageSupplier(ConnectionKey key, Supplier<Message> supplier) {
    addToChannel(key, c -> c.suppliers.add(supplier));
  }

  /**
   * Adds to the connection's channel inside {@code compute()}, so a new channel is complete before
   * the loop can see it. With {@code computeIfAbsent(...).consumers.add(...)} the loop could see a
   * new channel without its consumer and read the messages that came with the handshake (the peer's
   * bitfield and extended handshake) into nobody: the leecher never learned what the seeder had,
   * and the transfer waited for good (SingleCpuTest, about once in 110 transfers on one loaded
   * CPU).
   */
  private void addToChannel(ConnectionKey key, Consumer<DispatchedConnection> add) {
    channels.compute(
        key,
        (k, channel) -> {
          DispatchedConnection c =
              channel == null
                  ? new DispatchedConnection(k, disconnectedKeys.readsAfter(k))
                  : channel;
          add.accept(c);
          return c;
        });
    wake();
  }

  private void disconnected(ConnectionKey key) {
    channels.remove(key);
    disconnectedKeys.disconnected(key);
  }

  /** Forgets the disconnected keys that Bt has settled; see {@link DisconnectedKeys}. */
  private void pruneSettled(DispatchedConnection[] snapshot) {
    if (!disconnectedKeys.pruneDue()) {
      return;
    }
    Map<TorrentId, Long> supplied = new HashMap<>();
    for (DispatchedConnection channel : snapshot) {
      if (channel.supplied) {
        supplied.merge(channel.key.getTorrentId(), channel.suppliedAt, (x, y) -> x - y < 0 ? y : x);
      }
    }
    disconnectedKeys.prune(supplied);
  }

  /** The connections this dispatcher serves now; zero once every peer has gone. */
  int connectionCount() {
    return channels.size();
  }

  /** Every connection served, with what the dispatcher sees of it, for diagnosing a stall. */
  String describe() {
    StringBuilder out = new StringBuilder();
    for (DispatchedConnection channel : channels.values()) {
      PeerConnection connection = pool.getConnection(channel.key);
      out.append("\n  ")
          .append(channel.key)
          .append(
              torrents.isSupportedAndActive(channel.key.getTorrentId()) ? " active" : " inactive")
          .append(
              connection == null ? " no-connection" : connection.isClosed() ? " closed" : " open")
          .append(" held=")
          .append(channel.held)
          .append(channel.waitsForBt ? " reads-wait-for-bt-to-settle" : "");
    }
    return out.toString();
  }

  private void wake() {
    Thread thread = loopThread;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private void loop() {
    long idleNanos = 0;
    while (running) {
      boolean worked;
      try {
        worked = round();
      } catch (RuntimeException e) {
        // Background work never dies silently, and one bad round must not stop every transfer.
        LOG.error("message dispatcher round failed", e);
        worked = false;
      }
      if (worked) {
        idleNanos = 0;
      } else if (channels.isEmpty()) {
        // No connection at all: sleep until one is added (addMessageConsumer/Supplier wake us).
        // Polling here cost a seeding daemon with no peers about 2 % of a core (docs/benchmarks.md,
        // idle cost).
        idleNanos = 0;
        LockSupport.park(this);
      } else {
        // Back off while idle (or rate limited), up to the configured processing interval.
        idleNanos =
            Math.min(maxIdleNanos, Math.max(TimeUnit.MICROSECONDS.toNanos(50), idleNanos * 2));
        LockSupport.parkNanos(idleNanos);
      }
    }
  }

  private boolean round() {
    DispatchedConnection[] snapshot = channels.values().toArray(new DispatchedConnection[0]);
    int n = snapshot.length;
    if (n == 0) {
      return false;
    }
    boolean worked = false;
    uploads.newRound();
    for (DispatchedConnection channel : snapshot) {
      if (channel.held != null && direction(channel.held) == Direction.UP) {
        uploads.waiting(channel.upTag);
      }
    }
    pruneSettled(snapshot);
    int start = Math.floorMod(roundStart++, n);
    for (int i = 0; i < n; i++) {
      DispatchedConnection channel = snapshot[(start + i) % n];
      if (!torrents.isSupportedAndActive(channel.key.getTorrentId())) {
        continue;
      }
      PeerConnection connection = pool.getConnection(channel.key);
      if (connection == null) {
        continue;
      }
      if (connection.isClosed()) {
        channels.remove(channel.key, channel);
        continue;
      }
      worked |= read(channel, connection);
      worked |= write(channel, connection);
    }
    return worked;
  }

  private boolean read(DispatchedConnection channel, PeerConnection connection) {
    if (channel.consumers.isEmpty()) {
      return false; // a message read now would reach nobody: leave it queued for the consumer
    }
    if (channel.waitsForBt) {
      if (!channel.supplied || channel.suppliedAt - channel.readsAfter < 0) {
        return false; // Bt may still hold the earlier connection of this key: see the constant
      }
      channel.waitsForBt = false;
    }
    // Bt's piece consumer takes each block's data from the connection it came on.
    blocks.delivering(connection);
    try {
      return deliver(channel, connection);
    } finally {
      blocks.delivered();
    }
  }

  private boolean deliver(DispatchedConnection channel, PeerConnection connection) {
    boolean worked = false;
    for (int i = 0; i < READ_BATCH; i++) {
      Message message;
      try {
        message = connection.readMessageNow();
      } catch (Exception e) {
        LOG.debug("reading from {} failed: {}", channel.key.getPeer(), e.toString());
        return worked;
      }
      if (message == null) {
        return worked;
      }
      worked = true;
      for (Consumer<Message> consumer : channel.consumers) {
        try {
          consumer.accept(message);
        } catch (RuntimeException e) {
          LOG.warn("a message consumer for {} failed", channel.key.getPeer(), e);
        }
      }
    }
    return worked;
  }

  private boolean write(DispatchedConnection channel, PeerConnection connection) {
    TorrentId torrent = channel.key.getTorrentId();
    if (channel.held != null) {
      if (!mayGo(channel, torrent, channel.held)) {
        return false;
      }
      Message held = channel.held;
      channel.held = null;
      send(channel, connection, torrent, held);
      return true;
    }
    boolean worked = false;
    if (!channel.suppliers.isEmpty()) {
      channel.suppliedAt = System.nanoTime();
      channel.supplied = true;
    }
    for (Supplier<Message> supplier : channel.suppliers) {
      Message message = null;
      cancels.beforeProduce(channel.key);
      try {
        message = supplier.get();
      } catch (RuntimeException e) {
        LOG.warn("a message supplier for {} failed", channel.key.getPeer(), e);
      } finally {
        cancels.afterProduce(channel.key, message);
      }
      if (message == null) {
        continue;
      }
      worked = true;
      if (!mayGo(channel, torrent, message)) {
        channel.held = message;
        return true;
      }
      send(channel, connection, torrent, message);
    }
    return worked;
  }

  private boolean mayGo(DispatchedConnection channel, TorrentId torrent, Message message) {
    Direction direction = direction(message);
    if (direction == null) {
      return true;
    }
    if (direction == Direction.UP && uploads.othersFirst(channel.upTag)) {
      return false; // another connection's block is due first
    }
    return limits.mayTransfer(torrent, direction);
  }

  private void send(
      DispatchedConnection channel, PeerConnection connection, TorrentId torrent, Message message) {
    Direction direction = direction(message);
    if (direction != null) {
      long bytes = payloadBytes(message);
      limits.charge(torrent, direction, bytes);
      if (direction == Direction.UP) {
        channel.upTag = uploads.sent(channel.key, channel.upTag, bytes);
      }
    }
    try {
      connection.postMessage(message);
    } catch (Exception e) {
      LOG.debug("writing to {} failed: {}", channel.key.getPeer(), e.toString());
    }
  }

  private static Direction direction(Message message) {
    if (message instanceof Piece) {
      return Direction.UP;
    }
    if (message instanceof Request) {
      return Direction.DOWN;
    }
    return null;
  }

  private static long payloadBytes(Message message) {
    if (message instanceof Piece piece) {
      return piece.getLength();
    }
    return ((Request) message).getLength();
  }
}

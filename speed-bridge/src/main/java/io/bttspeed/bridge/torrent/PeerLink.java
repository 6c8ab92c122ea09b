package io.bttspeed.bridge.torrent;

import bt.net.ConnectionKey;
import bt.torrent.messaging.ConnectionState;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.protocol.SpeedCodec;
import io.bttspeed.bridge.protocol.SpeedMessage;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One BitTorrent connection of one torrent, as the layers above the engine see it (they never see
 * Bt's types). Identity is the connection: a reconnect is a new link. Thread-safe.
 */
public final class PeerLink {
  private final ConnectionKey key;
  private final ConnectionState state;
  private final InfoHash torrent;
  private final Queue<SpeedWireMessage> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicLong protocolBytesSent = new AtomicLong();
  private final AtomicLong protocolBytesReceived = new AtomicLong();
  private volatile boolean speaksSpeed;
  private volatile boolean open = true;

  PeerLink(ConnectionKey key, ConnectionState state) {
    this.key = key;
    this.state = state;
    this.torrent = InfoHash.of(key.getTorrentId().getBytes());
  }

  public InfoHash torrent() {
    return torrent;
  }

  /**
   * The peer's address now (an incoming peer's port becomes its listening port once it tells us).
   */
  public PeerAddress address() {
    return Peers.address(key.getPeer());
  }

  /** Piece payload sent to the peer on this connection. */
  public long uploadedBytes() {
    return state.getUploaded();
  }

  /** Piece payload received from the peer on this connection. */
  public long downloadedBytes() {
    return state.getDownloaded();
  }

  public boolean peerInterested() {
    return state.isPeerInterested();
  }

  /** Whether the peer advertised {@code bt_speed}; nothing is ever sent to a peer that did not. */
  public boolean speaksSpeed() {
    return speaksSpeed;
  }

  public boolean isOpen() {
    return open;
  }

  /**
   * Queues a message for the peer; false (and nothing sent) when the peer does not speak {@code
   * bt_speed} or the connection is gone.
   */
  public boolean send(SpeedMessage message) {
    if (!speaksSpeed || !open) {
      return false;
    }
    byte[] payload = SpeedCodec.encode(message);
    outbox.add(SpeedWireMessage.outgoing(payload));
    return true;
  }

  /**
   * {@code bt_speed} payload bytes sent and received on this connection (for the protocol-overhead
   * benchmark).
   */
  public long protocolBytesSent() {
    return protocolBytesSent.get();
  }

  public long protocolBytesReceived() {
    return protocolBytesReceived.get();
  }

  /** Queues raw payload bytes as they are: for tests that play a hostile peer. */
  void sendRaw(byte[] payload) {
    if (speaksSpeed && open) {
      outbox.add(SpeedWireMessage.unchecked(payload));
    }
  }

  ConnectionKey key() {
    return key;
  }

  void advertised() {
    speaksSpeed = true;
  }

  void closed() {
    open = false;
    outbox.clear();
  }

  SpeedWireMessage nextOutgoing() {
    SpeedWireMessage next = open && speaksSpeed ? outbox.poll() : null;
    if (next != null) {
      protocolBytesSent.addAndGet(next.length());
    }
    return next;
  }

  void countReceived(int length) {
    protocolBytesReceived.addAndGet(length);
  }

  @Override
  public String toString() {
    return torrent + "/" + address();
  }
}

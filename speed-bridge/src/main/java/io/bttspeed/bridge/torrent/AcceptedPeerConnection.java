package io.bttspeed.bridge.torrent;

import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.net.PeerConnection;
import bt.net.pipeline.ChannelHandler;
import bt.protocol.Message;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A connection that {@link MseConnectionFactory} accepted: a peer and the channel handler of its
 * pipeline. Bt's own implementation cannot be reused, its constructor is package-private; this one
 * keeps its contract (reads and writes serialized on the connection, {@code readMessage} polls
 * until a message or the timeout).
 */
final class AcceptedPeerConnection implements PeerConnection {
  /**
   * How often {@code readMessage} looks for a message. It only waits for the peer's BitTorrent
   * handshake, which usually came with the encryption handshake and is there at the first look.
   */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Peer peer;
  private final int remotePort;
  private final ChannelHandler handler;
  private final AtomicReference<TorrentId> torrentId = new AtomicReference<>();
  private volatile long lastActiveMillis;

  AcceptedPeerConnection(Peer peer, int remotePort, ChannelHandler handler) {
    this.peer = peer;
    this.remotePort = remotePort;
    this.handler = handler;
  }

  @Override
  public Peer getRemotePeer() {
    return peer;
  }

  @Override
  public int getRemotePort() {
    return remotePort;
  }

  @Override
  public TorrentId setTorrentId(TorrentId id) {
    return torrentId.getAndSet(id);
  }

  @Override
  public TorrentId getTorrentId() {
    return torrentId.get();
  }

  @Override
  public synchronized Message readMessageNow() {
    Message message = handler.receive();
    if (message != null) {
      lastActiveMillis = System.currentTimeMillis();
    }
    return message;
  }

  @Override
  public synchronized Message readMessage(long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    Message message = readMessageNow();
    while (message == null && !handler.isClosed() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(POLL_NANOS);
      message = readMessageNow();
    }
    return message;
  }

  @Override
  public synchronized void postMessage(Message message) {
    lastActiveMillis = System.currentTimeMillis();
    handler.send(message);
  }

  @Override
  public long getLastActive() {
    return lastActiveMillis;
  }

  @Override
  public void closeQuietly() {
    close();
  }

  @Override
  public void close() {
    handler.close(); // idempotent: closes the channel and returns the buffers once
  }

  @Override
  public boolean isClosed() {
    return handler.isClosed();
  }

  @Override
  public String toString() {
    return "AcceptedPeerConnection[" + peer + ":" + remotePort + " " + torrentId.get() + "]";
  }
}

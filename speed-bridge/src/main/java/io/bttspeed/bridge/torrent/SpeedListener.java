package io.bttspeed.bridge.torrent;

/**
 * The Speed protocol's view of the engine's connections. Called on Bt's threads: implementations
 * must be quick, must not block and must not throw.
 */
public interface SpeedListener {
  /**
   * The peer advertised {@code bt_speed} in its extended handshake; the link may send from now on.
   */
  default void connected(PeerLink link) {}

  /**
   * A {@code bt_speed} payload arrived.
   *
   * @param payload the raw bytes, or null when the message was over the size limit (it was not
   *     read)
   * @param length the payload's length
   */
  default void received(PeerLink link, byte[] payload, int length) {}

  /** The connection ended (for every link, speaking {@code bt_speed} or not). */
  default void disconnected(PeerLink link) {}

  SpeedListener NONE = new SpeedListener() {};
}

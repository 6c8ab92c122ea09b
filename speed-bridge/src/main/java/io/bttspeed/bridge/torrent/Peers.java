package io.bttspeed.bridge.torrent;

import bt.net.Peer;
import io.bttspeed.bridge.domain.PeerAddress;

/** Our name for a Bt peer. */
final class Peers {
  private Peers() {}

  /** A peer whose port is unknown (an incoming one that never told us) is named with port 65535. */
  static PeerAddress address(Peer peer) {
    String host = peer.getInetAddress().getHostAddress();
    int port = peer.getPort();
    return new PeerAddress(host, port < 1 || port > 65535 ? 65535 : port);
  }
}

package io.bttspeed.bridge.mse;

import java.io.IOException;

/**
 * An incoming connection that cannot become a BitTorrent stream: garbage, a peer that does not know
 * the shared secret or asks for a torrent we do not serve, a padding above the spec's 512 bytes, or
 * a handshake past its deadline. The connection is closed; the message is for a debug log line and
 * never quotes what the peer sent.
 */
public final class HandshakeRefused extends IOException {
  HandshakeRefused(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // thrown on hostile input, logged as one line: no stack trace to fill
  }
}

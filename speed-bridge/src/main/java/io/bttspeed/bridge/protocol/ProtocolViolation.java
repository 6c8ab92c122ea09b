package io.bttspeed.bridge.protocol;

/**
 * A {@code bt_speed} message broke the wire format (docs/bt_speed.md, "Sessions and errors"): the
 * speed session with the sender ends, the BitTorrent connection and the process go on. The message
 * is for logs; it never quotes more than a few bytes of what the peer sent.
 */
public final class ProtocolViolation extends Exception {
  public ProtocolViolation(String message) {
    super(message, null, false, false); // thrown on hostile input: no stack trace to fill
  }
}

package io.bttspeed.bridge.protocol;

import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import java.util.Optional;

/**
 * The {@code bt_speed} session of one connection (docs/bt_speed.md, "Sessions and errors"):
 * ordinary until both {@code hello}s are exchanged; the first violation ends it for good (the peer
 * is ordinary for the rest of the connection, nothing more is sent to it). Pure state, no I/O;
 * thread-safe.
 */
public final class SpeedSession {
  private Hello peerHello;
  private boolean helloSent;
  private String endedBecause;

  /**
   * Decodes and checks a received payload.
   *
   * @param payload the raw payload, or null when it was over the size limit
   * @return the message to act on; empty when the session is (or has just been) ended
   */
  public synchronized Optional<SpeedMessage> receive(byte[] payload, int length) {
    if (endedBecause != null) {
      return Optional.empty();
    }
    SpeedMessage message;
    try {
      if (payload == null) {
        throw new ProtocolViolation(
            "a payload of " + length + " bytes, over " + SpeedCodec.MAX_PAYLOAD);
      }
      message = SpeedCodec.decode(payload);
      if (message instanceof Hello hello) {
        if (peerHello != null) {
          throw new ProtocolViolation("a second hello");
        }
        peerHello = hello;
      } else if (peerHello == null) {
        throw new ProtocolViolation("a " + message.type() + " before the hello");
      }
    } catch (ProtocolViolation e) {
      endedBecause = e.getMessage();
      return Optional.empty();
    }
    return Optional.of(message);
  }

  /** Our hello went out. */
  public synchronized void helloSent() {
    helloSent = true;
  }

  /** Both hellos exchanged and no violation: bids, vouchers and their answers may flow. */
  public synchronized boolean active() {
    return endedBecause == null && helloSent && peerHello != null;
  }

  /** Whether a violation ended the session. */
  public synchronized boolean ended() {
    return endedBecause != null;
  }

  /** Why the session ended, for logs. */
  public synchronized Optional<String> endReason() {
    return Optional.ofNullable(endedBecause);
  }

  /** Ends the session from our side (e.g. a peer flooding us). */
  public synchronized void end(String reason) {
    if (endedBecause == null) {
      endedBecause = reason;
    }
  }

  public synchronized Optional<Hello> peerHello() {
    return Optional.ofNullable(peerHello);
  }
}

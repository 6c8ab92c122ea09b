package io.bttspeed.bridge.torrent;

import bt.protocol.extended.ExtendedMessage;
import io.bttspeed.bridge.protocol.SpeedCodec;

/**
 * One {@code bt_speed} extended message as Bt carries it: the raw payload, parsed later by the
 * session (a malformed payload must end the speed session, not Bt's connection, so Bt never sees a
 * parse error). A payload over the limit is not copied; only its length is kept. Public because
 * Bt's agent compiler needs it.
 */
public final class SpeedWireMessage extends ExtendedMessage {
  private final byte[] payload;
  private final int length;

  private SpeedWireMessage(byte[] payload, int length) {
    this.payload = payload;
    this.length = length;
  }

  static SpeedWireMessage received(byte[] payload) {
    return new SpeedWireMessage(payload, payload.length);
  }

  static SpeedWireMessage oversize(int length) {
    return new SpeedWireMessage(null, length);
  }

  static SpeedWireMessage outgoing(byte[] payload) {
    if (payload.length > SpeedCodec.MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "a bt_speed payload is at most " + SpeedCodec.MAX_PAYLOAD + " bytes");
    }
    return new SpeedWireMessage(payload, payload.length);
  }

  /** Any bytes, unchecked: tests play a hostile peer with it. */
  static SpeedWireMessage unchecked(byte[] payload) {
    return new SpeedWireMessage(payload, payload.length);
  }

  /** The payload, or null when it was over the limit. */
  byte[] payload() {
    return payload;
  }

  int length() {
    return length;
  }
}

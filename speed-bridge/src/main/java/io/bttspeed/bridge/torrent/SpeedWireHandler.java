package io.bttspeed.bridge.torrent;

import bt.net.buffer.ByteBufferView;
import bt.protocol.DecodingContext;
import bt.protocol.EncodingContext;
import bt.protocol.handler.MessageHandler;
import io.bttspeed.bridge.protocol.SpeedCodec;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Set;

/**
 * Bt's codec for {@code bt_speed}: moves raw payloads in and out, never parses them and never
 * throws on what a peer sent (Bt would close the connection). Bt hands {@link #decode} a view
 * limited to the message's declared length.
 */
final class SpeedWireHandler implements MessageHandler<SpeedWireMessage> {
  static final String NAME = "bt_speed";

  @Override
  public Collection<Class<? extends SpeedWireMessage>> getSupportedTypes() {
    return Set.of(SpeedWireMessage.class);
  }

  @Override
  public Class<? extends SpeedWireMessage> readMessageType(ByteBufferView buffer) {
    return SpeedWireMessage.class;
  }

  @Override
  public int decode(DecodingContext context, ByteBufferView buffer) {
    int length = buffer.remaining();
    if (length > SpeedCodec.MAX_PAYLOAD) {
      buffer.position(
          buffer.position() + length); // skipped unread: the size bound comes before any parsing
      context.setMessage(SpeedWireMessage.oversize(length));
    } else {
      byte[] payload = new byte[length];
      buffer.get(payload);
      context.setMessage(SpeedWireMessage.received(payload));
    }
    return length;
  }

  @Override
  public boolean encode(EncodingContext context, SpeedWireMessage message, ByteBuffer buffer) {
    byte[] payload = message.payload();
    if (buffer.remaining() < payload.length) {
      return false;
    }
    buffer.put(payload);
    return true;
  }
}

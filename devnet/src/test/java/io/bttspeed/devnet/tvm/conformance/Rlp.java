package io.bttspeed.devnet.tvm.conformance;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** The little of RLP the VM tests need to hash logs: byte strings and lists of them. */
final class Rlp {

  private Rlp() {}

  static byte[] string(byte[] bytes) {
    if (bytes.length == 1 && (bytes[0] & 0xff) < 0x80) {
      return bytes.clone();
    }
    return withHeader(0x80, 0xb7, bytes);
  }

  static byte[] list(List<byte[]> encodedItems) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    encodedItems.forEach(payload::writeBytes);
    return withHeader(0xc0, 0xf7, payload.toByteArray());
  }

  private static byte[] withHeader(int shortBase, int longBase, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (payload.length < 56) {
      out.write(shortBase + payload.length);
    } else {
      byte[] length = minimalBigEndian(payload.length);
      out.write(longBase + length.length);
      out.writeBytes(length);
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] minimalBigEndian(int value) {
    int bytes = (32 - Integer.numberOfLeadingZeros(value) + 7) / 8;
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[bytes - 1 - i] = (byte) (value >>> (8 * i));
    }
    return out;
  }
}

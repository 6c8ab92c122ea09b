package io.bttspeed.devnet.crypto;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte hash: a transaction id or a block id. Immutable; equal by content. */
public final class Hash32 {
  public static final Hash32 ZERO = new Hash32(new byte[32]);

  private final byte[] bytes;

  private Hash32(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Hash32 of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a hash has 32 bytes, got " + bytes.length);
    }
    return new Hash32(bytes.clone());
  }

  public static Hash32 of(ByteString bytes) {
    return of(bytes.toByteArray());
  }

  public static Hash32 fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash32 that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}

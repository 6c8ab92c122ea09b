package io.bttspeed.contracts.abi;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * ABI-encoded call data: a 4-byte selector followed by the arguments. What a TriggerSmartContract
 * carries in {@code data} (Trident's {@code triggerCall} takes it as hex).
 */
public final class CallData {
  private final byte[] bytes;

  private CallData(byte[] bytes) {
    this.bytes = bytes;
  }

  public static CallData of(byte[] bytes) {
    if (bytes.length < 4) {
      throw new IllegalArgumentException("call data starts with a 4-byte selector");
    }
    return new CallData(bytes.clone());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex without {@code 0x}. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  public byte[] selector() {
    return Arrays.copyOf(bytes, 4);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CallData that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "CallData[" + hex() + "]";
  }
}

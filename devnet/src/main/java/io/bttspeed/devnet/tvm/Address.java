package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte account address as the VM sees it. The chain's 21-byte form is tron-core's {@link
 * TronAddress}, {@code 0x41 ‖ address}; convert at the boundary with {@link #fromTron(byte[])} and
 * {@link #toTron()}, which check and build that form by its rules. A TVM type of its own because
 * the interpreter's hot path reads and hashes it by the million.
 */
public final class Address {

  public static final int LENGTH = 20;

  private final byte[] bytes;
  private final int hash;

  private Address(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static Address of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("address must be 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /** From the 21-byte chain form {@code 0x41 ‖ addr20}. */
  public static Address fromTron(byte[] tron) {
    if (!TronAddress.isValid(tron)) {
      throw new IllegalArgumentException("not a 21-byte 0x41-prefixed TRON address");
    }
    return new Address(Arrays.copyOfRange(tron, 1, LENGTH + 1));
  }

  public static Address fromTron(TronAddress tron) {
    return new Address(tron.evm());
  }

  public static Address fromHex(String hex) {
    byte[] raw = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    return raw.length == LENGTH + 1 ? fromTron(raw) : of(raw);
  }

  /** The low 20 bytes of a word, as CALL and BALANCE read an address from the stack. */
  public static Address fromWord(Word word) {
    return new Address(Arrays.copyOfRange(word.toBytes(), 12, 32));
  }

  /** The low 20 bytes of 32 big-endian bytes at {@code offset}. */
  public static Address fromWordBytes(byte[] word32, int offset) {
    return new Address(Arrays.copyOfRange(word32, offset + 12, offset + 32));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The 21-byte chain form. */
  public byte[] toTron() {
    byte[] out = new byte[LENGTH + 1];
    out[0] = TronAddress.PREFIX;
    System.arraycopy(bytes, 0, out, 1, LENGTH);
    return out;
  }

  public TronAddress toTronAddress() {
    return TronAddress.fromEvm(bytes);
  }

  public Word toWord() {
    return Word.fromBytes(bytes);
  }

  /** Copies the 20 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && a.hash == hash && Arrays.equals(a.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}

package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.word.UInt256;
import io.bttspeed.devnet.tvm.word.Word;

/**
 * The operand stack: up to 1024 words stored flat as limbs (see {@link UInt256}), so arithmetic
 * works in place. Depth checks happen once per instruction in the interpreter, not here.
 */
public final class Stack {

  public static final int LIMIT = 1024;

  private final long[] w = new long[LIMIT * 4];
  private int size;

  /** The limb array; word {@code i} from the top starts at {@link #offset(int)}. */
  public long[] words() {
    return w;
  }

  public int size() {
    return size;
  }

  /** Limb offset of the word {@code fromTop} places below the top (0 = top). */
  public int offset(int fromTop) {
    return (size - 1 - fromTop) << 2;
  }

  public void drop(int n) {
    size -= n;
  }

  /** Pushes an uninitialised slot and returns its limb offset for the caller to fill. */
  public int pushSlot() {
    return (size++) << 2;
  }

  public void pushLong(long value) {
    UInt256.set(w, pushSlot(), value);
  }

  public void pushBoolean(boolean value) {
    pushLong(value ? 1 : 0);
  }

  public void pushWord(Word value) {
    value.write(w, pushSlot());
  }

  public void pushBytes32(byte[] bytes, int offset) {
    UInt256.load(w, pushSlot(), bytes, offset);
  }

  public void pushAddress(Address address) {
    address.toWord().write(w, pushSlot());
  }

  public Word peekWord(int fromTop) {
    return Word.read(w, offset(fromTop));
  }

  /**
   * A size or offset operand; {@link Long#MAX_VALUE} when above 2^63 (it will fail any bound
   * check).
   */
  public long peekClamped(int fromTop) {
    return UInt256.clampedLong(w, offset(fromTop));
  }

  public Address peekAddress(int fromTop) {
    return Address.fromWord(peekWord(fromTop));
  }

  public boolean isZero(int fromTop) {
    return UInt256.isZero(w, offset(fromTop));
  }

  public void dup(int n) {
    int src = offset(n - 1);
    int dst = pushSlot();
    System.arraycopy(w, src, w, dst, 4);
  }

  public void swap(int n) {
    int a = offset(0);
    int b = offset(n);
    for (int i = 0; i < 4; i++) {
      long t = w[a + i];
      w[a + i] = w[b + i];
      w[b + i] = t;
    }
  }
}

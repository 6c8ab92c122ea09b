package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.word.UInt256;
import java.util.Arrays;

/**
 * A frame's byte-addressed memory. It only grows, in whole words, after {@link Frame#expandMemory}
 * has charged for the growth and checked the schedule's cap, so every access here is within bounds.
 */
public final class Memory {

  private byte[] data = new byte[1024];
  private int size;

  /** Active size in bytes (a multiple of 32), as MSIZE reports it. */
  public int size() {
    return size;
  }

  void growTo(int newSize) {
    if (newSize > data.length) {
      data = Arrays.copyOf(data, Math.max(newSize, data.length * 2));
    }
    size = newSize;
  }

  public void loadWord(int offset, long[] limbs, int o) {
    UInt256.load(limbs, o, data, offset);
  }

  public void storeWord(int offset, long[] limbs, int o) {
    UInt256.store(limbs, o, data, offset);
  }

  public void storeByte(int offset, byte value) {
    data[offset] = value;
  }

  public byte[] read(int offset, int length) {
    return Arrays.copyOfRange(data, offset, offset + length);
  }

  /** Hashing and similar reads work on the backing array directly. */
  public byte[] backing() {
    return data;
  }

  /**
   * Copies {@code length} bytes of {@code source} starting at {@code sourceOffset} to {@code
   * offset}; bytes past the end of the source read as zero.
   */
  public void write(int offset, byte[] source, long sourceOffset, int length) {
    int available =
        sourceOffset >= source.length ? 0 : (int) Math.min(length, source.length - sourceOffset);
    if (available > 0) {
      System.arraycopy(source, (int) sourceOffset, data, offset, available);
    }
    if (available < length) {
      Arrays.fill(data, offset + available, offset + length, (byte) 0);
    }
  }
}

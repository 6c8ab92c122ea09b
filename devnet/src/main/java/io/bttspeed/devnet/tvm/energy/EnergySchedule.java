package io.bttspeed.devnet.tvm.energy;

import io.bttspeed.devnet.tvm.word.Word;

/**
 * Energy prices. {@link #TRON} follows java-tron's {@code EnergyCost}; {@link #FRONTIER} is
 * Ethereum's Frontier/Homestead gas as the legacy VM tests use it. They differ only in the base
 * cost of the memory-touching copies and loads (MLOAD, MSTORE, MSTORE8, CALLDATACOPY, CODECOPY,
 * RETURNDATACOPY), which TRON does not charge. The fixed price of each opcode is {@link #baseCost};
 * the parts that depend on operands are the static methods, identical for both schedules. TRON also
 * caps a frame's memory at 3 MB.
 */
public enum EnergySchedule {
  TRON(0, 3L * 1024 * 1024),
  /**
   * Ethereum bounds memory only by gas; 64 MB (about 8.6 billion gas of expansion) keeps the JVM
   * safe.
   */
  FRONTIER(3, 64L * 1024 * 1024);

  public static final long ZERO = 0;
  public static final long BASE = 2;
  public static final long VERY_LOW = 3;
  public static final long LOW = 5;
  public static final long MID = 8;
  public static final long HIGH = 10;
  public static final long EXT = 20;

  public static final long EXP_BYTE = 10;
  public static final long SHA3_WORD = 6;
  public static final long COPY_WORD = 3;
  public static final long MEMORY_WORD = 3;
  public static final long SSTORE_SET = 20_000;
  public static final long SSTORE_RESET = 5_000;
  public static final long LOG = 375;
  public static final long LOG_TOPIC = 375;
  public static final long LOG_DATA_BYTE = 8;
  public static final long CALL_VALUE_TRANSFER = 9_000;
  public static final long CALL_NEW_ACCOUNT = 25_000;
  public static final long CALL_STIPEND = 2_300;
  public static final long CREATE_DATA_BYTE = 200;

  private final long[] baseCosts = new long[256];
  private final long memoryLimitBytes;

  EnergySchedule(long memoryOpBase, long memoryLimitBytes) {
    OpcodeCosts.fill(baseCosts, memoryOpBase);
    this.memoryLimitBytes = memoryLimitBytes;
  }

  /** Largest memory a frame may use; beyond it the frame halts (TRON: 3 MB). */
  public long memoryLimitBytes() {
    return memoryLimitBytes;
  }

  /** The fixed part of an opcode's price, charged before it runs. */
  public long baseCost(int opcode) {
    return baseCosts[opcode];
  }

  /** Total price of {@code words} words of memory (linear plus quadratic part). */
  public static long memoryCost(long words) {
    return MEMORY_WORD * words + words * words / 512;
  }

  public static long words(long bytes) {
    return (bytes + 31) / 32;
  }

  public static long copyCost(long bytes) {
    return COPY_WORD * words(bytes);
  }

  /**
   * SSTORE: setting an empty slot costs more than changing or clearing one; there are no refunds.
   */
  public static long sstoreCost(Word current, Word next) {
    return current.isZero() && !next.isZero() ? SSTORE_SET : SSTORE_RESET;
  }
}

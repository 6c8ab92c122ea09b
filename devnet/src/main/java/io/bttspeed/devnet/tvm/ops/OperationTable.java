package io.bttspeed.devnet.tvm.ops;

/**
 * The dispatch table: for each opcode its operation, how many words it pops, and how much it grows
 * the stack. A null entry is an invalid opcode (0xfe INVALID included).
 */
public final class OperationTable {

  public static final Operation[] OPERATIONS = new Operation[256];
  public static final int[] POPS = new int[256];

  /** Net stack growth (pushes minus pops), checked against the 1024-word limit. */
  public static final int[] GROWTH = new int[256];

  static {
    ArithmeticOps.register();
    BitwiseOps.register();
    StackOps.register();
    MemoryOps.register();
    EnvironmentOps.register();
    BlockOps.register();
    StorageOps.register();
    FlowOps.register();
    LogOps.register();
    CallOps.register();
    CreateOps.register();
    TronOps.register();
  }

  private OperationTable() {}

  static void set(int opcode, int pops, int pushes, Operation operation) {
    if (OPERATIONS[opcode] != null) {
      throw new IllegalStateException("opcode registered twice: " + opcode);
    }
    OPERATIONS[opcode] = operation;
    POPS[opcode] = pops;
    GROWTH[opcode] = pushes - pops;
  }

  /** Whether the opcode is defined (for tools and tests). */
  public static boolean isDefined(int opcode) {
    return OPERATIONS[opcode & 0xff] != null;
  }
}

package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.ops.Operation;
import io.bttspeed.devnet.tvm.ops.OperationTable;

/**
 * The fetch-check-charge-dispatch loop. Stack depth and the fixed price are checked here for every
 * instruction from the operation table, so operations only charge their operand-dependent costs.
 */
public final class Interpreter {

  private Interpreter() {}

  /** Runs the frame until it stops or reverts; an exceptional halt escapes as {@link Halt}. */
  public static void run(Frame frame) {
    byte[] code = frame.code().bytes();
    Stack stack = frame.stack();
    EnergySchedule schedule = frame.schedule();
    Operation[] ops = OperationTable.OPERATIONS;
    int[] pops = OperationTable.POPS;
    int[] growth = OperationTable.GROWTH;
    while (!frame.isStopped()) {
      int pc = frame.pc();
      if (pc >= code.length) {
        frame.stop(new byte[0]);
        return;
      }
      int op = code[pc] & 0xff;
      Operation operation = ops[op];
      if (operation == null) {
        throw Halt.of(HaltReason.INVALID_OPCODE);
      }
      int size = stack.size();
      if (size < pops[op]) {
        throw Halt.of(HaltReason.STACK_UNDERFLOW);
      }
      if (size + growth[op] > Stack.LIMIT) {
        throw Halt.of(HaltReason.STACK_OVERFLOW);
      }
      frame.useEnergy(schedule.baseCost(op));
      frame.setPc(pc + 1);
      operation.execute(frame);
    }
  }
}

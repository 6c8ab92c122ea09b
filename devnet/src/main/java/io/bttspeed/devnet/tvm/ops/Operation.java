package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.exec.Frame;

/**
 * One instruction's effect. The interpreter has already checked the stack depth, charged the fixed
 * price and moved the program counter past the opcode; the operation charges operand-dependent
 * energy and does the work.
 */
@FunctionalInterface
public interface Operation {
  void execute(Frame frame);
}

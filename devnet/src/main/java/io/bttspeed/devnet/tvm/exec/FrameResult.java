package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.Outcome;

/** How a frame ended, with the energy it left and its output. */
public record FrameResult(Outcome outcome, HaltReason haltReason, long energyLeft, byte[] output) {

  static FrameResult halted(HaltReason reason) {
    return new FrameResult(Outcome.HALT, reason, 0, new byte[0]);
  }

  public boolean isSuccess() {
    return outcome == Outcome.SUCCESS;
  }
}

package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.ExecutionContext;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.state.WorldState;

/** Everything the frames of one transaction share. */
public final class Execution {

  /** A frame at this depth can no longer call or create (java-tron's MAX_DEPTH). */
  public static final int MAX_DEPTH = 64;

  private final ExecutionContext context;
  private final WorldState world;
  private final ExecutionTrace trace = new ExecutionTrace();
  private final CallProcessor calls;

  public Execution(ExecutionContext context, WorldState world) {
    this.context = context;
    this.world = world;
    this.calls = new CallProcessor(this);
  }

  public ExecutionContext context() {
    return context;
  }

  public EnergySchedule schedule() {
    return context.schedule();
  }

  public WorldState world() {
    return world;
  }

  public ExecutionTrace trace() {
    return trace;
  }

  public CallProcessor calls() {
    return calls;
  }

  /**
   * Energy handed to a callee out of {@code available}: all of it, or all but 1/64 under the 63/64
   * rule.
   */
  public long forwardable(long available) {
    return context.callEnergy63of64() ? available - available / 64 : available;
  }
}

package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.HaltReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * Thrown to end a frame exceptionally. Instances are shared and carry no stack trace: halts are
 * ordinary control flow for contracts (out of energy, bad jump) and must cost nothing to raise.
 */
public final class Halt extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final Map<HaltReason, Halt> INSTANCES = new EnumMap<>(HaltReason.class);

  static {
    for (HaltReason r : HaltReason.values()) {
      INSTANCES.put(r, new Halt(r));
    }
  }

  private final transient HaltReason reason;

  private Halt(HaltReason reason) {
    super(reason.message(), null, false, false);
    this.reason = reason;
  }

  public static Halt of(HaltReason reason) {
    return INSTANCES.get(reason);
  }

  public HaltReason reason() {
    return reason;
  }
}

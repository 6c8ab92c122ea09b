package io.bttspeed.bridge.speed;

import java.time.Duration;

/**
 * How a node trades speed.
 *
 * @param paidSlots the auction's slots (DESIGN default 4); at most the engine's policy slots
 * @param creditBytes paid-slot bytes a payer may be sent beyond what it paid before it loses the
 *     slot (default: 4 pieces of 1 MiB plus a 256 KiB request pipeline)
 * @param tick how often sent bytes are charged, debts checked and auto-bids recomputed
 */
public record SpeedSettings(int paidSlots, long creditBytes, Duration tick) {
  public SpeedSettings {
    if (paidSlots < 0 || paidSlots > 64) {
      throw new IllegalArgumentException("paidSlots must be between 0 and 64");
    }
    if (creditBytes < 16384 || creditBytes > (1L << 40)) {
      throw new IllegalArgumentException("creditBytes must be between 16 KiB and 1 TiB");
    }
    if (tick == null || tick.toMillis() < 10 || tick.toMinutes() > 1) {
      throw new IllegalArgumentException("tick must be between 10 ms and 1 minute");
    }
  }

  public static SpeedSettings defaults() {
    return new SpeedSettings(4, 4L * 1024 * 1024 + 256 * 1024, Duration.ofMillis(250));
  }
}

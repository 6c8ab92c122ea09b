package io.bttspeed.bridge.choke;

import java.time.Duration;

/**
 * How upload slots are given out.
 *
 * @param policySlots slots the {@link SlotPolicy} fills first (the paid slots of the Speed
 *     protocol; 0 here)
 * @param titForTatSlots slots for the interested peers that send us the most, by download rate from
 *     them
 * @param optimisticRounds rounds an optimistic slot is kept before it moves to another peer
 * @param round how often slots are reassigned
 */
public record ChokerSettings(
    int policySlots, int titForTatSlots, int optimisticRounds, Duration round) {
  public ChokerSettings {
    if (policySlots < 0 || policySlots > 64) {
      throw new IllegalArgumentException("policySlots must be between 0 and 64");
    }
    if (titForTatSlots < 0 || titForTatSlots > 64) {
      throw new IllegalArgumentException("titForTatSlots must be between 0 and 64");
    }
    if (optimisticRounds < 1 || optimisticRounds > 1000) {
      throw new IllegalArgumentException("optimisticRounds must be between 1 and 1000");
    }
    if (round == null || round.toMillis() < 50 || round.toMinutes() > 10) {
      throw new IllegalArgumentException("round must be between 50 ms and 10 minutes");
    }
  }

  /**
   * DESIGN §5: four regular slots (the paid ones come next), optimistic rotated every 3 rounds of
   * 10 s.
   */
  public static ChokerSettings defaults() {
    return new ChokerSettings(0, 4, 3, Duration.ofSeconds(10));
  }

  /** Every slot: policy, tit-for-tat and the one optimistic slot. */
  public int totalSlots() {
    return policySlots + titForTatSlots + 1;
  }
}

package io.bttspeed.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Which component a fault run kills, when and for how long, drawn from one seed: the same seed
 * gives the same plan, so a failing run is replayed by passing its seed again.
 *
 * @param seed the seed it was drawn from
 * @param faults the kills in the order they happen
 */
record FaultPlan(long seed, List<Fault> faults) {

  /** The components a run kills with SIGKILL, each once. */
  enum Target {
    PAYER_DAEMON,
    PAYEE_DAEMON,
    WALLET,
    DEVNET
  }

  /**
   * One kill.
   *
   * @param target what is killed
   * @param atPermille when: once the download has this many thousandths of its pieces (0 is as soon
   *     as it was added, while the payer may still be opening its channel)
   * @param downtimeMillis how long the component stays dead before it is started again
   */
  record Fault(Target target, int atPermille, int downtimeMillis) {
    @Override
    public String toString() {
      return target + " at " + atPermille + "‰ of the pieces, down " + downtimeMillis + " ms";
    }
  }

  /** Kills happen before this share of the pieces, so the last restart still has work to see. */
  static final int LAST_KILL_PERMILLE = 700;

  static final int MAX_DOWNTIME_MILLIS = 3_000;

  FaultPlan {
    faults = List.copyOf(faults);
  }

  /** Every target once, in a seeded order, at seeded moments, each down for a seeded time. */
  static FaultPlan of(long seed) {
    return of(seed, EnumSet.allOf(Target.class));
  }

  /** The given targets once each (to isolate one while investigating), as {@link #of(long)}. */
  static FaultPlan of(long seed, Set<Target> targets) {
    Random random = new Random(seed);
    List<Target> order = new ArrayList<>(targets);
    Collections.shuffle(order, random);
    int[] moments = new int[order.size()];
    for (int i = 0; i < moments.length; i++) {
      moments[i] = random.nextInt(LAST_KILL_PERMILLE + 1);
    }
    Arrays.sort(moments);
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      faults.add(new Fault(order.get(i), moments[i], random.nextInt(MAX_DOWNTIME_MILLIS + 1)));
    }
    return new FaultPlan(seed, faults);
  }
}

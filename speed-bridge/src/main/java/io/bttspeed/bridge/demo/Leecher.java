package io.bttspeed.bridge.demo;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A leecher of the demo as the live table samples it, whatever client it is: a Speed daemon asked
 * over its API, or an ordinary BitTorrent peer that reports on its own.
 */
interface Leecher {
  /**
   * Its download at one moment.
   *
   * @param verifiedBytes bytes of pieces that passed their hash check
   * @param complete whether it has every piece
   * @param stopped why it gave up without the file; empty while it is still trying, or done
   */
  record Progress(long verifiedBytes, boolean complete, Optional<String> stopped) {}

  /** Its download now. */
  Progress progress();

  /** Vouchers it signed so far, TRC-20 BTT base units; zero for a peer that never pays. */
  BigInteger vouchered();

  /**
   * The TRON address of its bt_speed hello, by which the seeder names its paid-slot holders; empty
   * for a peer that never speaks bt_speed.
   */
  Optional<String> speedAddress();
}

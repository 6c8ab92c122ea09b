package io.bttspeed.bridge.demo;

import java.math.BigInteger;
import java.util.List;

/**
 * What a demo run showed.
 *
 * @param parameters the scenario
 * @param peers the leechers, bidders first
 * @param earnedBaseUnits vouchers the seeder accepted, TRC-20 BTT base units
 * @param vouchersSettled whether every bidder had signed for all it owed before the closes
 * @param reconciliation the seeder's balance against its vouchers, on chain
 */
public record DemoOutcome(
    DemoParameters parameters,
    List<PeerRun> peers,
    BigInteger earnedBaseUnits,
    boolean vouchersSettled,
    Reconciliation reconciliation) {
  public DemoOutcome {
    peers = List.copyOf(peers);
  }
}

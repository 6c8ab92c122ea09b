package io.bttspeed.bridge.demo;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a demo run showed.
 *
 * @param parameters the scenario
 * @param peers the leechers, bidders first
 * @param earnedBaseUnits vouchers the seeder accepted, TRC-20 BTT base units
 * @param vouchersSettled whether every bidder had signed for all it owed before the closes
 * @param reconciliation the seeder's balance against its vouchers, on chain
 * @param noOrdinaryPeer why no ordinary BitTorrent peer ran though one was asked for; empty if it
 *     ran or was not asked for
 */
public record DemoOutcome(
    DemoParameters parameters,
    List<PeerRun> peers,
    BigInteger earnedBaseUnits,
    boolean vouchersSettled,
    Reconciliation reconciliation,
    Optional<String> noOrdinaryPeer) {
  public DemoOutcome {
    peers = List.copyOf(peers);
    Objects.requireNonNull(noOrdinaryPeer, "noOrdinaryPeer");
  }
}

package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.speed.BidPolicy;
import io.bttspeed.bridge.testing.DaemonFixture;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AutoBid;
import io.bttspeed.proto.speed.v1.FixedBid;
import io.bttspeed.proto.speed.v1.RemoveTorrentRequest;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetBidPolicyRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.tron.money.Amount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user set through the API (asks, paid slots, default and per-torrent bid policies) is
 * what a daemon started again on the same data directory trades by; a removed torrent's policy does
 * not come back.
 */
@Timeout(180)
class SpeedSettingsRestartTest {
  private static final Asset THIS_CHAINS_BTT =
      Asset.newBuilder().setTrc20ContractAddress("").build();

  @TempDir Path dir;

  @Test
  void asksPaidSlotsAndBidPoliciesSurviveARestartAndARemovedTorrentsPolicyDoesNot() {
    Path data = dir.resolve("daemon");
    int peerPort = TestFiles.freePort();
    String token;
    InfoHash kept;
    InfoHash removed;
    Map<io.bttspeed.tron.money.Asset, Amount> asks;
    BidPolicy keptPolicy;
    BidPolicy defaultPolicy;
    try (DaemonFixture daemon = new DaemonFixture(data, peerPort)) {
      token = daemon.adminToken;
      SpeedServiceGrpc.SpeedServiceBlockingStub api = daemon.admin();
      api.setAsk(
          SetAskRequest.newBuilder()
              .setAsset(THIS_CHAINS_BTT)
              .setPriceBaseUnitsPerMib("1234567")
              .setPaidSlots(2)
              .build());
      kept = seed(api, dir.resolve("share/a.bin"), 1);
      removed = seed(api, dir.resolve("share/b.bin"), 2);
      api.setBidPolicy(
          SetBidPolicyRequest.newBuilder()
              .setInfoHash(kept.hex())
              .setPolicy(
                  io.bttspeed.proto.speed.v1.BidPolicy.newBuilder()
                      .setFixed(
                          FixedBid.newBuilder()
                              .setAsset(THIS_CHAINS_BTT)
                              .setPriceBaseUnitsPerMib("3000000000000")
                              .setBudgetBaseUnits("1000000000000000000")))
              .build());
      api.setBidPolicy(
          SetBidPolicyRequest.newBuilder()
              .setInfoHash(removed.hex())
              .setPolicy(
                  io.bttspeed.proto.speed.v1.BidPolicy.newBuilder()
                      .setFixed(
                          FixedBid.newBuilder()
                              .setAsset(THIS_CHAINS_BTT)
                              .setPriceBaseUnitsPerMib("7")
                              .setBudgetBaseUnits("70")))
              .build());
      api.setBidPolicy(
          SetBidPolicyRequest.newBuilder()
              .setPolicy(
                  io.bttspeed.proto.speed.v1.BidPolicy.newBuilder()
                      .setAuto(
                          AutoBid.newBuilder()
                              .setAsset(THIS_CHAINS_BTT)
                              .setBudgetBaseUnits("500000000000000000")
                              .setSpendingRatePercent(150)))
              .build());
      api.removeTorrent(RemoveTorrentRequest.newBuilder().setInfoHash(removed.hex()).build());

      asks = daemon.daemon.speed().asks();
      keptPolicy = daemon.daemon.speed().bidPolicy(kept);
      defaultPolicy = daemon.daemon.speed().bidPolicy(new InfoHash("00".repeat(20)));
      assertEquals(1, asks.size());
      assertInstanceOf(BidPolicy.Fixed.class, keptPolicy);
      assertInstanceOf(BidPolicy.Auto.class, defaultPolicy);
      assertEquals(
          new BigDecimal("1.5"), ((BidPolicy.Auto) defaultPolicy).rate().stripTrailingZeros());
      assertEquals(
          defaultPolicy,
          daemon.daemon.speed().bidPolicy(removed),
          "removing forgets the policy at once");
    }

    try (DaemonFixture again = new DaemonFixture(data, peerPort)) {
      assertEquals(asks, again.daemon.speed().asks());
      assertEquals(BigInteger.valueOf(1234567), asks.values().iterator().next().units());
      assertEquals(2, again.daemon.speed().paidSlots());
      assertEquals(keptPolicy, again.daemon.speed().bidPolicy(kept));
      assertEquals(defaultPolicy, again.daemon.speed().bidPolicy(new InfoHash("00".repeat(20))));
      assertEquals(
          defaultPolicy,
          again.daemon.speed().bidPolicy(removed),
          "a removed torrent's policy is not restored; it would bid by the default if added again");

      // Stopping the sale is as durable as starting it.
      again.stub(token).setAsk(SetAskRequest.newBuilder().setAsset(THIS_CHAINS_BTT).build());
      assertEquals(Map.of(), again.daemon.speed().asks());
    }
    try (DaemonFixture third = new DaemonFixture(data, peerPort)) {
      assertEquals(Map.of(), third.daemon.speed().asks());
      assertEquals(2, third.daemon.speed().paidSlots());
      assertEquals(keptPolicy, third.daemon.speed().bidPolicy(kept));
    }
  }

  private static InfoHash seed(SpeedServiceGrpc.SpeedServiceBlockingStub api, Path file, int seed) {
    TestFiles.random(file, 64 * 1024, seed);
    return new InfoHash(
        api.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(file.toString()).build())
            .getTorrent()
            .getInfoHash());
  }
}

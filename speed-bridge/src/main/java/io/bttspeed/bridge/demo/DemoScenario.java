package io.bttspeed.bridge.demo;

import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.BidPolicy;
import io.bttspeed.proto.speed.v1.FixedBid;
import io.bttspeed.proto.speed.v1.SetBidPolicyRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.wallet.v1.Asset;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The product's headline on loopback: one seeder with a capped upload and paid slots, bidders at
 * two prices and non-bidders, all daemons of one {@link DemoSwarm}. Leechers know only the seeder,
 * so its cap is the swarm's bandwidth and the auction decides who is fast. Runs the downloads with
 * a live table, then settles: the last vouchers, the seeder's channel closes and the on-chain
 * reconciliation.
 */
public final class DemoScenario {
  /** Channels carry this chain's TRC-20 BTT: an empty contract address names it. */
  static final Asset THIS_CHAINS_BTT = Asset.newBuilder().setTrc20ContractAddress("").build();

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
  private static final long TICK_NANOS = 1_000_000_000L;

  private final DemoSwarm swarm;
  private final DemoParameters parameters;
  private final Path dataDir;
  private final PrintStream out;
  private final Function<BigInteger, String> btt;

  /**
   * @param dataDir where the shared file is generated
   * @param btt shows an amount of TRC-20 BTT base units to people
   */
  public DemoScenario(
      DemoSwarm swarm,
      DemoParameters parameters,
      Path dataDir,
      PrintStream out,
      Function<BigInteger, String> btt) {
    this.swarm = swarm;
    this.parameters = parameters;
    this.dataDir = dataDir;
    this.out = out;
    this.btt = btt;
  }

  public DemoOutcome run() {
    DemoSwarm.Member seeder = swarm.daemon("seeder");
    announce("seeder", "seller", seeder);
    Map<PeerRun, DemoSwarm.Member> members = new LinkedHashMap<>();
    int total = parameters.bidders() + parameters.plain();
    for (int i = 0; i < total; i++) {
      Role role = parameters.role(i);
      PeerRun peer = new PeerRun(name(role, i), role);
      DemoSwarm.Member member = swarm.daemon(peer.name());
      announce(peer.name(), role.label(), member);
      members.put(peer, member);
    }
    SpeedServiceGrpc.SpeedServiceBlockingStub seederApi = swarm.api(seeder);
    AddTorrentResponse seeded =
        new DemoSeeder(seederApi, parameters, dataDir.resolve("share"), out, btt).seed();
    String infoHash = seeded.getTorrent().getInfoHash();
    Map<PeerRun, DaemonLeecher> leechers = new LinkedHashMap<>();
    members.forEach(
        (peer, member) -> {
          DaemonLeecher leecher =
              new DaemonLeecher(swarm.api(member), infoHash, swarm.address(member));
          leechers.put(peer, leecher);
          if (peer.role().bids()) {
            bid(leecher.api(), parameters.bid(peer.role()));
          }
        });
    for (DaemonLeecher leecher : leechers.values()) {
      leecher
          .api()
          .addTorrent(
              AddTorrentRequest.newBuilder()
                  .setTorrentFile(seeded.getTorrentFile())
                  .addPeers("127.0.0.1:" + seeder.peerPort())
                  .build());
    }
    out.printf("%nall %d leechers have the torrent %s; downloading%n", leechers.size(), infoHash);
    download(
        new ProgressTable(
            seederApi, new LinkedHashMap<>(leechers), infoHash, parameters.sizeBytes(), out, btt));
    return settle(seeder, seederApi, leechers);
  }

  private void bid(SpeedServiceGrpc.SpeedServiceBlockingStub bidder, BigInteger pricePerMib) {
    bidder.setBidPolicy(
        SetBidPolicyRequest.newBuilder()
            .setPolicy(
                BidPolicy.newBuilder()
                    .setFixed(
                        FixedBid.newBuilder()
                            .setAsset(THIS_CHAINS_BTT)
                            .setPriceBaseUnitsPerMib(pricePerMib.toString())
                            .setBudgetBaseUnits(
                                DemoParameters.budget(pricePerMib, parameters.sizeBytes())
                                    .toString())))
            .build());
  }

  /** Samples once a second until every leecher has the file, or fails at the timeout. */
  private void download(ProgressTable table) {
    long start = System.nanoTime();
    long last = start;
    for (long tick = 1; ; tick++) {
      long due = start + tick * TICK_NANOS;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Deadline.pause(wait / 1_000_000);
      }
      long now = System.nanoTime();
      if (table.sample((now - start) / 1e9, (now - last) / 1e9)) {
        return;
      }
      last = now;
      if (now - start > parameters.timeout().toNanos()) {
        throw new IllegalStateException(
            "the downloads did not finish within " + parameters.timeout().toSeconds() + " s");
      }
    }
  }

  private DemoOutcome settle(
      DemoSwarm.Member seeder,
      SpeedServiceGrpc.SpeedServiceBlockingStub seederApi,
      Map<PeerRun, DaemonLeecher> leechers) {
    out.printf("%nevery leecher has the file; waiting for the last vouchers%n");
    Settlement settlement = new Settlement(swarm, seeder, seederApi, SETTLE_TIMEOUT);
    List<SpeedServiceGrpc.SpeedServiceBlockingStub> bidders = new ArrayList<>();
    leechers.forEach(
        (peer, leecher) -> {
          if (peer.role().bids()) {
            bidders.add(leecher.api());
          }
        });
    boolean settled = settlement.awaitVouchers(bidders);
    leechers.forEach(
        (peer, leecher) -> {
          if (peer.role().bids()) {
            peer.paid(leecher.vouchered());
          }
        });
    BigInteger earned = settlement.accepted();
    out.println("closing the seeder's channels on chain");
    Reconciliation reconciliation = settlement.closeAndReconcile();
    return new DemoOutcome(
        parameters, List.copyOf(leechers.keySet()), earned, settled, reconciliation);
  }

  private void announce(String name, String role, DemoSwarm.Member member) {
    out.printf(
        "%-14s %-14s API 127.0.0.1:%d, peers 127.0.0.1:%d%n",
        name, role, member.daemon().apiPort(), member.peerPort());
    out.flush();
  }

  /** The leecher's name: its role, numbered when the role has several. */
  private String name(Role role, int index) {
    return switch (role) {
      case BIDDER_HIGH -> parameters.bidders() > 2 ? "bidder-high-" + (index + 1) : "bidder-high";
      case BIDDER_LOW -> parameters.bidders() > 2 ? "bidder-low-" + (index + 1) : "bidder-low";
      case NON_BIDDER -> "plain-" + (index - parameters.bidders() + 1);
    };
  }
}

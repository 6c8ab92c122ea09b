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
import java.util.Optional;
import java.util.function.Function;

/**
 * The product's headline on loopback: one seeder with a capped upload and paid slots, bidders at
 * two prices and non-bidders, all daemons of one {@link DemoSwarm}, and, where python3-libtorrent
 * is installed, an ordinary BitTorrent peer that never pays. Leechers know only the seeder, so its
 * cap is the swarm's bandwidth and the auction decides who is fast. Runs the downloads with a live
 * table, then settles: the last vouchers, the seeder's channel closes and the on-chain
 * reconciliation.
 */
public final class DemoScenario {
  /** Channels carry this chain's TRC-20 BTT: an empty contract address names it. */
  static final Asset THIS_CHAINS_BTT = Asset.newBuilder().setTrc20ContractAddress("").build();

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
  private static final long TICK_NANOS = 1_000_000_000L;

  /** The ordinary peer's name in the table: the client it is. */
  static final String ORDINARY_NAME = "libtorrent";

  /** How long past the demo's timeout the ordinary peer waits before giving up by itself. */
  private static final Duration ORDINARY_GRACE = Duration.ofSeconds(30);

  private final DemoSwarm swarm;
  private final DemoParameters parameters;
  private final Path dataDir;
  private final PrintStream out;
  private final Function<BigInteger, String> btt;

  /**
   * @param dataDir where the shared file is generated and the ordinary peer keeps its files
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
    Optional<String> noOrdinaryPeer =
        parameters.ordinary() == 0 ? Optional.empty() : Libtorrent.unavailable();
    noOrdinaryPeer.ifPresent(why -> out.println("no ordinary peer: " + why));
    SpeedServiceGrpc.SpeedServiceBlockingStub seederApi = swarm.api(seeder);
    AddTorrentResponse seeded =
        new DemoSeeder(seederApi, parameters, dataDir.resolve("share"), out, btt).seed();
    String infoHash = seeded.getTorrent().getInfoHash();
    Map<PeerRun, DaemonLeecher> daemons = new LinkedHashMap<>();
    members.forEach(
        (peer, member) -> {
          DaemonLeecher leecher =
              new DaemonLeecher(swarm.api(member), infoHash, swarm.address(member));
          daemons.put(peer, leecher);
          if (peer.role().bids()) {
            bid(leecher.api(), parameters.bid(peer.role()));
          }
        });
    for (DaemonLeecher leecher : daemons.values()) {
      leecher
          .api()
          .addTorrent(
              AddTorrentRequest.newBuilder()
                  .setTorrentFile(seeded.getTorrentFile())
                  .addPeers("127.0.0.1:" + seeder.peerPort())
                  .build());
    }
    Map<PeerRun, Leecher> leechers = new LinkedHashMap<>(daemons);
    Optional<OrdinaryPeer> ordinary = Optional.empty();
    try {
      if (parameters.ordinary() == 1 && noOrdinaryPeer.isEmpty()) {
        ordinary = Optional.of(startOrdinary(seeded.getTorrentFile().toByteArray(), seeder));
        leechers.put(new PeerRun(ORDINARY_NAME, Role.ORDINARY), ordinary.get());
      }
      out.printf("%nall %d leechers have the torrent %s; downloading%n", leechers.size(), infoHash);
      download(new ProgressTable(seederApi, leechers, infoHash, parameters.sizeBytes(), out, btt));
    } finally {
      // Done, given up or failed: the process goes with the downloads.
      ordinary.ifPresent(OrdinaryPeer::close);
    }
    return settle(seeder, seederApi, daemons, List.copyOf(leechers.keySet()), noOrdinaryPeer);
  }

  /**
   * Starts the python3-libtorrent leecher in its own directory, handed the seeder's address. Its
   * own deadline is a backstop past the demo's timeout, which stops it first.
   */
  private OrdinaryPeer startOrdinary(byte[] torrentFile, DemoSwarm.Member seeder) {
    OrdinaryPeer peer =
        OrdinaryPeer.start(
            dataDir.resolve("ordinary"),
            torrentFile,
            seeder.peerPort(),
            parameters.timeout().plus(ORDINARY_GRACE));
    out.printf(
        "%-14s %-14s python3-libtorrent pid %d, peers 127.0.0.1:%d%n",
        ORDINARY_NAME, Role.ORDINARY.label(), peer.pid(), peer.port());
    out.flush();
    return peer;
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

  /**
   * @param daemons the daemon leechers, whose vouchers are awaited
   * @param peers every leecher, for the outcome
   */
  private DemoOutcome settle(
      DemoSwarm.Member seeder,
      SpeedServiceGrpc.SpeedServiceBlockingStub seederApi,
      Map<PeerRun, DaemonLeecher> daemons,
      List<PeerRun> peers,
      Optional<String> noOrdinaryPeer) {
    boolean gaveUp = peers.stream().anyMatch(p -> p.stopped().isPresent());
    out.printf(
        "%n%s; waiting for the last vouchers%n",
        gaveUp ? "the downloads are over" : "every leecher has the file");
    Settlement settlement = new Settlement(swarm, seeder, seederApi, SETTLE_TIMEOUT);
    List<SpeedServiceGrpc.SpeedServiceBlockingStub> bidders = new ArrayList<>();
    daemons.forEach(
        (peer, leecher) -> {
          if (peer.role().bids()) {
            bidders.add(leecher.api());
          }
        });
    boolean settled = settlement.awaitVouchers(bidders);
    daemons.forEach(
        (peer, leecher) -> {
          if (peer.role().bids()) {
            peer.paid(leecher.vouchered());
          }
        });
    BigInteger earned = settlement.accepted();
    out.println("closing the seeder's channels on chain");
    Reconciliation reconciliation = settlement.closeAndReconcile();
    return new DemoOutcome(parameters, peers, earned, settled, reconciliation, noOrdinaryPeer);
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
      case ORDINARY -> ORDINARY_NAME;
    };
  }
}

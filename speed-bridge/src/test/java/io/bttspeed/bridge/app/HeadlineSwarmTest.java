package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.SpeedRequests;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetEarningsRequest;
import io.bttspeed.proto.speed.v1.GetSpendingRequest;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.wallet.v1.Asset;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's headline (issue #13): one seeder with a capped upload and paid slots, two bidders
 * at different prices, two non-bidders and one ordinary BitTorrent peer (python3-libtorrent, when
 * installed), all real on 127.0.0.1, the daemons sharing one real wallet service and devnet.
 * Bidders finish first; everyone finishes; each bidder pays exactly floor(its verified paid bytes ×
 * clearing price / 2^20); the seeder accepted exactly the sum, and closing the channels moves
 * exactly that sum to it on chain.
 *
 * <p>Sizing: the leechers only know the seeder (no tracker, no PEX), so the seeder's cap is the
 * whole swarm's bandwidth and the cap's split between upload slots decides who is fast. Five
 * leechers compete for the seeder's two paid slots (both bidders win them: two slots, two bids, so
 * the clearing price is the ask), one tit-for-tat slot and one optimistic slot (DESIGN §5); the
 * three non-paying peers share two slots.
 */
@Timeout(300)
class HeadlineSwarmTest {
  private static final String PYTHON = "/usr/bin/python3";

  /** 10^12 base units of TRC-20 BTT (18 decimals) per MiB. */
  private static final BigInteger ASK = BigInteger.TEN.pow(12);

  private static final Asset THIS_CHAINS_BTT = SpeedRequests.THIS_CHAINS_BTT;
  private static final long SIZE = 12L * 1024 * 1024 + 4321;
  private static final long CAP = 1536L * 1024;

  @TempDir Path dir;
  private SharedWalletSwarm swarm;

  @AfterEach
  void stop() {
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void biddersFinishFirstEveryoneFinishesAndTheSeederIsPaidExactlyTheVerifiedPaidBytesOnChain() {
    swarm = new SharedWalletSwarm(dir);
    SharedWalletSwarm.Member seeder = swarm.daemon("seeder");
    Map<String, SharedWalletSwarm.Member> bidders = new LinkedHashMap<>();
    bidders.put("bidder-high", swarm.daemon("bidder-high"));
    bidders.put("bidder-low", swarm.daemon("bidder-low"));
    Map<String, SharedWalletSwarm.Member> plain = new LinkedHashMap<>();
    plain.put("plain-1", swarm.daemon("plain-1"));
    plain.put("plain-2", swarm.daemon("plain-2"));
    SpeedServiceGrpc.SpeedServiceBlockingStub s = swarm.api(seeder);

    s.setAsk(
        SetAskRequest.newBuilder()
            .setAsset(THIS_CHAINS_BTT)
            .setPriceBaseUnitsPerMib(ASK.toString())
            .setPaidSlots(2)
            .build());
    Path content = TestFiles.random(dir.resolve("share/film.bin"), SIZE, 13);
    AddTorrentResponse seeded =
        s.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    Await.until(
        Duration.ofSeconds(60),
        "the seeder to verify its data",
        () -> state(s, infoHash) == TorrentState.TORRENT_STATE_SEEDING);
    s.setLimits(SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(CAP).build());

    BigInteger price = ASK.multiply(BigInteger.valueOf(3));
    for (SharedWalletSwarm.Member bidder : bidders.values()) {
      swarm.api(bidder).setBidPolicy(SpeedRequests.fixedBid(price));
      price = ASK.multiply(BigInteger.TWO);
    }

    Map<String, SpeedServiceGrpc.SpeedServiceBlockingStub> leechers = new LinkedHashMap<>();
    bidders.forEach((name, m) -> leechers.put(name, swarm.api(m)));
    plain.forEach((name, m) -> leechers.put(name, swarm.api(m)));
    String seederPeer = "127.0.0.1:" + seeder.peerPort();
    Path torrentFile = writeTorrent(seeded);
    Optional<ExternalProcess> ordinary = Optional.empty();
    long start = System.nanoTime();
    try {
      for (SpeedServiceGrpc.SpeedServiceBlockingStub leecher : leechers.values()) {
        leecher.addTorrent(
            AddTorrentRequest.newBuilder()
                .setTorrentFile(seeded.getTorrentFile())
                .addPeers(seederPeer)
                .build());
      }
      if (libtorrentAvailable()) {
        ordinary =
            Optional.of(
                new ExternalProcess(
                    "libtorrent leecher",
                    List.of(
                        PYTHON,
                        script(),
                        "leech",
                        torrentFile.toString(),
                        dir.resolve("lt-got").toString(),
                        Integer.toString(TestFiles.freePort()),
                        seederPeer,
                        "150"),
                    dir));
      }
      Map<String, Double> finished = new LinkedHashMap<>();
      Map<String, Integer> progressWhenFirstBidderDone = new LinkedHashMap<>();
      StringBuilder slots = new StringBuilder();
      long[] nextSample = {0};
      Map<String, Integer> ports = new LinkedHashMap<>();
      bidders.forEach((name, m) -> ports.put(name, m.peerPort()));
      plain.forEach((name, m) -> ports.put(name, m.peerPort()));
      Await.until(
          Duration.ofSeconds(150),
          () ->
              "every leecher to finish: "
                  + finished
                  + "; the leechers: "
                  + leecherViews(leechers, ports, infoHash)
                  + "; the seeder's slots over time:\n"
                  + slots,
          () -> {
            if (System.nanoTime() > nextSample[0]) {
              nextSample[0] = System.nanoTime() + 3_000_000_000L;
              slots
                  .append(seederSlots(s, infoHash, (System.nanoTime() - start) / 1e9))
                  .append('\n');
            }
            leechers.forEach(
                (name, api) -> {
                  if (!finished.containsKey(name)
                      && state(api, infoHash) == TorrentState.TORRENT_STATE_SEEDING) {
                    finished.put(name, (System.nanoTime() - start) / 1e9);
                  }
                });
            if (progressWhenFirstBidderDone.isEmpty()
                && bidders.keySet().stream().anyMatch(finished::containsKey)) {
              leechers.forEach(
                  (name, api) ->
                      progressWhenFirstBidderDone.put(
                          name,
                          api.getTorrent(
                                  GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                              .getTorrent()
                              .getPiecesComplete()));
            }
            return finished.size() == leechers.size();
          });
      double biddersMedian = median(finished.get("bidder-high"), finished.get("bidder-low"));
      double plainMedian = median(finished.get("plain-1"), finished.get("plain-2"));
      double biddersPieces =
          median(
              progressWhenFirstBidderDone.get("bidder-high"),
              progressWhenFirstBidderDone.get("bidder-low"));
      double plainPieces =
          median(
              progressWhenFirstBidderDone.get("plain-1"),
              progressWhenFirstBidderDone.get("plain-2"));
      String figures =
          String.format(
              "completion s %s; bidders median %.1f s, non-bidders median %.1f s; pieces"
                  + " verified when the first bidder finished %s%nthe seeder's slots over time:%n%s",
              finished, biddersMedian, plainMedian, progressWhenFirstBidderDone, slots);
      System.out.println("headline swarm: " + figures);
      // While all five compete, each paid slot carries a third of the cap (twice an open slot's
      // share) and the three non-payers share the other third (one tit-for-tat slot, one
      // optimistic): a bidder downloads about three times a non-bidder's rate.
      assertTrue(
          biddersPieces >= 1.5 * plainPieces, "bidders download markedly faster: " + figures);
      // Completion differs less: once the bidders are done, the non-payers get the whole cap (see
      // the report).
      assertTrue(biddersMedian < plainMedian, "bidders finish first: " + figures);
      for (String name : leechers.keySet()) {
        assertTrue(
            TestFiles.sameContent(content, dir.resolve("daemon-" + name + "/dl/film.bin")), name);
      }
      if (ordinary.isPresent()) {
        assertEquals(0, ordinary.get().awaitExit(Duration.ofSeconds(120)), ordinary.get().tail());
        System.out.printf(
            "headline swarm: the libtorrent peer finished in %s ms%n",
            ordinary.get().lineAfter("COMPLETE ").orElse("?"));
        assertTrue(
            TestFiles.sameContent(content, dir.resolve("lt-got/film.bin")),
            "the ordinary peer's copy");
      }
    } finally {
      ordinary.ifPresent(ExternalProcess::close);
    }

    // Money: vouchers travel after the last verified piece; wait until all that is owed is signed
    // and accepted.
    String seederAddress = swarm.address(seeder);
    Map<String, SharedWalletSwarm.Member> byAddress = new LinkedHashMap<>();
    bidders.values().forEach(m -> byAddress.put(swarm.address(m), m));
    Await.until(
        Duration.ofSeconds(60),
        () -> "the last vouchers: " + earnings(s),
        () -> {
          for (SharedWalletSwarm.Member bidder : bidders.values()) {
            PeerMoney paid = spending(swarm.api(bidder));
            PeerMoney earned = earnings(s).get(swarm.address(bidder));
            if (paid == null
                || earned == null
                || paid.getOwedBaseUnits().equals("0")
                || !paid.getVoucheredBaseUnits().equals(paid.getOwedBaseUnits())
                || !earned.getVoucheredBaseUnits().equals(paid.getVoucheredBaseUnits())) {
              return false;
            }
          }
          return true;
        });
    BigInteger sum = BigInteger.ZERO;
    for (SharedWalletSwarm.Member bidder : bidders.values()) {
      PeerMoney paid = spending(swarm.api(bidder));
      assertEquals(seederAddress, paid.getAddress());
      assertTrue(paid.getPaidBytes() > 0, "some bytes came through a paid slot: " + paid);
      // Two paid slots, two bids: no losing bid, so both pay the ask (the uniform clearing price),
      // not their bids.
      assertEquals(
          BigInteger.valueOf(paid.getPaidBytes()).multiply(ASK).shiftRight(20).toString(),
          paid.getOwedBaseUnits(),
          "owed = floor(verified paid bytes × clearing price / 2^20): " + paid);
      sum = sum.add(new BigInteger(paid.getVoucheredBaseUnits()));
    }
    for (SharedWalletSwarm.Member p : plain.values()) {
      assertEquals(
          0,
          swarm.api(p).getSpending(GetSpendingRequest.getDefaultInstance()).getPeersCount(),
          "a non-bidder pays nothing");
    }
    BigInteger accepted =
        earnings(s).values().stream()
            .map(m -> new BigInteger(m.getVoucheredBaseUnits()))
            .reduce(BigInteger.ZERO, BigInteger::add);
    assertEquals(
        sum,
        accepted,
        "the seeder accepted exactly the sum of the bidders' vouchers: " + earnings(s));
    assertEquals(
        byAddress.keySet(),
        earnings(s).entrySet().stream()
            .filter(e -> new BigInteger(e.getValue().getVoucheredBaseUnits()).signum() > 0)
            .map(Map.Entry::getKey)
            .collect(java.util.stream.Collectors.toSet()),
        "only the bidders paid");

    // The seeder closes each channel: exactly the accepted sum reaches its wallet on chain.
    ChannelServiceGrpc.ChannelServiceBlockingStub seederChannels =
        ChannelServiceGrpc.newBlockingStub(swarm.connection)
            .withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(
                    SharedWalletSwarm.bearer(seeder.walletToken())));
    var payeeChannels =
        seederChannels
            .listChannels(
                ListChannelsRequest.newBuilder().setRole(ChannelRole.CHANNEL_ROLE_PAYEE).build())
            .getChannelsList();
    assertEquals(2, payeeChannels.size(), "one channel per bidder: " + payeeChannels);
    BigInteger before = swarm.btt(seeder);
    for (var channel : payeeChannels) {
      seederChannels.closeChannel(
          ChannelRef.newBuilder()
              .setWalletId(seeder.walletId())
              .setChannelId(channel.getChannelId())
              .build());
    }
    BigInteger expected = before.add(accepted);
    Await.until(
        Duration.ofSeconds(60),
        () -> "both closes on chain: " + swarm.btt(seeder) + " of " + expected,
        () -> swarm.btt(seeder).compareTo(expected) >= 0);
    assertEquals(expected, swarm.btt(seeder), "the seeder received exactly the accepted vouchers");
  }

  /**
   * One line: each peer of the seeder, its upload so far, whether it holds a slot and whether a
   * paid one.
   */
  private static String seederSlots(
      SpeedServiceGrpc.SpeedServiceBlockingStub seeder, String infoHash, double at) {
    StringBuilder line = new StringBuilder(String.format("%5.1f s:", at));
    // One update of the stream is enough; the deadline ends the call.
    var updates =
        seeder
            .withDeadlineAfter(2, java.util.concurrent.TimeUnit.SECONDS)
            .subscribeTorrent(
                io.bttspeed.proto.speed.v1.SubscribeTorrentRequest.newBuilder()
                    .setInfoHash(infoHash)
                    .setIntervalMs(100)
                    .build());
    for (var peer : updates.next().getPeersList()) {
      line.append(
          String.format(
              " [%s %s %.1f MiB%s%s]",
              peer.getAddress(),
              peer.getClient(),
              peer.getUploadedBytes() / 1048576.0,
              peer.getUnchoked() ? " slot" : "",
              peer.hasSelling() && peer.getSelling().getPaidSlot()
                  ? " PAID"
                  : peer.hasSelling() ? " bid" : ""));
    }
    return line.toString();
  }

  private static double median(double a, double b) {
    return (a + b) / 2;
  }

  private static TorrentState state(
      SpeedServiceGrpc.SpeedServiceBlockingStub api, String infoHash) {
    return api.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
        .getTorrent()
        .getState();
  }

  private PeerMoney spending(SpeedServiceGrpc.SpeedServiceBlockingStub daemon) {
    var peers = daemon.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }

  /** The seeder's earnings by payer address. */
  private Map<String, PeerMoney> earnings(SpeedServiceGrpc.SpeedServiceBlockingStub daemon) {
    Map<String, PeerMoney> out = new LinkedHashMap<>();
    daemon
        .getEarnings(GetEarningsRequest.getDefaultInstance())
        .getPeersList()
        .forEach(m -> out.put(m.getAddress(), m));
    return out;
  }

  private Path writeTorrent(AddTorrentResponse seeded) {
    try {
      return Files.write(dir.resolve("film.torrent"), seeded.getTorrentFile().toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean libtorrentAvailable() {
    if (!ExternalProcess.available(PYTHON)) {
      return false;
    }
    try {
      return new ProcessBuilder(PYTHON, "-c", "import libtorrent").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String script() {
    Path target = dir.resolve("lt_peer.py");
    if (!Files.exists(target)) {
      try (InputStream in = HeadlineSwarmTest.class.getResourceAsStream("/interop/lt_peer.py")) {
        Files.copy(in, target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return target.toString();
  }

  /** Each leecher's own view, for a failure message: pieces held, bytes, peers and state. */
  private static String leecherViews(
      Map<String, SpeedServiceGrpc.SpeedServiceBlockingStub> leechers,
      Map<String, Integer> ports,
      String infoHash) {
    StringBuilder views = new StringBuilder();
    leechers.forEach(
        (name, api) -> {
          var t =
              api.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                  .getTorrent();
          views.append(
              String.format(
                  "%n  %s (port %d): %s %d/%d pieces, %d bytes down, %d peers",
                  name,
                  ports.get(name),
                  t.getState(),
                  t.getPiecesComplete(),
                  t.getPiecesTotal(),
                  t.getDownloadedBytes(),
                  t.getPeerCount()));
        });
    return views.toString();
  }
}

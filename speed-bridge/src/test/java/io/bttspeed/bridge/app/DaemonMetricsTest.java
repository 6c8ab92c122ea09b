package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.SpeedRequests;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.devnet.DevnetConfig;
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
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.wallet.metrics.MetricsSettings;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real daemons on loopback sharing one real wallet service, with {@code --metrics-port}: a seeder
 * sells a paid slot to a bidder, and the scrapes over HTTP show the torrent's bytes and rates, the
 * paid slot and its clearing price, the ask, sessions, and earnings and spending equal (as doubles)
 * to what the API reports exactly.
 */
@Timeout(240)
class DaemonMetricsTest {
  private static final BigInteger ASK = BigInteger.TEN.pow(12);
  private static final BigInteger BID = ASK.multiply(BigInteger.valueOf(3));
  private static final Asset THIS_CHAINS_BTT = SpeedRequests.THIS_CHAINS_BTT;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private SharedWalletSwarm swarm;
  private final List<BridgeDaemon> daemons = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    daemons.forEach(BridgeDaemon::close);
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void theDaemonsScrapesShowRatesPaidSlotsClearingPriceSessionsEarningsAndSpending() {
    swarm = new SharedWalletSwarm(dir);
    Member seeder = daemon("seeder");
    Member bidder = daemon("bidder");
    SpeedServiceGrpc.SpeedServiceBlockingStub s = api(seeder.daemon());
    SpeedServiceGrpc.SpeedServiceBlockingStub b = api(bidder.daemon());
    int seederMetrics = seeder.daemon().metricsPort().orElseThrow();
    int bidderMetrics = bidder.daemon().metricsPort().orElseThrow();
    String btt =
        "asset=\"TRC20:" + swarm.walletService.devnet().orElseThrow().bttTokenAddress() + "\"";

    s.setAsk(
        SetAskRequest.newBuilder()
            .setAsset(THIS_CHAINS_BTT)
            .setPriceBaseUnitsPerMib(ASK.toString())
            .build());
    // Long enough at the cap below (about 16 s) to span an auction round of the choker (10 s).
    long size = 16L * 1024 * 1024;
    Path content = TestFiles.random(dir.resolve("share/film.bin"), size, 62);
    AddTorrentResponse seeded =
        s.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    String torrent = "torrent=\"" + infoHash + "\"";
    Await.until(
        Duration.ofSeconds(60),
        "the seeder to verify its data",
        () ->
            s.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                    .getTorrent()
                    .getState()
                == TorrentState.TORRENT_STATE_SEEDING);
    String seeding = scrape(seederMetrics);
    assertEquals(
        Optional.of(0.0),
        sample(seeding, "bttspeed_torrent_upload_rate_bytes_per_second", torrent));
    assertEquals(
        Optional.of((double) ASK.longValueExact()),
        sample(seeding, "bttspeed_ask_base_units_per_mib", btt));
    assertEquals(
        Optional.of(0.0), sample(seeding, "bttspeed_paid_slots", torrent, "side=\"selling\""));
    s.setLimits(SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(1024L * 1024).build());

    b.setBidPolicy(SpeedRequests.fixedBid(BID));
    b.addTorrent(SpeedRequests.download(seeded.getTorrentFile(), seeder.peerPort()).build());

    // While the capped download runs: the bidder holds the seeder's one sold slot at the clearing
    // price (the ask: one bidder, no losing bid), and bytes flow at a measurable rate.
    AtomicBoolean sawPaidSlot = new AtomicBoolean();
    AtomicBoolean sawUploadRate = new AtomicBoolean();
    Await.until(
        Duration.ofSeconds(90),
        () ->
            "a paid slot ("
                + sawPaidSlot
                + ") and an upload rate ("
                + sawUploadRate
                + ") in\n"
                + scrape(seederMetrics),
        () -> {
          String now = scrape(seederMetrics);
          if (sample(now, "bttspeed_paid_slots", torrent, "side=\"selling\"").orElse(0.0) == 1.0
              && sample(
                          now,
                          "bttspeed_clearing_price_base_units_per_mib",
                          torrent,
                          btt,
                          "side=\"selling\"")
                      .orElse(0.0)
                  == ASK.doubleValue()) {
            sawPaidSlot.set(true);
          }
          if (sample(now, "bttspeed_torrent_upload_rate_bytes_per_second", torrent).orElse(0.0)
              > 0) {
            sawUploadRate.set(true);
          }
          return sawPaidSlot.get() && sawUploadRate.get();
        });
    Await.until(
        Duration.ofSeconds(60),
        () -> "the bidder to hold a paid slot in\n" + scrape(bidderMetrics),
        () ->
            sample(scrape(bidderMetrics), "bttspeed_paid_slots", torrent, "side=\"buying\"")
                    .orElse(0.0)
                == 1.0);
    Await.until(
        Duration.ofSeconds(120),
        "the download",
        () ->
            b.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                    .getTorrent()
                    .getState()
                == TorrentState.TORRENT_STATE_SEEDING);
    // The scrape shows exactly what the API reports, read on both sides of it so that no voucher
    // came between.
    Await.until(
        Duration.ofSeconds(60),
        () ->
            "earnings in the scrape equal to GetEarnings "
                + s.getEarnings(GetEarningsRequest.getDefaultInstance())
                + ":\n"
                + scrape(seederMetrics),
        () -> {
          BigInteger before =
              vouchered(
                  first(s.getEarnings(GetEarningsRequest.getDefaultInstance()).getPeersList()));
          Optional<Double> scraped =
              sample(
                  scrape(seederMetrics), "bttspeed_earnings_base_units", btt, "kind=\"accepted\"");
          BigInteger after =
              vouchered(
                  first(s.getEarnings(GetEarningsRequest.getDefaultInstance()).getPeersList()));
          return after.signum() > 0
              && before.equals(after)
              && scraped.equals(Optional.of(after.doubleValue()));
        });
    Await.until(
        Duration.ofSeconds(60),
        () ->
            "spending in the scrape equal to GetSpending "
                + b.getSpending(GetSpendingRequest.getDefaultInstance())
                + ":\n"
                + scrape(bidderMetrics),
        () -> {
          BigInteger before =
              vouchered(
                  first(b.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList()));
          Optional<Double> scraped =
              sample(scrape(bidderMetrics), "bttspeed_spending_base_units", btt, "kind=\"signed\"");
          BigInteger after =
              vouchered(
                  first(b.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList()));
          return after.signum() > 0
              && before.equals(after)
              && scraped.equals(Optional.of(after.doubleValue()));
        });

    String sellerSide = scrape(seederMetrics);
    assertTrue(
        sample(sellerSide, "bttspeed_torrent_uploaded_bytes", torrent).orElse(0.0) >= size,
        sellerSide);
    assertTrue(
        sample(sellerSide, "bttspeed_sessions", "state=\"active\"").orElse(0.0) >= 1, sellerSide);
    assertEquals(
        Optional.of(0.0), sample(sellerSide, "bttspeed_sessions", "state=\"ended\""), sellerSide);
    // What the README shows as a sample scrape.
    sellerSide
        .lines()
        .filter(l -> l.startsWith("bttspeed_"))
        .forEach(l -> System.out.println("seeder: " + l));
    String buyerSide = scrape(bidderMetrics);
    buyerSide
        .lines()
        .filter(l -> l.startsWith("bttspeed_"))
        .forEach(l -> System.out.println("bidder: " + l));
    assertTrue(
        sample(buyerSide, "bttspeed_torrent_downloaded_bytes", torrent).orElse(0.0) >= size,
        buyerSide);
    assertTrue(sample(buyerSide, "jvm_threads_live_threads").isPresent(), buyerSide);
  }

  @Test
  void aDaemonWithoutMetricsPortOpensNoEndpoint() {
    BridgeDaemon plain =
        BridgeDaemon.start(
            new BridgeConfig(
                dir.resolve("plain"),
                InetAddress.getLoopbackAddress(),
                0,
                InetAddress.getLoopbackAddress(),
                TestFiles.freePort(),
                dir.resolve("plain/dl"),
                Optional.empty(),
                false),
            DevnetConfig.inMemory().withInstantBlocks());
    daemons.add(plain);
    assertEquals(Optional.empty(), plain.metricsPort());
  }

  private record Member(BridgeDaemon daemon, int peerPort) {}

  /** As SharedWalletSwarm.daemon, with the metrics endpoint on a free loopback port. */
  private Member daemon(String name) {
    String token =
        swarm
            .walletService
            .principals()
            .createToken("daemon-" + name, EnumSet.of(Scope.READ, Scope.SPEND));
    String walletId =
        swarm
            .wallets(token)
            .createWallet(CreateWalletRequest.newBuilder().setLabel(name).build())
            .getWallet()
            .getWalletId();
    new DevnetFaucet(swarm.walletService, swarm.connection, Duration.ofSeconds(60))
        .fund(walletId, token);
    Await.until(
        Duration.ofSeconds(60),
        "the devnet funding lands",
        () ->
            swarm
                    .wallets(token)
                    .getBalances(GetBalancesRequest.newBuilder().setWalletId(walletId).build())
                    .getBalancesList()
                    .stream()
                    .filter(bal -> new BigInteger(bal.getAmountBaseUnits()).signum() > 0)
                    .count()
                >= 3);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Path data = dir.resolve("daemon-" + name);
    int peerPort = TestFiles.freePort();
    BridgeDaemon daemon =
        BridgeDaemon.start(
            new BridgeConfig(
                    data,
                    loopback,
                    0,
                    loopback,
                    peerPort,
                    data.resolve("dl"),
                    Optional.empty(),
                    false,
                    WalletSettings.of(
                        Optional.of("127.0.0.1:" + swarm.walletService.port()),
                        Optional.of(token),
                        Optional.of(walletId),
                        Optional.empty(),
                        0))
                .withMetrics(MetricsSettings.loopback(0)));
    daemons.add(daemon);
    return new Member(daemon, peerPort);
  }

  private static BigInteger vouchered(PeerMoney money) {
    return money == null ? BigInteger.ZERO : new BigInteger(money.getVoucheredBaseUnits());
  }

  private static PeerMoney first(List<PeerMoney> peers) {
    return peers.isEmpty() ? null : peers.get(0);
  }

  private SpeedServiceGrpc.SpeedServiceBlockingStub api(BridgeDaemon daemon) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", daemon.apiPort()).usePlaintext().build();
    channels.add(channel);
    Metadata md = new Metadata();
    md.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + daemon.firstAdminToken().orElseThrow());
    return SpeedServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }

  private static String scrape(int port) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(20))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return r.body();
    } catch (IOException e) {
      throw new AssertionError("scrape of port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The sample named {@code name} whose labels include all of {@code labels} ({@code key="value"}).
   */
  private static Optional<Double> sample(String scrape, String name, String... labels) {
    return scrape
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .filter(
            l -> {
              String series = l.substring(0, l.lastIndexOf(' '));
              String metric =
                  series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
              return metric.equals(name) && Arrays.stream(labels).allMatch(series::contains);
            })
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }
}

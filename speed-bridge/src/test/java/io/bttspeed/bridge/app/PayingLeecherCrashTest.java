package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.ServeArgs;
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
import io.bttspeed.proto.speed.v1.Torrent;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.wallet.v1.Asset;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paying leecher daemon (its own JVM) killed with SIGKILL in the middle of a paid download from a
 * seeder daemon, both on one wallet service that survives (in this JVM), then started again on the
 * same data directory: the download resumes and verifies, no voucher the seeder accepted is lost,
 * nothing is paid twice, and the seeder ends with exactly what the leecher paid.
 */
@Timeout(300)
class PayingLeecherCrashTest {
  private static final long SIZE = 10L * 1024 * 1024 + 4321;

  /** 10^12 base units of TRC-20 BTT per MiB. */
  private static final BigInteger ASK = BigInteger.TEN.pow(12);

  private static final BigInteger BID = ASK.multiply(BigInteger.valueOf(3));
  private static final Asset THIS_CHAINS_BTT = SpeedRequests.THIS_CHAINS_BTT;

  @TempDir Path dir;
  private SharedWalletSwarm swarm;
  private final List<ManagedChannel> channels = new ArrayList<>();

  /** The highest total the seeder has accepted so far: it may never go down. */
  private BigInteger seederAccepted = BigInteger.ZERO;

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void aPayingLeecherKilledMidDownloadResumesLosesNoAcceptedVoucherAndPaysNothingTwice() {
    swarm = new SharedWalletSwarm(dir);
    SharedWalletSwarm.Member seeder = swarm.daemon("seeder");
    SharedWalletSwarm.Account leecherAccount = swarm.account("leecher");
    SpeedServiceGrpc.SpeedServiceBlockingStub s =
        api(seeder.daemon().apiPort(), seeder.daemon().firstAdminToken().orElseThrow());
    s.setAsk(
        SetAskRequest.newBuilder()
            .setAsset(THIS_CHAINS_BTT)
            .setPriceBaseUnitsPerMib(ASK.toString())
            .build());
    Path content = TestFiles.random(dir.resolve("share/film.bin"), SIZE, 71);
    AddTorrentResponse seeded =
        s.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    Await.until(
        Duration.ofSeconds(60),
        "the seeder to verify its data",
        () -> torrent(s, infoHash).getState() == TorrentState.TORRENT_STATE_SEEDING);
    // Capped, so the kill lands in the middle of the paid download.
    s.setLimits(SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(768L * 1024).build());

    Path data = dir.resolve("leecher");
    Path out = dir.resolve("out");
    int apiPort = TestFiles.freePort();
    int peerPort = TestFiles.freePort();
    String token;
    BigInteger acceptedAtKill;
    try (ExternalProcess daemon = serve(data, apiPort, peerPort, leecherAccount)) {
      daemon.awaitLine("admin token (shown once): ", Duration.ofSeconds(60));
      token = daemon.lineAfter("admin token (shown once): ").orElseThrow();
      SpeedServiceGrpc.SpeedServiceBlockingStub b = api(apiPort, token);
      b.setBidPolicy(SpeedRequests.fixedBid(BID));
      b.addTorrent(
          SpeedRequests.download(seeded.getTorrentFile(), seeder.peerPort())
              .setDownloadDir(out.toString())
              .build());
      AtomicReference<String> now = new AtomicReference<>();
      Await.until(
          Duration.ofSeconds(90),
          () -> "a quarter of the pieces, paid for: " + now.get(),
          () -> {
            Torrent t = torrent(b, infoHash);
            BigInteger accepted = accepted(s);
            now.set(
                t.getPiecesComplete()
                    + "/"
                    + t.getPiecesTotal()
                    + " pieces, seeder accepted "
                    + accepted);
            return t.getPiecesComplete() * 4 >= t.getPiecesTotal() && accepted.signum() > 0;
          });
      assertTrue(
          torrent(b, infoHash).getState() != TorrentState.TORRENT_STATE_SEEDING,
          "killed mid-download");
      acceptedAtKill = accepted(s);
    } // SIGKILL: no shutdown hook runs, whatever the leecher was paying is cut off

    ChannelServiceGrpc.ChannelServiceBlockingStub leecherChannels =
        ChannelServiceGrpc.newBlockingStub(swarm.connection)
            .withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(
                    SharedWalletSwarm.bearer(leecherAccount.token())));
    assertTrue(
        signed(leecherChannels, leecherAccount).compareTo(acceptedAtKill) >= 0,
        "everything the seeder accepted was signed by the leecher's wallet");

    try (ExternalProcess daemon = serve(data, apiPort, peerPort, leecherAccount)) {
      daemon.awaitLine("speed-bridge: API on", Duration.ofSeconds(60));
      SpeedServiceGrpc.SpeedServiceBlockingStub b = api(apiPort, token);
      // No bid policy is set again: the restarted daemon bids by the one it stored.
      AtomicReference<Torrent> now = new AtomicReference<>();
      Await.until(
          Duration.ofSeconds(150),
          () -> "the download after the restart, at " + now.get(),
          () -> {
            accepted(s);
            now.set(torrent(b, infoHash));
            return now.get().getState() == TorrentState.TORRENT_STATE_SEEDING;
          });
      assertTrue(
          signed(leecherChannels, leecherAccount).compareTo(seederAccepted) >= 0,
          "the leecher's signed total covers what the seeder accepted");
      Await.until(
          Duration.ofSeconds(60),
          () -> "the last vouchers: " + spending(b) + " / " + earnings(s),
          () -> {
            accepted(s);
            PeerMoney paid = spending(b);
            PeerMoney earned = earnings(s);
            return paid != null
                && earned != null
                && paid.getVoucheredBaseUnits().equals(paid.getOwedBaseUnits())
                && earned.getVoucheredBaseUnits().equals(paid.getVoucheredBaseUnits());
          });
      PeerMoney paid = spending(b);
      assertTrue(paid.getPaidBytes() > 0, "bytes came through the paid slot: " + paid);
      assertTrue(paid.getPaidBytes() <= SIZE, "no verified byte was counted twice: " + paid);
      assertTrue(
          paid.getPaidBytes() + paid.getFreeBytes() <= SIZE,
          "no verified byte was counted twice: " + paid);
      BigInteger leecherPaid = new BigInteger(paid.getVoucheredBaseUnits());
      // One bidder: the clearing price is the ask.
      assertEquals(
          BigInteger.valueOf(paid.getPaidBytes()).multiply(ASK).shiftRight(20),
          leecherPaid,
          "paid = floor(verified paid bytes × price / 2^20) over the whole download, not more: "
              + paid);
      assertEquals(leecherPaid, accepted(s), "the seeder accepted exactly what the leecher paid");
      assertEquals(
          leecherPaid,
          signed(leecherChannels, leecherAccount),
          "the leecher's wallet signed exactly that on the channel");
      assertTrue(acceptedAtKill.compareTo(leecherPaid) <= 0);
    }
    assertTrue(TestFiles.sameContent(content, out.resolve("film.bin")));
  }

  /** The seeder's accepted total, checked never to go down. */
  private BigInteger accepted(SpeedServiceGrpc.SpeedServiceBlockingStub seeder) {
    PeerMoney earned = earnings(seeder);
    BigInteger accepted =
        earned == null ? BigInteger.ZERO : new BigInteger(earned.getVoucheredBaseUnits());
    assertTrue(
        accepted.compareTo(seederAccepted) >= 0,
        "the seeder's accepted total went down from " + seederAccepted + " to " + accepted);
    seederAccepted = accepted;
    return accepted;
  }

  /**
   * The cumulative amount the leecher's wallet signed on its one channel (zero before it has one).
   */
  private static BigInteger signed(
      ChannelServiceGrpc.ChannelServiceBlockingStub channels, SharedWalletSwarm.Account account) {
    var list =
        channels
            .listChannels(
                ListChannelsRequest.newBuilder().setRole(ChannelRole.CHANNEL_ROLE_PAYER).build())
            .getChannelsList();
    assertTrue(list.size() <= 1, "one channel per seeder and asset: " + list);
    if (list.isEmpty()) {
      return BigInteger.ZERO;
    }
    return new BigInteger(
        channels
            .getChannel(
                ChannelRef.newBuilder()
                    .setWalletId(account.walletId())
                    .setChannelId(list.get(0).getChannelId())
                    .build())
            .getChannel()
            .getCumulativeBaseUnits());
  }

  private static Torrent torrent(SpeedServiceGrpc.SpeedServiceBlockingStub api, String infoHash) {
    return api.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
        .getTorrent();
  }

  private static PeerMoney spending(SpeedServiceGrpc.SpeedServiceBlockingStub daemon) {
    var peers = daemon.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }

  private static PeerMoney earnings(SpeedServiceGrpc.SpeedServiceBlockingStub daemon) {
    var peers = daemon.getEarnings(GetEarningsRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }

  private ExternalProcess serve(
      Path data, int apiPort, int peerPort, SharedWalletSwarm.Account account) {
    return new ExternalProcess(
        "speed-bridge serve",
        ExternalProcess.java(
            List.of(),
            "io.bttspeed.bridge.cli.SpeedBridgeCli",
            ServeArgs.of(
                data,
                apiPort,
                peerPort,
                "--wallet.endpoint",
                "127.0.0.1:" + swarm.walletService.port(),
                "--wallet.token",
                account.token(),
                "--wallet.id",
                account.walletId())),
        dir);
  }

  private SpeedServiceGrpc.SpeedServiceBlockingStub api(int port, String token) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return SpeedServiceGrpc.newBlockingStub(channel)
        .withInterceptors(
            MetadataUtils.newAttachHeadersInterceptor(SharedWalletSwarm.bearer(token)));
  }
}

package io.bttspeed.bridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.bttspeed.bridge.app.BridgeDaemon;
import io.bttspeed.bridge.testing.Bencoder;
import io.bttspeed.bridge.testing.DaemonFixture;
import io.bttspeed.bridge.testing.SpeedRequests;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.AutoBid;
import io.bttspeed.proto.speed.v1.BidPolicy;
import io.bttspeed.proto.speed.v1.FixedBid;
import io.bttspeed.proto.speed.v1.GetEarningsRequest;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.ListTorrentsRequest;
import io.bttspeed.proto.speed.v1.PauseTorrentRequest;
import io.bttspeed.proto.speed.v1.RemoveTorrentRequest;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetBidPolicyRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SubscribeTorrentRequest;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.speed.v1.TorrentUpdate;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SpeedService over real gRPC on loopback with the real interceptors, manager, engine and H2. */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeedServiceTest {
  @TempDir static Path dir;
  private DaemonFixture seeder;
  private DaemonFixture leecher;

  @BeforeAll
  void start() {
    seeder = new DaemonFixture(dir.resolve("seeder"), TestFiles.freePort());
    leecher = new DaemonFixture(dir.resolve("leecher"), TestFiles.freePort());
  }

  @AfterAll
  void stop() {
    leecher.close();
    seeder.close();
  }

  @Test
  void seedThroughTheApiDownloadThroughAnotherDaemonAndFollowTheStream() throws Exception {
    Path content = TestFiles.random(dir.resolve("share/video.bin"), 3 * 1024 * 1024, 31);
    AddTorrentResponse seeded =
        seeder
            .admin()
            .addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    assertTrue(Files.isRegularFile(Path.of(seeded.getTorrentFilePath())));
    assertTrue(seeded.getTorrent().getMagnet().startsWith("magnet:?xt=urn:btih:" + infoHash));

    Path out = dir.resolve("out");
    leecher
        .admin()
        .addTorrent(
            SpeedRequests.download(seeded.getTorrentFile(), seeder.peerPort)
                .setDownloadDir(out.toString())
                .build());
    Iterator<TorrentUpdate> updates =
        leecher
            .admin()
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .subscribeTorrent(
                SubscribeTorrentRequest.newBuilder()
                    .setInfoHash(infoHash)
                    .setIntervalMs(100)
                    .build());
    TorrentUpdate last = null;
    boolean sawPeer = false;
    while (updates.hasNext()) {
      last = updates.next();
      sawPeer |=
          last.getPeersList().stream()
              .anyMatch(p -> p.getAddress().equals("127.0.0.1:" + seeder.peerPort));
      if (last.getTorrent().getState() == TorrentState.TORRENT_STATE_SEEDING) {
        break;
      }
    }
    assertEquals(TorrentState.TORRENT_STATE_SEEDING, last.getTorrent().getState());
    assertTrue(sawPeer, "the stream lists the seeder among the peers");
    assertTrue(TestFiles.sameContent(content, out.resolve("video.bin")));
    assertEquals(
        1,
        leecher.admin().listTorrents(ListTorrentsRequest.getDefaultInstance()).getTorrentsCount());

    leecher
        .admin()
        .removeTorrent(
            RemoveTorrentRequest.newBuilder().setInfoHash(infoHash).setDeleteData(true).build());
    assertFalse(Files.exists(out.resolve("video.bin")));
    seeder.admin().removeTorrent(RemoveTorrentRequest.newBuilder().setInfoHash(infoHash).build());
    assertTrue(Files.exists(content), "removing without data keeps the files");
  }

  Stream<Arguments> badRequests() {
    String unknown = "ab".repeat(20);
    Map<String, Object> info =
        Map.of("name", "t", "piece length", 16384, "pieces", new byte[20], "length", 5);
    return Stream.of(
        Arguments.of(
            "no source",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () -> leecher.admin().addTorrent(AddTorrentRequest.getDefaultInstance())),
        Arguments.of(
            "garbage .torrent",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .addTorrent(
                            AddTorrentRequest.newBuilder()
                                .setTorrentFile(ByteString.copyFromUtf8("garbage"))
                                .build())),
        Arguments.of(
            "escaping path",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .addTorrent(
                            AddTorrentRequest.newBuilder()
                                .setTorrentFile(
                                    ByteString.copyFrom(
                                        Bencoder.torrentWithPath(
                                            "t", List.of("..", "..", "etc", "x"))))
                                .build())),
        Arguments.of(
            "relative download dir",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .addTorrent(
                            AddTorrentRequest.newBuilder()
                                .setTorrentFile(
                                    ByteString.copyFrom(Bencoder.encode(Map.of("info", info))))
                                .setDownloadDir("rel/dir")
                                .build())),
        Arguments.of(
            "bad magnet",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .addTorrent(
                            AddTorrentRequest.newBuilder()
                                .setMagnet("magnet:?xt=urn:btih:xyz")
                                .build())),
        Arguments.of(
            "missing seed path",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .addTorrent(
                            AddTorrentRequest.newBuilder().setSeedPath("/no/such/path").build())),
        Arguments.of(
            "bad peer",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .addTorrent(
                            AddTorrentRequest.newBuilder()
                                .setMagnet("magnet:?xt=urn:btih:" + unknown)
                                .addPeers("no-port")
                                .build())),
        Arguments.of(
            "bad infohash",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .getTorrent(GetTorrentRequest.newBuilder().setInfoHash("xyz").build())),
        Arguments.of(
            "unknown torrent",
            Status.Code.NOT_FOUND,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .pauseTorrent(
                            PauseTorrentRequest.newBuilder().setInfoHash(unknown).build())),
        Arguments.of(
            "negative cap",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setLimits(
                            SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(-5).build())),
        Arguments.of(
            "ask in TRX",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setAsk(
                            SetAskRequest.newBuilder()
                                .setAsset(Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()))
                                .setPriceBaseUnitsPerMib("5")
                                .build())),
        Arguments.of(
            "ask with a leading zero",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setAsk(
                            SetAskRequest.newBuilder()
                                .setAsset(BTT)
                                .setPriceBaseUnitsPerMib("05")
                                .build())),
        Arguments.of(
            "ask of 10^80",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setAsk(
                            SetAskRequest.newBuilder()
                                .setAsset(BTT)
                                .setPriceBaseUnitsPerMib("1" + "0".repeat(80))
                                .build())),
        Arguments.of(
            "ask of 100k digits",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setAsk(
                            SetAskRequest.newBuilder()
                                .setAsset(BTT)
                                .setPriceBaseUnitsPerMib("9".repeat(100_000))
                                .build())),
        Arguments.of(
            "ask in an unknown token",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setAsk(
                            SetAskRequest.newBuilder()
                                .setAsset(
                                    Asset.newBuilder()
                                        .setTrc20ContractAddress(
                                            "TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4"))
                                .setPriceBaseUnitsPerMib("5")
                                .build())),
        Arguments.of(
            "999 paid slots",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setAsk(
                            SetAskRequest.newBuilder()
                                .setAsset(BTT)
                                .setPriceBaseUnitsPerMib("5")
                                .setPaidSlots(999)
                                .build())),
        Arguments.of(
            "bid policy unset",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () -> leecher.admin().setBidPolicy(SetBidPolicyRequest.getDefaultInstance())),
        Arguments.of(
            "negative budget",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setBidPolicy(
                            SetBidPolicyRequest.newBuilder()
                                .setPolicy(
                                    BidPolicy.newBuilder()
                                        .setFixed(
                                            FixedBid.newBuilder()
                                                .setAsset(BTT)
                                                .setPriceBaseUnitsPerMib("5")
                                                .setBudgetBaseUnits("-1")))
                                .build())),
        Arguments.of(
            "zero price",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setBidPolicy(
                            SetBidPolicyRequest.newBuilder()
                                .setPolicy(
                                    BidPolicy.newBuilder()
                                        .setFixed(
                                            FixedBid.newBuilder()
                                                .setAsset(BTT)
                                                .setPriceBaseUnitsPerMib("0")
                                                .setBudgetBaseUnits("100")))
                                .build())),
        Arguments.of(
            "spending rate 10001 %",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setBidPolicy(
                            SetBidPolicyRequest.newBuilder()
                                .setPolicy(
                                    BidPolicy.newBuilder()
                                        .setAuto(
                                            AutoBid.newBuilder()
                                                .setAsset(BTT)
                                                .setBudgetBaseUnits("100")
                                                .setSpendingRatePercent(10_001)))
                                .build())),
        Arguments.of(
            "bid for an unknown torrent",
            Status.Code.NOT_FOUND,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .setBidPolicy(
                            SetBidPolicyRequest.newBuilder()
                                .setInfoHash(unknown)
                                .setPolicy(
                                    BidPolicy.newBuilder()
                                        .setNone(BidPolicy.NoBid.getDefaultInstance()))
                                .build())),
        Arguments.of(
            "earnings of a bad infohash",
            Status.Code.INVALID_ARGUMENT,
            (Supplier<Object>)
                () ->
                    leecher
                        .admin()
                        .getEarnings(
                            GetEarningsRequest.newBuilder().setInfoHash("x".repeat(5000)).build())),
        Arguments.of(
            "read token sets an ask",
            Status.Code.PERMISSION_DENIED,
            (Supplier<Object>)
                () ->
                    leecher
                        .stub(readToken())
                        .setAsk(
                            SetAskRequest.newBuilder()
                                .setAsset(BTT)
                                .setPriceBaseUnitsPerMib("5")
                                .build())),
        Arguments.of(
            "no token",
            Status.Code.UNAUTHENTICATED,
            (Supplier<Object>)
                () -> leecher.stub("").listTorrents(ListTorrentsRequest.getDefaultInstance())),
        Arguments.of(
            "unknown token",
            Status.Code.UNAUTHENTICATED,
            (Supplier<Object>)
                () -> leecher.stub("nope").listTorrents(ListTorrentsRequest.getDefaultInstance())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badInputGetsAClearStatusAndChangesNothing(
      String label, Status.Code code, Supplier<Object> call) {
    int before =
        leecher.admin().listTorrents(ListTorrentsRequest.getDefaultInstance()).getTorrentsCount();
    var asks = leecher.daemon.speed().asks();
    int paidSlots = leecher.daemon.speed().paidSlots();
    var defaultBid =
        leecher.daemon.speed().bidPolicy(io.bttspeed.bridge.domain.InfoHash.parse("ab".repeat(20)));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::get);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
    assertFalse(e.getStatus().getDescription() == null || e.getStatus().getDescription().isBlank());
    assertFalse(
        e.getStatus().getDescription().contains("Exception"), "no internals: " + e.getStatus());
    assertEquals(
        before,
        leecher.admin().listTorrents(ListTorrentsRequest.getDefaultInstance()).getTorrentsCount());
    assertEquals(asks, leecher.daemon.speed().asks(), "asks unchanged");
    assertEquals(paidSlots, leecher.daemon.speed().paidSlots(), "paid slots unchanged");
    assertEquals(
        defaultBid,
        leecher.daemon.speed().bidPolicy(io.bttspeed.bridge.domain.InfoHash.parse("ab".repeat(20))),
        "bid policies unchanged");
  }

  private static final Asset BTT = Asset.newBuilder().setTrc20ContractAddress("").build();

  private String readToken() {
    try (Database db = Database.open(BridgeDaemon.walletUrl(dir.resolve("leecher")))) {
      return new PrincipalStore(db, Clock.systemUTC(), new SecureRandom())
          .createToken("reader-money", Set.of(Scope.READ));
    }
  }

  @Test
  void sameInfohashTwiceIsAlreadyExists() {
    Path content = TestFiles.random(dir.resolve("share2/a.bin"), 50_000, 32);
    AddTorrentResponse first =
        leecher
            .admin()
            .addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                leecher
                    .admin()
                    .addTorrent(
                        AddTorrentRequest.newBuilder()
                            .setTorrentFile(first.getTorrentFile())
                            .build()));
    assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
    leecher
        .admin()
        .removeTorrent(
            RemoveTorrentRequest.newBuilder()
                .setInfoHash(first.getTorrent().getInfoHash())
                .build());
  }

  @Test
  void readTokenMayReadButNotChange() {
    String readOnly;
    try (Database db = Database.open(BridgeDaemon.walletUrl(dir.resolve("leecher")))) {
      readOnly =
          new PrincipalStore(db, Clock.systemUTC(), new SecureRandom())
              .createToken("viewer", Set.of(Scope.READ));
    }
    leecher.stub(readOnly).listTorrents(ListTorrentsRequest.getDefaultInstance());
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> leecher.stub(readOnly).setLimits(SetLimitsRequest.getDefaultInstance()));
    assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
  }

  @Test
  void healthIsServingWithoutAToken() {
    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(leecher.channel)
            .check(
                HealthCheckRequest.newBuilder()
                    .setService("bttspeed.speed.v1.SpeedService")
                    .build());
    assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
  }
}

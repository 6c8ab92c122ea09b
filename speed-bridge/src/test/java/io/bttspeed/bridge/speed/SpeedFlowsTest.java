package io.bttspeed.bridge.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.accounting.LedgerStore;
import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.choke.SlotPolicy;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.protocol.ProtocolViolation;
import io.bttspeed.bridge.protocol.RejectCode;
import io.bttspeed.bridge.protocol.SpeedCodec;
import io.bttspeed.bridge.protocol.SpeedMessage;
import io.bttspeed.bridge.protocol.SpeedMessage.Bid;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedMessage.Reject;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.torrent.PeerLink;
import io.bttspeed.bridge.torrent.RawSpeed;
import io.bttspeed.bridge.torrent.SpeedListener;
import io.bttspeed.bridge.torrent.TorrentCreator;
import io.bttspeed.bridge.torrent.TorrentProgress;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.tron.supervision.Supervisor;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeder and leecher flows over real Bt engines on 127.0.0.1, with real H2 ledgers and a FAKE
 * ChannelWallet (see {@link FakeChannelWallet}: pure protocol logic; the real wallet is another
 * module's test).
 */
@Timeout(180)
class SpeedFlowsTest {
  static final TronAddress HUB = FakeChannelWallet.address(0x70);
  static final Asset BTT = new Asset.Trc10(1002000);
  static final BigInteger ASK = BigInteger.valueOf(100);

  @TempDir Path dir;
  private final List<Throwable> backgroundDeaths = new CopyOnWriteArrayList<>();
  private final Supervisor supervisor =
      new Supervisor((task, cause) -> backgroundDeaths.add(cause));
  private final List<AutoCloseable> open = new ArrayList<>();
  private final FakeChannelWallet.Hub hub = new FakeChannelWallet.Hub(HUB);

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    assertTrue(backgroundDeaths.isEmpty(), "no supervised task died: " + backgroundDeaths);
  }

  private SpeedNode node(String name, int port, int walletId) {
    return node(name, port, new FakeChannelWallet(hub, FakeChannelWallet.address(walletId), BTT));
  }

  private SpeedNode node(String name, int port, FakeChannelWallet wallet) {
    TorrentStore store = TorrentStore.open(dir.resolve(name));
    open.add(store);
    SpeedNode node =
        SpeedNode.start(
            EngineSettings.defaults(port),
            new ChokerSettings(4, 1, 3, Duration.ofMillis(300)),
            wallet,
            new LedgerStore(store.dataSource()),
            new SpeedSettings(4, 4L << 20, Duration.ofMillis(100)),
            supervisor);
    open.add(node);
    return node;
  }

  private record Shared(
      TorrentCreator.Created created, InfoHash infoHash, Path content, long size) {}

  private Shared content(long size) {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), size, 11);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    return new Shared(created, Metainfo.parse(created.metainfo()).infoHash(), content, size);
  }

  private static boolean complete(Engine engine, InfoHash infoHash) {
    return engine.progress(infoHash).map(TorrentProgress::complete).orElse(false);
  }

  @Test
  void aBidderGetsAPaidSlotAndPaysExactlyForVerifiedBytesWhileANonBidderStillDownloads() {
    Shared s = content(12L << 20);
    int seederPort = TestFiles.freePort();
    FakeChannelWallet seederWallet = new FakeChannelWallet(hub, FakeChannelWallet.address(1), BTT);
    FakeChannelWallet bidderWallet = new FakeChannelWallet(hub, FakeChannelWallet.address(2), BTT);
    SpeedNode seeder = node("seeder", seederPort, seederWallet);
    SpeedNode bidder = node("bidder", TestFiles.freePort(), bidderWallet);
    SpeedNode freeRider = node("free", TestFiles.freePort(), 3);
    seeder.setAsk(new Amount(BTT, ASK));
    seeder
        .engine()
        .setGlobalLimit(Direction.UP, Rate.bytesPerSecond(4L << 20)); // lasts a few rounds
    bidder.setBidPolicy(
        s.infoHash,
        new BidPolicy.Fixed(
            new Amount(BTT, BigInteger.valueOf(1000)), new Amount(BTT, BigInteger.TEN.pow(12))));
    seeder
        .engine()
        .start(s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
    List<InetSocketAddress> peers = List.of(new InetSocketAddress("127.0.0.1", seederPort));
    bidder
        .engine()
        .start(s.infoHash, s.created.metainfo(), dir.resolve("bidder-got"), peers, h -> {});
    freeRider
        .engine()
        .start(s.infoHash, s.created.metainfo(), dir.resolve("free-got"), peers, h -> {});

    Await.until(
        Duration.ofSeconds(60),
        "the bidder to hold a paid slot",
        () ->
            bidder.peers(s.infoHash).stream()
                .anyMatch(v -> v.buying().map(SpeedPeerView.Trade::paidSlot).orElse(false)));
    Await.until(
        Duration.ofSeconds(120),
        "both downloads",
        () -> complete(bidder.engine(), s.infoHash) && complete(freeRider.engine(), s.infoHash));
    assertTrue(TestFiles.sameContent(s.content, dir.resolve("bidder-got/data.bin")));
    assertTrue(TestFiles.sameContent(s.content, dir.resolve("free-got/data.bin")));

    LedgerKey spendingKey = new LedgerKey(s.infoHash, FakeChannelWallet.address(1), BTT);
    LedgerKey earningKey = new LedgerKey(s.infoHash, FakeChannelWallet.address(2), BTT);
    Await.until(
        Duration.ofSeconds(30),
        () ->
            "every voucher paid and stored: "
                + bidder.spending(s.infoHash)
                + " "
                + seeder.earnings(s.infoHash),
        () -> {
          Ledger spent = bidder.spending(s.infoHash).get(spendingKey);
          Ledger earned = seeder.earnings(s.infoHash).get(earningKey);
          return spent != null
              && earned != null
              && spent.debt().signum() == 0
              && spent.paid().signum() > 0
              && earned.paid().equals(spent.paid());
        });
    Ledger spent = bidder.spending(s.infoHash).get(spendingKey);
    // One bidder, no losing bid: it pays the ask, and exactly ⌊paid-slot bytes × price / 2^20⌋,
    // rounded once.
    assertTrue(spent.bytesPaid() > 0, "bytes came under the paid slot");
    assertEquals(BigInteger.valueOf(spent.bytesPaid()).multiply(ASK).shiftRight(20), spent.owed());
    assertEquals(spent.owed(), spent.paid());
    assertTrue(spent.bytesPaid() + spent.bytesFree() <= s.size);
    FakeChannelWallet.Channel channel = hub.channels.values().iterator().next();
    assertEquals(
        spent.paid(), channel.accepted, "the seeder's wallet stored exactly what the bidder paid");
    assertEquals(spent.paid(), channel.signed);
    assertTrue(
        seeder.earnings(s.infoHash).get(earningKey).bytesPaid() >= spent.bytesPaid() - (4L << 20),
        "the seeder charged the paid-slot bytes it sent");
    assertEquals(Map.of(), freeRider.spending(s.infoHash), "the non-bidder paid nothing");
    assertEquals(1, hub.channels.size(), "one channel, from the bidder only");
    for (FakeChannelWallet w : List.of(seederWallet, bidderWallet)) {
      assertTrue(
          !w.callers.isEmpty() && w.callers.stream().allMatch(t -> t.equals("bridge.speed-wallet")),
          "wallet calls only on the node's worker threads: " + w.callers);
    }
  }

  @Test
  void aMalformedMessageEndsOnlyTheSpeedSessionAndTheDownloadGoesOn() {
    Shared s = content(6L << 20);
    int seederPort = TestFiles.freePort();
    SpeedNode seeder = node("seeder", seederPort, 1);
    seeder.setAsk(new Amount(BTT, ASK));
    seeder.engine().setGlobalLimit(Direction.UP, Rate.bytesPerSecond(2L << 20));
    List<PeerLink> hostileLinks = new CopyOnWriteArrayList<>();
    SpeedListener hostile =
        new SpeedListener() {
          @Override
          public void connected(PeerLink link) {
            link.send(
                new Hello(
                    1,
                    FakeChannelWallet.address(9),
                    FakeChannelWallet.CHAIN_ID,
                    List.of(),
                    Map.of()));
            hostileLinks.add(link);
          }
        };
    Engine evil =
        Engine.start(
            EngineSettings.defaults(TestFiles.freePort()),
            ChokerSettings.defaults(),
            PeerTrafficListener.NONE,
            hostile,
            SlotPolicy.none());
    open.add(evil);
    seeder
        .engine()
        .start(s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
    evil.start(
        s.infoHash,
        s.created.metainfo(),
        dir.resolve("evil-got"),
        List.of(new InetSocketAddress("127.0.0.1", seederPort)),
        h -> {});
    Await.until(
        Duration.ofSeconds(30),
        "the seeder's session with it",
        () ->
            seeder.peers(s.infoHash).stream()
                .anyMatch(v -> v.session() == SpeedPeerView.Session.ACTIVE));
    // A bid whose price is not a canonical decimal: a protocol violation.
    byte[] bad =
        "d5:asset13:trc10:10020006:budget1:17:channel32:................5:price3:0105:t3:bide"
            .replace("................", "0123456789abcdef0123456789abcdef")
            .getBytes();
    RawSpeed.send(hostileLinks.get(0), bad);
    Await.until(
        Duration.ofSeconds(30),
        "the session to end",
        () ->
            seeder.peers(s.infoHash).stream()
                .anyMatch(v -> v.session() == SpeedPeerView.Session.ENDED));
    Await.until(
        Duration.ofSeconds(60),
        "the download to go on to the end",
        () -> complete(evil, s.infoHash));
    assertTrue(TestFiles.sameContent(s.content, dir.resolve("evil-got/data.bin")));
    assertTrue(hostileLinks.get(0).isOpen(), "the BitTorrent connection survived");
    assertEquals(Map.of(), seeder.earnings(s.infoHash));
    assertTrue(SpeedCodec.MAX_PAYLOAD > bad.length);
  }

  private static BidPolicy fixed(long price) {
    return new BidPolicy.Fixed(
        new Amount(BTT, BigInteger.valueOf(price)), new Amount(BTT, BigInteger.TEN.pow(12)));
  }

  private static boolean buying(SpeedNode node, InfoHash infoHash, boolean paidSlot, long price) {
    return node.peers(infoHash).stream()
        .anyMatch(
            v ->
                v.buying()
                    .map(
                        t ->
                            t.paidSlot() == paidSlot
                                && t.clearingPrice().units().longValueExact() == price)
                    .orElse(false));
  }

  @Test
  void theBestBidWinsTheOnePaidSlotAtTheLosersPrice() {
    Shared s = content(32L << 20);
    int seederPort = TestFiles.freePort();
    SpeedNode seeder = node("seeder", seederPort, 1);
    SpeedNode high = node("high", TestFiles.freePort(), 2);
    SpeedNode low = node("low", TestFiles.freePort(), 3);
    seeder.setAsk(new Amount(BTT, ASK));
    seeder.setPaidSlots(1);
    seeder.engine().setGlobalLimit(Direction.UP, Rate.bytesPerSecond(2L << 20));
    high.setBidPolicy(s.infoHash, fixed(900));
    low.setBidPolicy(s.infoHash, fixed(300));
    seeder
        .engine()
        .start(s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
    List<InetSocketAddress> peers = List.of(new InetSocketAddress("127.0.0.1", seederPort));
    high.engine().start(s.infoHash, s.created.metainfo(), dir.resolve("high-got"), peers, h -> {});
    low.engine().start(s.infoHash, s.created.metainfo(), dir.resolve("low-got"), peers, h -> {});
    Await.until(
        Duration.ofSeconds(60),
        () ->
            "the high bidder paid at 300, the low one without a slot: "
                + high.peers(s.infoHash)
                + " "
                + low.peers(s.infoHash),
        () -> buying(high, s.infoHash, true, 300) && buying(low, s.infoHash, false, 0));
  }

  @Test
  void aLeecherThatStopsPayingLosesItsPaidSlotWithinTheCreditLimit() {
    Shared s = content(32L << 20);
    int seederPort = TestFiles.freePort();
    SpeedNode seeder = node("seeder", seederPort, 1);
    FakeChannelWallet stingyWallet = new FakeChannelWallet(hub, FakeChannelWallet.address(2), BTT);
    stingyWallet.refusePayments = true;
    SpeedNode stingy = node("stingy", TestFiles.freePort(), stingyWallet);
    seeder.setAsk(new Amount(BTT, ASK));
    seeder.engine().setGlobalLimit(Direction.UP, Rate.bytesPerSecond(3L << 20));
    stingy.setBidPolicy(s.infoHash, fixed(1000));
    seeder
        .engine()
        .start(s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
    stingy
        .engine()
        .start(
            s.infoHash,
            s.created.metainfo(),
            dir.resolve("stingy-got"),
            List.of(new InetSocketAddress("127.0.0.1", seederPort)),
            h -> {});
    Await.until(
        Duration.ofSeconds(60),
        "a paid slot at first",
        () -> buying(stingy, s.infoHash, true, 100));
    Await.until(
        Duration.ofSeconds(60),
        () -> "the slot taken away: " + seeder.peers(s.infoHash),
        () -> buying(stingy, s.infoHash, false, 0));
    assertTrue(!complete(stingy.engine(), s.infoHash), "still downloading (on the free slots)");
    Ledger earned =
        seeder
            .earnings(s.infoHash)
            .get(new LedgerKey(s.infoHash, FakeChannelWallet.address(2), BTT));
    BigInteger credit = BigInteger.valueOf(4L << 20).multiply(ASK).shiftRight(20);
    assertEquals(BigInteger.ZERO, earned.paid());
    assertTrue(earned.debt().compareTo(credit) > 0, "over the credit: " + earned);
    // Within the limit: at most a tick and a rechoke of paid data beyond it (3 MiB/s × well under a
    // second).
    assertTrue(
        earned.bytesPaid() < (4L << 20) + (3L << 20), "paid-slot bytes sent " + earned.bytesPaid());

    // The same payer (its address) comes back in a new session that pays: what the last session
    // left unpaid is carried, not counted against this one's credit, so it wins a paid slot again
    // (as a buyer that crashed mid-piece must, since it never pays for the pieces it lost).
    stingy.close();
    SpeedNode back =
        node(
            "back",
            TestFiles.freePort(),
            new FakeChannelWallet(hub, FakeChannelWallet.address(2), BTT));
    back.setBidPolicy(s.infoHash, fixed(1000));
    back.engine()
        .start(
            s.infoHash,
            s.created.metainfo(),
            dir.resolve("back-got"),
            List.of(new InetSocketAddress("127.0.0.1", seederPort)),
            h -> {});
    Await.until(
        Duration.ofSeconds(90),
        () -> "the download in the new session: " + seeder.peers(s.infoHash),
        () -> complete(back.engine(), s.infoHash));
    Ledger spent =
        back.spending(s.infoHash).get(new LedgerKey(s.infoHash, FakeChannelWallet.address(1), BTT));
    // Counted against this session, the carried debt would take the slot within a tick (100 ms).
    assertTrue(
        spent != null && spent.bytesPaid() > (8L << 20),
        "most of it through a paid slot that stayed: "
            + spent
            + "; the seeder's ledger: "
            + seeder.earnings(s.infoHash));
  }

  @Test
  void wellFormedButUnacceptableMessagesAreRejectedWithTheirCodeAndTheSessionGoesOn()
      throws Exception {
    Shared s = content(8L << 20);
    int seederPort = TestFiles.freePort();
    SpeedNode seeder = node("seeder", seederPort, 1);
    seeder.setAsk(new Amount(BTT, ASK));
    seeder.engine().setGlobalLimit(Direction.UP, Rate.bytesPerSecond(2L << 20));
    List<PeerLink> links = new CopyOnWriteArrayList<>();
    List<SpeedMessage> got = new CopyOnWriteArrayList<>();
    TronAddress me = FakeChannelWallet.address(9);
    SpeedListener peer =
        new SpeedListener() {
          @Override
          public void connected(PeerLink link) {
            link.send(new Hello(1, me, FakeChannelWallet.CHAIN_ID, List.of(), Map.of()));
            links.add(link);
          }

          @Override
          public void received(PeerLink link, byte[] payload, int length) {
            try {
              got.add(SpeedCodec.decode(payload));
            } catch (ProtocolViolation e) {
              throw new AssertionError(e);
            }
          }
        };
    Engine other =
        Engine.start(
            EngineSettings.defaults(TestFiles.freePort()),
            ChokerSettings.defaults(),
            PeerTrafficListener.NONE,
            peer,
            SlotPolicy.none());
    open.add(other);
    seeder
        .engine()
        .start(s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
    other.start(
        s.infoHash,
        s.created.metainfo(),
        dir.resolve("other-got"),
        List.of(new InetSocketAddress("127.0.0.1", seederPort)),
        h -> {});
    Await.until(Duration.ofSeconds(30), "the seeder's hello", () -> !got.isEmpty());
    Hello hello = (Hello) got.get(0);
    assertEquals(Map.of(BTT, new Amount(BTT, ASK)), hello.ask(), "the hello carries the ask");

    ChannelId unknown = ChannelId.of(new byte[32]);
    Amount budget = new Amount(BTT, BigInteger.valueOf(1_000_000));
    // A channel of a real payer to the seeder, for the over-deposit case: too small a deposit for
    // the credit.
    FakeChannelWallet payer = new FakeChannelWallet(hub, me, BTT);
    ChannelView tiny =
        payer.ensureChannel(
            FakeChannelWallet.address(1),
            BTT,
            new Amount(BTT, BigInteger.ONE),
            new Amount(BTT, BigInteger.valueOf(10)));
    ChannelView notOurs =
        new FakeChannelWallet(hub, FakeChannelWallet.address(8), BTT)
            .ensureChannel(
                FakeChannelWallet.address(1), BTT, new Amount(BTT, BigInteger.ONE), budget);
    List<Object[]> cases =
        List.of(
            new Object[] {
              new Bid(BTT, new Amount(BTT, BigInteger.valueOf(99)), unknown, budget),
              RejectCode.LOW_PRICE
            },
            new Object[] {
              new Bid(BTT, new Amount(BTT, ASK), unknown, budget), RejectCode.BAD_CHANNEL
            },
            new Object[] {
              new Bid(BTT, new Amount(BTT, ASK), notOurs.id(), budget), RejectCode.BAD_CHANNEL
            },
            new Object[] {
              new Bid(
                  new Asset.Trc10(1000001),
                  new Amount(new Asset.Trc10(1000001), ASK),
                  unknown,
                  new Amount(new Asset.Trc10(1000001), ASK)),
              RejectCode.WRONG_CHAIN
            },
            new Object[] {
              new Bid(BTT, new Amount(BTT, ASK), tiny.id(), budget), RejectCode.OVER_DEPOSIT
            },
            new Object[] {
              new Voucher(unknown, BigInteger.ONE, FakeChannelWallet.fakeSignature(me), 0),
              RejectCode.BAD_CHANNEL
            });
    for (Object[] c : cases) {
      int before = got.size();
      links.get(0).send((SpeedMessage) c[0]);
      Await.until(Duration.ofSeconds(20), "a reply to " + c[0], () -> got.size() > before);
      Reject reject = (Reject) got.get(before);
      assertEquals(c[1], reject.code(), "for " + c[0] + ": " + reject.reason());
      assertEquals(((SpeedMessage) c[0]).type(), reject.refused());
    }
    assertTrue(
        seeder.peers(s.infoHash).stream()
            .anyMatch(v -> v.session() == SpeedPeerView.Session.ACTIVE),
        "a reject does not end the session");
    assertEquals(Map.of(), seeder.earnings(s.infoHash), "nothing was counted");
  }

  @Test
  void aSeederThatSendsACorruptPieceIsNotPaidForItAndLosesTheLeechersTrust() throws Exception {
    Shared s = content(4L << 20);
    Metainfo metainfo = Metainfo.parse(s.created.metainfo());
    int seederPort = TestFiles.freePort();
    SpeedNode seeder = node("seeder", seederPort, 1);
    SpeedNode bidder = node("bidder", TestFiles.freePort(), 2);
    seeder.setAsk(new Amount(BTT, ASK));
    bidder.setBidPolicy(s.infoHash, fixed(1000));
    seeder
        .engine()
        .start(s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
    Await.until(
        Duration.ofSeconds(30), "the seeder's check", () -> complete(seeder.engine(), s.infoHash));
    // The last piece goes bad on the seeder's disk after its check: it serves corrupt data for it.
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(s.content.toFile(), "rw")) {
      file.seek(s.size - 10);
      int b = file.read();
      file.seek(s.size - 10);
      file.write(~b);
    }
    bidder
        .engine()
        .start(
            s.infoHash,
            s.created.metainfo(),
            dir.resolve("bidder-got"),
            List.of(new InetSocketAddress("127.0.0.1", seederPort)),
            h -> {});
    Await.until(
        Duration.ofSeconds(60),
        () -> "the seeder distrusted: " + bidder.peers(s.infoHash),
        () -> bidder.peers(s.infoHash).stream().anyMatch(v -> !v.trusted()));
    LedgerKey key = new LedgerKey(s.infoHash, FakeChannelWallet.address(1), BTT);
    Await.until(
        Duration.ofSeconds(60),
        () -> "the good pieces paid for: " + bidder.spending(s.infoHash),
        () ->
            bidder
                    .engine()
                    .progress(s.infoHash)
                    .map(p -> p.piecesComplete() == metainfo.pieceCount() - 1)
                    .orElse(false)
                && bidder.spending(s.infoHash).containsKey(key)
                && bidder.spending(s.infoHash).get(key).debt().signum() == 0);
    Ledger spent = bidder.spending(s.infoHash).get(key);
    long lastPiece = s.size - (long) (metainfo.pieceCount() - 1) * metainfo.pieceLength();
    assertTrue(
        spent.bytesPaid() + spent.bytesFree() <= s.size - lastPiece,
        "the failed piece's bytes were never counted: " + spent);
    assertEquals(BigInteger.valueOf(spent.bytesPaid()).multiply(ASK).shiftRight(20), spent.paid());
  }
}

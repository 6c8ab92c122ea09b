package io.bttspeed.bridge.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.accounting.BuyerLedgers;
import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.accounting.LedgerStore;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.torrent.TorrentCreator;
import io.bttspeed.bridge.torrent.TorrentProgress;
import io.bttspeed.bridge.wallet.SignedVoucher;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.tron.supervision.Supervisor;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side whose process died mid-payment, started again on the same store: the seeder ends with
 * exactly what the leecher's ledger counts as paid. Real Bt engines on 127.0.0.1 and real H2
 * ledgers; the FAKE channel wallet of {@link FakeChannelWallet} (pure protocol logic).
 */
@Timeout(180)
class RestartPaymentTest {
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

  /**
   * The leecher died after it recorded a payment (ledger and channel commitment, one transaction)
   * but before its wallet signed the voucher: it continues the channel from the commitment.
   */
  @Test
  void aPaymentRecordedButNotSignedBeforeACrashIsSignedAfterTheRestartAndNothingIsPaidTwice()
      throws Exception {
    Swarm swarm = firstPaidDownload();
    swarm.bidder.close();
    open.remove(swarm.bidder);

    // The crash: one more verified paid MiB was recorded as paid with the channel's new cumulative,
    // and the process died before its wallet signed that voucher.
    FakeChannelWallet.Channel channel = channel();
    BigInteger signedBefore = channel.signed;
    BigInteger debt = recordOneMorePaidMib(swarm, signedBefore);

    Ledger spent = downloadAgain(swarm, swarm.seeder);
    assertTrue(
        spent.paid().compareTo(signedBefore.add(debt)) > 0,
        "the second download paid too: " + spent);
    assertEquals(
        spent.paid(), channel.signed, "the wallet signed what the ledger counts as paid, no more");
    assertEquals(spent.paid(), channel.accepted, "the seeder got the payment the crash cut off");
    assertEquals(
        spent.paid(),
        earned(swarm.seeder, swarm.infoHash),
        "the seeder's ledger accepted exactly that");
  }

  /**
   * The seeder died after its wallet stored a voucher but before its ledger counted it (the answer
   * was on its way): the restarted seeder verifies the leecher's bid, which reads the wallet's
   * total with that voucher in it, and the leecher sends that voucher again. Its ledger must count
   * it once, neither skip it (as it did when the wallet's total stood for what the ledger had
   * counted) nor count the channel's earlier vouchers again.
   */
  @Test
  void aVoucherTheWalletStoredButTheSeederNeverCountedIsCountedOnceAfterItsRestart()
      throws Exception {
    Swarm swarm = firstPaidDownload();
    swarm.bidder.close();
    open.remove(swarm.bidder);
    swarm.seeder.close();
    open.remove(swarm.seeder);

    FakeChannelWallet.Channel channel = channel();
    BigInteger signedBefore = channel.signed;
    BigInteger earnedBefore = earned(swarm.seeder, swarm.infoHash);
    assertEquals(signedBefore, earnedBefore);
    BigInteger debt = recordOneMorePaidMib(swarm, signedBefore);
    // The leecher's wallet signed it and the seeder's wallet stored it; then the seeder died.
    SignedVoucher voucher =
        new FakeChannelWallet(hub, FakeChannelWallet.address(2), BTT)
            .payUpTo(channel.id, new Amount(BTT, signedBefore.add(debt)));
    new FakeChannelWallet(hub, FakeChannelWallet.address(1), BTT).accept(voucher).join();
    assertEquals(signedBefore.add(debt), channel.accepted);

    SpeedNode seeder = seeder(swarm.seederStore, swarm.seederPort, swarm.created, swarm.infoHash);
    assertEquals(
        earnedBefore, earned(seeder, swarm.infoHash), "its ledger had not counted the voucher");
    Ledger spent = downloadAgain(swarm, seeder);
    assertTrue(
        spent.paid().compareTo(signedBefore.add(debt)) > 0,
        "the second download paid too: " + spent);
    assertEquals(spent.paid(), channel.accepted);
    Await.until(
        Duration.ofSeconds(30),
        () ->
            "the seeder's earnings " + earned(seeder, swarm.infoHash) + " to reach " + spent.paid(),
        () -> spent.paid().equals(earned(seeder, swarm.infoHash)));
  }

  /** A seeder and a bidder on 127.0.0.1, the bidder done with a first download it paid for. */
  private record Swarm(
      Path content,
      TorrentCreator.Created created,
      InfoHash infoHash,
      int seederPort,
      TorrentStore seederStore,
      TorrentStore bidderStore,
      SpeedNode seeder,
      SpeedNode bidder,
      LedgerKey spendingKey) {
    List<InetSocketAddress> peers() {
      return List.of(new InetSocketAddress("127.0.0.1", seederPort));
    }
  }

  private Swarm firstPaidDownload() throws Exception {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 4L << 20, 13);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    int seederPort = TestFiles.freePort();
    TorrentStore seederStore = TorrentStore.open(dir.resolve("seeder"));
    TorrentStore bidderStore = TorrentStore.open(dir.resolve("bidder"));
    open.add(seederStore);
    open.add(bidderStore);
    SpeedNode seeder = seeder(seederStore, seederPort, created, infoHash);
    seeder.setAsk(new Amount(BTT, ASK));
    LedgerKey spendingKey = new LedgerKey(infoHash, FakeChannelWallet.address(1), BTT);
    Swarm swarm =
        new Swarm(
            content,
            created,
            infoHash,
            seederPort,
            seederStore,
            bidderStore,
            seeder,
            node(bidderStore, TestFiles.freePort(), 2),
            spendingKey);
    SpeedNode bidder = swarm.bidder;
    bidder.setBidPolicy(
        infoHash,
        new BidPolicy.Fixed(
            new Amount(BTT, BigInteger.valueOf(1000)), new Amount(BTT, BigInteger.TEN.pow(12))));
    bidder
        .engine()
        .start(infoHash, created.metainfo(), dir.resolve("got-1"), swarm.peers(), h -> {});
    Await.until(
        Duration.ofSeconds(60),
        () -> "the first download, paid: " + bidder.spending(infoHash),
        () -> {
          Ledger spent = bidder.spending(infoHash).get(spendingKey);
          return complete(bidder, infoHash)
              && spent != null
              && spent.paid().signum() > 0
              && spent.debt().signum() == 0
              && channel().accepted.equals(spent.paid())
              && spent.paid().equals(earned(seeder, infoHash));
        });
    return swarm;
  }

  /**
   * Records in the closed bidder's store one more verified paid MiB as paid, with the channel's new
   * cumulative (what the bidder writes before its wallet signs); returns its amount.
   */
  private BigInteger recordOneMorePaidMib(Swarm swarm, BigInteger signedBefore) {
    BuyerLedgers ledgers = new BuyerLedgers(new LedgerStore(swarm.bidderStore.dataSource()));
    ledgers.blockReceived(swarm.spendingKey, 0, 1L << 20, true, ASK);
    BigInteger debt = ledgers.pieceVerified(swarm.infoHash, 0).get(swarm.spendingKey).debt();
    assertEquals(ASK, debt);
    ledgers.paid(swarm.spendingKey, debt, channel().id.hex(), signedBefore.add(debt));
    return debt;
  }

  /**
   * Starts the bidder again on its store (its policy restored, not set again) and downloads the
   * torrent anew from {@code seeder}; returns its ledger once all it owes is paid and accepted.
   */
  private Ledger downloadAgain(Swarm swarm, SpeedNode seeder) throws Exception {
    SpeedNode again = node(swarm.bidderStore, TestFiles.freePort(), 2);
    assertInstanceOf(
        BidPolicy.Fixed.class, again.bidPolicy(swarm.infoHash), "the bid policy was restored");
    again
        .engine()
        .start(
            swarm.infoHash, swarm.created.metainfo(), dir.resolve("got-2"), swarm.peers(), h -> {});
    FakeChannelWallet.Channel channel = channel();
    Await.until(
        Duration.ofSeconds(60),
        () ->
            "the second download, paid: "
                + again.spending(swarm.infoHash)
                + " channel "
                + channel.signed
                + "/"
                + channel.accepted,
        () -> {
          Ledger spent = again.spending(swarm.infoHash).get(swarm.spendingKey);
          return complete(again, swarm.infoHash)
              && spent.debt().signum() == 0
              && channel.accepted.equals(spent.paid());
        });
    Ledger spent = again.spending(swarm.infoHash).get(swarm.spendingKey);
    assertEquals(BigInteger.valueOf(spent.bytesPaid()).multiply(ASK).shiftRight(20), spent.owed());
    assertTrue(TestFiles.sameContent(swarm.content, dir.resolve("got-2/data.bin")));
    return spent;
  }

  /** What the seeder's ledger counts as paid by the bidder. */
  private static BigInteger earned(SpeedNode seeder, InfoHash infoHash) {
    Ledger l =
        seeder.earnings(infoHash).get(new LedgerKey(infoHash, FakeChannelWallet.address(2), BTT));
    return l == null ? BigInteger.ZERO : l.paid();
  }

  private FakeChannelWallet.Channel channel() {
    assertTrue(hub.channels.size() <= 1, "one channel from the bidder");
    return hub.channels.values().stream().findFirst().orElseThrow();
  }

  /** The seeder (wallet 1), seeding the torrent on {@code port} at 512 KiB/s. */
  private SpeedNode seeder(
      TorrentStore store, int port, TorrentCreator.Created created, InfoHash infoHash) {
    SpeedNode seeder = node(store, port, 1);
    // 512 KiB/s: each download takes 8 s, so the bidder is sure to win its paid slot (a 300 ms
    // round after its bid) long before it could finish in the optimistic slot for free, however
    // loaded the machine is.
    seeder.engine().setGlobalLimit(Direction.UP, Rate.bytesPerSecond(512L << 10));
    seeder
        .engine()
        .start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
    return seeder;
  }

  private SpeedNode node(TorrentStore store, int port, int walletId) {
    if (!open.contains(store)) {
      open.add(store);
    }
    SpeedNode node =
        SpeedNode.start(
            EngineSettings.defaults(port),
            new ChokerSettings(4, 1, 3, Duration.ofMillis(300)),
            new FakeChannelWallet(hub, FakeChannelWallet.address(walletId), BTT),
            new LedgerStore(store.dataSource()),
            new SpeedSettings(4, 4L << 20, Duration.ofMillis(100)),
            supervisor);
    open.add(node);
    return node;
  }

  private static boolean complete(SpeedNode node, InfoHash infoHash) {
    return node.engine().progress(infoHash).map(TorrentProgress::complete).orElse(false);
  }
}

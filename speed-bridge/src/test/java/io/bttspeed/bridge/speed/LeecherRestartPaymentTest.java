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
 * A leecher whose process died after it recorded a payment (ledger and channel commitment, one
 * transaction) but before its wallet signed the voucher: started again on the same store, it
 * continues the channel from the commitment, so the seeder ends with exactly what the leecher's
 * ledger counts as paid. Real Bt engines on 127.0.0.1 and real H2 ledgers; the FAKE channel wallet
 * of {@link FakeChannelWallet} (pure protocol logic).
 */
@Timeout(180)
class LeecherRestartPaymentTest {
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

  @Test
  void aPaymentRecordedButNotSignedBeforeACrashIsSignedAfterTheRestartAndNothingIsPaidTwice()
      throws Exception {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 4L << 20, 13);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    int seederPort = TestFiles.freePort();
    TorrentStore bidderStore = TorrentStore.open(dir.resolve("bidder"));
    open.add(bidderStore);
    SpeedNode seeder = node(TorrentStore.open(dir.resolve("seeder")), seederPort, 1);
    seeder.setAsk(new Amount(BTT, ASK));
    // 512 KiB/s: each download takes 8 s, so the bidder is sure to win its paid slot (a 300 ms
    // round after its bid) long before it could finish in the optimistic slot for free, however
    // loaded the machine is.
    seeder.engine().setGlobalLimit(Direction.UP, Rate.bytesPerSecond(512L << 10));
    seeder
        .engine()
        .start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
    List<InetSocketAddress> peers = List.of(new InetSocketAddress("127.0.0.1", seederPort));
    LedgerKey spendingKey = new LedgerKey(infoHash, FakeChannelWallet.address(1), BTT);

    SpeedNode bidder = node(bidderStore, TestFiles.freePort(), 2);
    bidder.setBidPolicy(
        infoHash,
        new BidPolicy.Fixed(
            new Amount(BTT, BigInteger.valueOf(1000)), new Amount(BTT, BigInteger.TEN.pow(12))));
    bidder.engine().start(infoHash, created.metainfo(), dir.resolve("got-1"), peers, h -> {});
    SpeedNode first = bidder;
    Await.until(
        Duration.ofSeconds(60),
        () -> "the first download, paid: " + first.spending(infoHash),
        () -> {
          Ledger spent = first.spending(infoHash).get(spendingKey);
          return complete(first, infoHash)
              && spent != null
              && spent.paid().signum() > 0
              && spent.debt().signum() == 0
              && channel().accepted.equals(spent.paid());
        });
    bidder.close();
    open.remove(bidder);

    // The crash: one more verified paid MiB was recorded as paid with the channel's new cumulative,
    // and the process died before its wallet signed that voucher.
    FakeChannelWallet.Channel channel = channel();
    BigInteger signedBefore = channel.signed;
    BuyerLedgers ledgers = new BuyerLedgers(new LedgerStore(bidderStore.dataSource()));
    ledgers.blockReceived(spendingKey, 0, 1L << 20, true, ASK);
    BigInteger debt = ledgers.pieceVerified(infoHash, 0).get(spendingKey).debt();
    assertEquals(ASK, debt);
    ledgers.paid(spendingKey, debt, channel.id.hex(), signedBefore.add(debt));

    // Started again on the same store (its policy restored, not set again), it downloads the
    // torrent anew.
    SpeedNode again = node(bidderStore, TestFiles.freePort(), 2);
    assertInstanceOf(
        BidPolicy.Fixed.class, again.bidPolicy(infoHash), "the bid policy was restored");
    again.engine().start(infoHash, created.metainfo(), dir.resolve("got-2"), peers, h -> {});
    Await.until(
        Duration.ofSeconds(60),
        () ->
            "the second download, paid: "
                + again.spending(infoHash)
                + " channel "
                + channel.signed
                + "/"
                + channel.accepted,
        () -> {
          Ledger spent = again.spending(infoHash).get(spendingKey);
          return complete(again, infoHash)
              && spent.debt().signum() == 0
              && channel.accepted.equals(spent.paid());
        });
    Ledger spent = again.spending(infoHash).get(spendingKey);
    assertTrue(
        spent.paid().compareTo(signedBefore.add(debt)) > 0,
        "the second download paid too: " + spent);
    assertEquals(
        spent.paid(), channel.signed, "the wallet signed what the ledger counts as paid, no more");
    assertEquals(spent.paid(), channel.accepted, "the seeder got the payment the crash cut off");
    assertEquals(
        spent.paid(),
        seeder
            .earnings(infoHash)
            .get(new LedgerKey(infoHash, FakeChannelWallet.address(2), BTT))
            .paid(),
        "the seeder's ledger accepted exactly that");
    assertEquals(BigInteger.valueOf(spent.bytesPaid()).multiply(ASK).shiftRight(20), spent.owed());
    assertTrue(TestFiles.sameContent(content, dir.resolve("got-2/data.bin")));
  }

  private FakeChannelWallet.Channel channel() {
    assertTrue(hub.channels.size() <= 1, "one channel from the bidder");
    return hub.channels.values().stream().findFirst().orElseThrow();
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

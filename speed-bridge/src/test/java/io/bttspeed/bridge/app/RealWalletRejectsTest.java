package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.choke.SlotPolicy;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.protocol.ProtocolViolation;
import io.bttspeed.bridge.protocol.RejectCode;
import io.bttspeed.bridge.protocol.SpeedCodec;
import io.bttspeed.bridge.protocol.SpeedMessage;
import io.bttspeed.bridge.protocol.SpeedMessage.Bid;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedMessage.HubOffer;
import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Reject;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.torrent.PeerLink;
import io.bttspeed.bridge.torrent.SpeedListener;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.bridge.wallet.GrpcChannelWallet;
import io.bttspeed.bridge.wallet.SignedVoucher;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
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
 * Every refusal of a bid or voucher that the real wallet decides, against a real seeder daemon, the
 * real wallet service and the devnet: a peer played by hand opens real channels and signs real
 * vouchers through its own principal, then sends what a hostile or broken payer would. Each gets
 * its {@code reject} code, the session goes on, and only the one good voucher is counted.
 * (SpeedFlowsTest covers the protocol logic against a fake wallet.)
 */
@Timeout(300)
class RealWalletRejectsTest {
  private static final io.bttspeed.proto.wallet.v1.Asset THIS_CHAINS_BTT =
      io.bttspeed.proto.wallet.v1.Asset.newBuilder().setTrc20ContractAddress("").build();
  private static final BigInteger ASK = BigInteger.TEN.pow(12);

  @TempDir Path dir;
  private SharedWalletSwarm swarm;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<SpeedMessage> got = new CopyOnWriteArrayList<>();
  private final List<PeerLink> links = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void eachUnacceptableBidOrVoucherGetsItsRejectCodeAndOnlyTheGoodVoucherCounts() throws Exception {
    swarm = new SharedWalletSwarm(dir);
    SharedWalletSwarm.Member seeder = swarm.daemon("seeder");
    SpeedServiceGrpc.SpeedServiceBlockingStub s = swarm.api(seeder);
    s.setAsk(
        SetAskRequest.newBuilder()
            .setAsset(THIS_CHAINS_BTT)
            .setPriceBaseUnitsPerMib(ASK.toString())
            .build());
    Path content = TestFiles.random(dir.resolve("share/film.bin"), 4L << 20, 71);
    AddTorrentResponse seeded =
        s.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String hex = seeded.getTorrent().getInfoHash();
    InfoHash infoHash = InfoHash.parse(hex);
    Await.until(
        Duration.ofSeconds(60),
        "the seeder to verify its data",
        () ->
            s.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(hex).build())
                    .getTorrent()
                    .getState()
                == TorrentState.TORRENT_STATE_SEEDING);

    SharedWalletSwarm.Account payerAccount = swarm.account("payer");
    GrpcChannelWallet payer = wallet(payerAccount);
    Engine peer =
        Engine.start(
            EngineSettings.defaults(TestFiles.freePort()),
            ChokerSettings.defaults(),
            PeerTrafficListener.NONE,
            handPlayed(payer),
            SlotPolicy.none());
    open.add(peer);
    // The peer has the data too: no pieces flow, so no request timeout or completion can end the
    // connection in the middle of the cases.
    peer.start(
        infoHash,
        seeded.getTorrentFile().toByteArray(),
        content.getParent(),
        List.of(new InetSocketAddress("127.0.0.1", seeder.peerPort())),
        h -> {});
    Await.until(Duration.ofSeconds(60), "the seeder's hello", () -> first(0, Hello.class) != null);
    Hello hello = first(0, Hello.class);
    Asset btt = hello.ask().keySet().iterator().next();
    assertEquals(ASK, hello.ask().get(btt).units(), "the hello carries the ask");
    TronAddress seederAddress = hello.address();
    Amount budget = new Amount(btt, ASK.multiply(BigInteger.valueOf(1000)));

    // Real channels that are each wrong for this bid: too small a deposit, another payer's,
    // and ours to another payee.
    ChannelView tiny = payer.ensureChannel(seederAddress, btt, amount(btt, ASK), amount(btt, ASK));
    GrpcChannelWallet stranger = wallet(swarm.account("stranger"));
    ChannelView notFromUs = stranger.ensureChannel(seederAddress, btt, budget, budget);
    ChannelView notToTheSeeder = payer.ensureChannel(stranger.address(), btt, budget, budget);
    ChannelId unknown = ChannelId.of(new byte[32]);
    Asset otherToken = new Asset.Trc10(1000001);

    rejected(
        new Bid(otherToken, amount(otherToken, ASK), unknown, amount(otherToken, ASK)),
        RejectCode.WRONG_CHAIN);
    rejected(
        new Bid(btt, amount(btt, ASK.subtract(BigInteger.ONE)), unknown, budget),
        RejectCode.LOW_PRICE);
    rejected(new Bid(btt, amount(btt, ASK), unknown, budget), RejectCode.BAD_CHANNEL);
    rejected(new Bid(btt, amount(btt, ASK), notFromUs.id(), budget), RejectCode.BAD_CHANNEL);
    rejected(new Bid(btt, amount(btt, ASK), notToTheSeeder.id(), budget), RejectCode.BAD_CHANNEL);
    rejected(new Bid(btt, amount(btt, ASK), tiny.id(), budget), RejectCode.OVER_DEPOSIT);
    assertEquals(Map.of(), seeder.daemon().speed().earnings(infoHash), "no bid counted yet");

    // A good bid: a channel from us to the seeder with a deposit above the credit limit.
    ChannelView good = payer.ensureChannel(seederAddress, btt, budget, budget);
    int beforeBid = got.size();
    links.get(0).send(new Bid(btt, amount(btt, ASK), good.id(), budget));
    // A seed is not interested, so it wins no slot and gets no bid_ack; the seeder shows the bid.
    Await.until(
        Duration.ofSeconds(60),
        () -> "the seeder to take the good bid: " + got.subList(beforeBid, got.size()),
        () ->
            first(beforeBid, Reject.class) != null
                || seeder.daemon().speed().peers(infoHash).stream()
                    .anyMatch(v -> v.selling().isPresent()));
    assertEquals(null, first(beforeBid, Reject.class), "the good bid is taken");

    SignedVoucher v500 = payer.payUpTo(good.id(), amount(btt, BigInteger.valueOf(500)));
    SignedVoucher v1000 = payer.payUpTo(good.id(), amount(btt, BigInteger.valueOf(1000)));
    byte[] forged = v1000.signature();
    forged[10] ^= 0x01;
    rejected(voucher(notFromUs.id(), v1000), RejectCode.BAD_CHANNEL);
    rejected(new Voucher(good.id(), BigInteger.valueOf(1000), forged, 0), RejectCode.BAD_VOUCHER);
    assertEquals(BigInteger.ZERO, paid(seeder, infoHash), "no refused voucher was counted");

    assertEquals(BigInteger.valueOf(1000), receipted(voucher(good.id(), v1000)));
    rejected(voucher(good.id(), v500), RejectCode.STALE_VOUCHER);
    // A replay of the stored voucher is a no-op, not an error: a buyer resends its last voucher
    // when a receipt is lost. It is receipted at the same total and counted once.
    assertEquals(BigInteger.valueOf(1000), receipted(voucher(good.id(), v1000)));
    assertEquals(BigInteger.valueOf(1000), paid(seeder, infoHash), "counted exactly once");
    assertEquals(1, links.size(), "one connection throughout");
    assertTrue(links.get(0).isOpen(), "no reject ended the connection");
  }

  private GrpcChannelWallet wallet(SharedWalletSwarm.Account account) {
    GrpcChannelWallet wallet =
        GrpcChannelWallet.connect(
            swarm.connection,
            false,
            account.token(),
            account.walletId(),
            GrpcChannelWallet.Settings.DEFAULTS);
    open.add(wallet);
    return wallet;
  }

  private SpeedListener handPlayed(GrpcChannelWallet me) {
    return new SpeedListener() {
      @Override
      public void connected(PeerLink link) {
        List<HubOffer> hubs = new ArrayList<>();
        me.hubs().forEach((asset, hub) -> hubs.add(new HubOffer(asset, hub)));
        link.send(new Hello(1, me.address(), me.chainId(), hubs, Map.of()));
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
  }

  /**
   * Sends {@code message} and waits for the seeder's reject of it, which must carry {@code code}.
   */
  private void rejected(SpeedMessage message, RejectCode code) {
    int before = got.size();
    links.get(0).send(message);
    Await.until(
        Duration.ofSeconds(60),
        () -> "a reject of " + message + ": " + got.subList(before, got.size()),
        () -> first(before, Reject.class) != null || first(before, Receipt.class) != null);
    Reject reject = first(before, Reject.class);
    assertInstanceOf(Reject.class, reject, "refused, not receipted: " + message);
    assertEquals(code, reject.code(), "for " + message + ": " + reject.reason());
    assertEquals(message.type(), reject.refused());
  }

  /** Sends a voucher that must be stored; returns the total the seeder's receipt names. */
  private BigInteger receipted(Voucher voucher) {
    int before = got.size();
    links.get(0).send(voucher);
    Await.until(
        Duration.ofSeconds(60),
        () -> "a receipt of " + voucher + ": " + got.subList(before, got.size()),
        () -> first(before, Receipt.class) != null || first(before, Reject.class) != null);
    assertEquals(null, first(before, Reject.class), "the voucher is taken");
    return first(before, Receipt.class).cumulativeUnits();
  }

  private <T extends SpeedMessage> T first(int from, Class<T> type) {
    for (SpeedMessage m : got.subList(from, got.size())) {
      if (type.isInstance(m)) {
        return type.cast(m);
      }
    }
    return null;
  }

  private static Voucher voucher(ChannelId channel, SignedVoucher signed) {
    return new Voucher(channel, signed.cumulative().units(), signed.signature(), 0);
  }

  private static Amount amount(Asset asset, BigInteger units) {
    return new Amount(asset, units);
  }

  private static BigInteger paid(SharedWalletSwarm.Member seeder, InfoHash infoHash) {
    return seeder.daemon().speed().earnings(infoHash).values().stream()
        .map(Ledger::paid)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }
}

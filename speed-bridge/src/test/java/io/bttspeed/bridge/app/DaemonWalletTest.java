package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.bridge.wallet.ChannelWalletException;
import io.bttspeed.bridge.wallet.SignedVoucher;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.store.Scope;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons sharing one real wallet service (its embedded devnet with instant blocks), each under
 * its own principal and wallet, trading through their GrpcChannelWallets: A opens a channel to B, B
 * verifies it, A pays, B accepts, retries pay nothing twice. And a daemon without a configured
 * wallet embeds one and keeps its wallet across a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DaemonWalletTest {

  @TempDir static Path dir;
  private SharedWalletSwarm swarm;
  private WalletApp walletService;
  private BridgeDaemon daemonA;
  private BridgeDaemon daemonB;
  private ChannelWallet a;
  private ChannelWallet b;
  private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  void start() {
    swarm = new SharedWalletSwarm(dir);
    walletService = swarm.walletService;
    daemonA = daemon("a");
    daemonB = daemon("b");
    a = daemonA.channelWallet();
    b = daemonB.channelWallet();
  }

  private BridgeDaemon daemon(String name) {
    SharedWalletSwarm.Member member = swarm.daemon(name);
    tokens.put(name, member.walletToken());
    return member.daemon();
  }

  @AfterAll
  void stop() {
    swarm.close();
  }

  private Asset trc10() {
    return new Asset.Trc10(1_002_000L);
  }

  private Asset trc20() {
    return new Asset.Trc20(
        TronAddress.parse(walletService.devnet().orElseThrow().bttTokenAddress()));
  }

  private static Amount units(Asset asset, long units) {
    return new Amount(asset, BigInteger.valueOf(units));
  }

  @Test
  void bothDaemonsSeeTheSharedChainAndItsHubs() {
    assertEquals(walletService.devnet().orElseThrow().chainId(), a.chainId());
    assertEquals(a.chainId(), b.chainId());
    assertEquals(2, a.hubs().size());
    assertEquals(a.hubs(), b.hubs());
    assertNotEquals(a.address(), b.address());
  }

  @Test
  void aOpensAChannelToBWhichBVerifiesThenAPaysUpToXAndBAcceptsExactlyX() throws Exception {
    for (Asset asset : List.of(trc10(), trc20())) {
      // The other cases may have opened this channel already: amounts are taken from where it
      // stands.
      ChannelView opened =
          a.ensureChannel(b.address(), asset, units(asset, 1_000), units(asset, 5_000));
      assertEquals(b.address(), opened.payee());
      assertEquals(a.address(), opened.payer());
      assertTrue(opened.remaining().units().compareTo(BigInteger.valueOf(1_000)) >= 0);
      assertEquals(a.hubs().get(asset), opened.hub());
      BigInteger base = opened.cumulative().units();

      // Asked again, the same channel: no second deposit.
      ChannelView again =
          a.ensureChannel(b.address(), asset, units(asset, 1_000), units(asset, 5_000));
      assertEquals(opened.id(), again.id());
      assertEquals(opened.deposit(), again.deposit());

      ChannelView seen = b.verify(opened.id());
      assertEquals(a.address(), seen.payer());
      assertEquals(b.address(), seen.payee());
      assertEquals(opened.deposit(), seen.deposit());
      assertEquals(opened.cumulative(), seen.cumulative(), "B has accepted all A signed");
      assertEquals(opened.expiresAt(), seen.expiresAt());

      BigInteger x = base;
      for (int i = 1; i <= 20; i++) {
        x = base.add(BigInteger.valueOf(i * 37L));
        SignedVoucher v = a.payUpTo(opened.id(), new Amount(asset, x));
        assertEquals(new Amount(asset, x), v.cumulative());
        assertEquals(new Amount(asset, x), b.accept(v).get(60, TimeUnit.SECONDS));
      }
      // A retry of the last payment returns the same voucher; accepting it again adds nothing.
      SignedVoucher last = a.payUpTo(opened.id(), new Amount(asset, x));
      SignedVoucher retried = a.payUpTo(opened.id(), new Amount(asset, x));
      assertArrayEquals(last.signature(), retried.signature());
      assertEquals(new Amount(asset, x), b.accept(retried).get(60, TimeUnit.SECONDS));
      assertEquals(new Amount(asset, x), b.verify(opened.id()).cumulative(), "accepted total = X");
      assertEquals(
          new Amount(asset, x),
          a.ensureChannel(b.address(), asset, units(asset, 1), units(asset, 5_000)).cumulative());
    }
  }

  @Test
  void aChannelRunningLowIsToppedUpOnceNotReopened() {
    Asset asset = trc10();
    ChannelView c = a.ensureChannel(b.address(), asset, units(asset, 100), units(asset, 1_000));
    BigInteger before = c.deposit().units();
    BigInteger left = c.remaining().units();
    BigInteger need = left.add(BigInteger.ONE);
    ChannelView topped =
        a.ensureChannel(
            b.address(),
            asset,
            new Amount(asset, need),
            new Amount(asset, need.add(BigInteger.valueOf(500))));
    assertEquals(c.id(), topped.id());
    assertEquals(before.add(BigInteger.valueOf(501)), topped.deposit().units());
    ChannelView again =
        a.ensureChannel(
            b.address(),
            asset,
            new Amount(asset, need),
            new Amount(asset, need.add(BigInteger.valueOf(500))));
    assertEquals(topped.deposit(), again.deposit(), "the retry locks nothing more");
  }

  @Test
  void vouchersSentTogetherAreAnsweredInOrderAndABadOneDoesNotStopTheStream() throws Exception {
    Asset asset = trc10();
    ChannelView c = a.ensureChannel(b.address(), asset, units(asset, 2_000), units(asset, 5_000));
    BigInteger base = b.verify(c.id()).cumulative().units().max(c.cumulative().units());
    List<SignedVoucher> vouchers = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      vouchers.add(a.payUpTo(c.id(), new Amount(asset, base.add(BigInteger.valueOf(i * 10L)))));
    }
    SignedVoucher last = vouchers.get(vouchers.size() - 1);
    byte[] forged = last.signature();
    forged[10] ^= 1;
    List<CompletableFuture<Amount>> answers = new ArrayList<>();
    for (SignedVoucher v : vouchers) {
      answers.add(b.accept(v));
    }
    CompletableFuture<Amount> bad =
        b.accept(
            new SignedVoucher(
                c.id(),
                last.hub(),
                new Amount(asset, last.cumulative().units().add(BigInteger.ONE)),
                forged));
    CompletableFuture<Amount> after = b.accept(last);
    for (int i = 0; i < vouchers.size(); i++) {
      assertEquals(vouchers.get(i).cumulative(), answers.get(i).get(60, TimeUnit.SECONDS));
    }
    ExecutionException refused =
        assertThrows(ExecutionException.class, () -> bad.get(60, TimeUnit.SECONDS));
    assertEquals(
        ChannelWalletException.Reason.BAD_VOUCHER,
        ((ChannelWalletException) refused.getCause()).reason());
    assertEquals(last.cumulative(), after.get(60, TimeUnit.SECONDS));
  }

  @Test
  void manyThreadsEnsuringTheSameChannelTogetherLockOneDeposit() throws Exception {
    String token =
        walletService.principals().createToken("daemon-c", EnumSet.of(Scope.READ, Scope.SPEND));
    TronAddress c =
        TronAddress.parse(
            swarm
                .wallets(token)
                .createWallet(CreateWalletRequest.newBuilder().setLabel("c").build())
                .getWallet()
                .getAddress());
    Asset asset = trc10();
    int threads = 8;
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Optional<ChannelView>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return Optional.of(
                        a.ensureChannel(c, asset, units(asset, 100), units(asset, 700)));
                  } catch (ChannelWalletException e) {
                    // The open under way is the only refusal a concurrent caller may see.
                    assertEquals(
                        ChannelWalletException.Reason.UNAVAILABLE, e.reason(), e.getMessage());
                    return Optional.empty();
                  }
                }));
      }
      go.countDown();
      java.util.Set<ChannelId> ids = new java.util.HashSet<>();
      for (var f : results) {
        f.get(120, TimeUnit.SECONDS).ifPresent(v -> ids.add(v.id()));
      }
      ChannelView settled = a.ensureChannel(c, asset, units(asset, 100), units(asset, 700));
      ids.add(settled.id());
      assertEquals(1, ids.size(), "one channel for all of them");
      assertEquals(units(asset, 700), settled.deposit(), "one deposit locked");
      io.grpc.Metadata md = new io.grpc.Metadata();
      md.put(
          io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + tokens.get("a"));
      long channelsToC =
          io.bttspeed.proto.channel.v1.ChannelServiceGrpc.newBlockingStub(swarm.connection)
              .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(md))
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .listChannels(
                  io.bttspeed.proto.channel.v1.ListChannelsRequest.newBuilder()
                      .setCounterpartyAddress(c.base58())
                      .build())
              .getChannelsCount();
      assertEquals(1, channelsToC);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusalsCarryTheirReason() {
    Asset asset = trc10();
    ChannelView c = a.ensureChannel(b.address(), asset, units(asset, 100), units(asset, 1_000));
    ChannelId unknown = ChannelId.fromHex("ab".repeat(32));
    assertEquals(
        ChannelWalletException.Reason.BAD_CHANNEL,
        assertThrows(ChannelWalletException.class, () -> b.verify(unknown)).reason());
    // A is the payer, not the payee: not a channel A may be paid on.
    assertEquals(
        ChannelWalletException.Reason.BAD_CHANNEL,
        assertThrows(ChannelWalletException.class, () -> a.verify(c.id())).reason());
    // B cannot sign on A's channel: another principal's channel does not exist for it.
    assertEquals(
        ChannelWalletException.Reason.BAD_CHANNEL,
        assertThrows(ChannelWalletException.class, () -> b.payUpTo(c.id(), units(asset, 1)))
            .reason());
    BigInteger tooMuch = c.deposit().units().add(BigInteger.ONE);
    assertEquals(
        ChannelWalletException.Reason.OVER_DEPOSIT,
        assertThrows(
                ChannelWalletException.class, () -> a.payUpTo(c.id(), new Amount(asset, tooMuch)))
            .reason());
  }

  @Test
  void aDaemonWithoutAConfiguredWalletEmbedsOneAndKeepsItsWalletAcrossARestart() {
    Path data = dir.resolve("embedded");
    Path devnetDir = dir.resolve("embedded-devnet");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    BridgeConfig config =
        new BridgeConfig(
            data,
            loopback,
            0,
            loopback,
            io.bttspeed.bridge.testing.TestFiles.freePort(),
            data.resolve("dl"),
            Optional.empty(),
            false);
    TronAddress first;
    long chainId;
    try (BridgeDaemon daemon =
        BridgeDaemon.start(
            config, DevnetConfig.persistent(devnetDir).withInstantBlocks().withPort(0))) {
      first = daemon.channelWallet().address();
      chainId = daemon.channelWallet().chainId();
      assertTrue(daemon.embeddedWalletPort().isPresent());
      assertTrue(Files.exists(data.resolve(EmbeddedWallet.WALLET_ID_FILE)));
      // Funded on the devnet: it can open a channel (to anyone; the second daemon's address will
      // do).
      Asset asset = trc10();
      Await.until(
          Duration.ofSeconds(60),
          "the embedded wallet is funded",
          () -> {
            try {
              daemon
                  .channelWallet()
                  .ensureChannel(b.address(), asset, units(asset, 1), units(asset, 1_000));
              return true;
            } catch (ChannelWalletException e) {
              return false;
            }
          });
    }
    try (BridgeDaemon restarted =
        BridgeDaemon.start(
            config, DevnetConfig.persistent(devnetDir).withInstantBlocks().withPort(0))) {
      assertEquals(first, restarted.channelWallet().address());
      assertEquals(chainId, restarted.channelWallet().chainId());
    }
  }

  @Test
  void walletSettingsAreAllThreeOrNoneAndStrictlyFormed() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WalletSettings.of(
                Optional.of("127.0.0.1:1"),
                Optional.empty(),
                Optional.of("w"),
                Optional.empty(),
                0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WalletSettings.of(
                Optional.of("127.0.0.1"), Optional.of("t"), Optional.of("w"), Optional.empty(), 0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WalletSettings.of(
                Optional.of("127.0.0.1:70000"),
                Optional.of("t"),
                Optional.of("w"),
                Optional.empty(),
                0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WalletSettings.of(
                Optional.of("127.0.0.1:1"),
                Optional.of("a token"),
                Optional.of("w"),
                Optional.empty(),
                0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WalletSettings.of(
                Optional.of("127.0.0.1:1"),
                Optional.of("t"),
                Optional.of("w/../x"),
                Optional.empty(),
                0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WalletSettings.of(
                Optional.of("127.0.0.1:1"),
                Optional.of("t"),
                Optional.of("w"),
                Optional.of("node:50051"),
                0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WalletSettings.of(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("no port"), 0));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WalletSettings.of(
                    Optional.empty(), Optional.of("t"), Optional.empty(), Optional.empty(), 0));
    assertTrue(
        missing.getMessage().contains("wallet.endpoint")
            && missing.getMessage().contains("wallet.id"));
    WalletSettings.Remote remote =
        (WalletSettings.Remote)
            WalletSettings.of(
                Optional.of("[::1]:50061"),
                Optional.of("btts_x"),
                Optional.of(UUID.randomUUID().toString()),
                Optional.empty(),
                0);
    assertEquals("::1", remote.host());
    assertEquals(50061, remote.port());
    assertTrue(!remote.toString().contains("btts_x"), "the token never shows");
    assertTrue(
        WalletSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0)
            instanceof WalletSettings.Embedded);
  }
}

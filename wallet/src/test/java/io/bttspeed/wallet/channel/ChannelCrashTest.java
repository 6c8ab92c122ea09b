package io.bttspeed.wallet.channel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.grpc.StatusRuntimeException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a payee between receipt and acknowledgement, and of a payer between persistence and
 * return, while vouchers are in flight on several channels; after a restart nothing acknowledged is
 * lost and nothing is paid twice, down to the balances on chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelCrashTest {

  private static final int CHANNELS = 4;

  @TempDir static Path dir;
  private ChannelNet net;

  @BeforeAll
  void start() {
    net = new ChannelNet(dir, ChannelNet.manualSettlement());
  }

  @AfterAll
  void stop() {
    net.close();
  }

  @Test
  void killedPayeeLosesNoAcknowledgedVoucherAndIsPaidExactlyOnce() throws Exception {
    String jdbc = "jdbc:h2:file:" + dir.resolve("payee-" + UUID.randomUUID());
    String payeeKey = net.devnet.developmentAccounts().get(4).privateKeyHex();
    TronAddress payeeAddress = TronAddress.parse(net.devnet.developmentAccounts().get(4).address());
    List<ChannelRecord> channels = new ArrayList<>();
    for (int i = 0; i < CHANNELS; i++) {
      channels.add(
          net.channels
              .payer()
              .open(
                  net.alice,
                  net.payer.walletId(),
                  payeeAddress,
                  new Amount(net.trc10(), BigInteger.valueOf(1_000_000)),
                  net.expiry(Duration.ofDays(1)),
                  java.util.UUID.randomUUID().toString())
              .channel());
    }
    Map<ChannelRecord, BigInteger> acked = new ConcurrentHashMap<>();
    Map<ChannelRecord, BigInteger> sent = new ConcurrentHashMap<>();
    AtomicInteger acks = new AtomicInteger();
    ChannelNodeProcess payee =
        ChannelNodeProcess.start(net, jdbc, payeeKey, "payee", dir.resolve("payee.log"));
    ExecutorService pool = Executors.newFixedThreadPool(CHANNELS);
    try {
      List<Future<?>> streams = new ArrayList<>();
      for (ChannelRecord c : channels) {
        ChannelServiceBlockingStub client = payee.client();
        String walletId = payee.walletId;
        streams.add(
            pool.submit(
                () -> {
                  try {
                    while (true) {
                      PayerChannels.Payment p =
                          net.channels
                              .payer()
                              .pay(net.alice, net.payer.walletId(), c.channelId(), BigInteger.ONE);
                      sent.put(c, p.channel().cumulative().units());
                      client
                          .withDeadlineAfter(10, TimeUnit.SECONDS)
                          .acceptVoucher(request(walletId, c, p));
                      acked.put(c, p.channel().cumulative().units());
                      acks.incrementAndGet();
                    }
                  } catch (StatusRuntimeException e) {
                    return null;
                  }
                }));
      }
      await("400 acknowledged vouchers")
          .atMost(Duration.ofSeconds(60))
          .until(() -> acks.get() >= 400);
      payee.kill();
      for (Future<?> f : streams) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      payee.close();
    }

    BigInteger payeeBefore = net.balance(net.trc10(), payeeAddress);
    BigInteger total = BigInteger.ZERO;
    try (ChannelNodeProcess restarted =
        ChannelNodeProcess.start(net, jdbc, payeeKey, "payee", dir.resolve("payee.log"))) {
      ChannelServiceBlockingStub client = restarted.client();
      for (ChannelRecord c : channels) {
        BigInteger stored =
            new BigInteger(
                client
                    .getChannel(ref(restarted.walletId, c))
                    .getChannel()
                    .getCumulativeBaseUnits());
        assertTrue(
            stored.compareTo(acked.getOrDefault(c, BigInteger.ZERO)) >= 0,
            "an acknowledged voucher was lost");
        assertTrue(stored.compareTo(sent.get(c)) <= 0);
        PayerChannels.Payment next =
            net.channels
                .payer()
                .pay(net.alice, net.payer.walletId(), c.channelId(), BigInteger.TEN);
        BigInteger increment =
            new BigInteger(
                client.acceptVoucher(request(restarted.walletId, c, next)).getIncrementBaseUnits());
        assertEquals(next.channel().cumulative().units().subtract(stored), increment);
        Channel closed = client.closeChannel(ref(restarted.walletId, c)).getChannel();
        assertEquals(next.channel().cumulative().units().toString(), closed.getPaidOutBaseUnits());
        total = total.add(next.channel().cumulative().units());
      }
    }
    assertEquals(payeeBefore.add(total), net.balance(net.trc10(), payeeAddress));
  }

  @Test
  void killedPayerNeverSignsACumulativeAmountTwice() throws Exception {
    String jdbc = "jdbc:h2:file:" + dir.resolve("payer-" + UUID.randomUUID());
    String payerKey = net.devnet.developmentAccounts().get(5).privateKeyHex();
    ChannelNodeProcess payer =
        ChannelNodeProcess.start(net, jdbc, payerKey, "payer", dir.resolve("payer.log"));
    Channel c =
        payer
            .client()
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .openChannel(
                OpenChannelRequest.newBuilder()
                    .setWalletId(payer.walletId)
                    .setPayeeAddress(net.payee.address().base58())
                    .setAsset(
                        io.bttspeed.proto.wallet.v1.Asset.newBuilder().setTrc10TokenId("1002000"))
                    .setDepositBaseUnits("1000000")
                    .setExpiresAtUnixMs(System.currentTimeMillis() + Duration.ofDays(1).toMillis())
                    .setIdempotencyKey("crash-open")
                    .build())
            .getChannel();
    List<Voucher> returned = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(CHANNELS);
    try {
      List<Future<?>> callers = new ArrayList<>();
      for (int t = 0; t < CHANNELS; t++) {
        ChannelServiceBlockingStub client = payer.client();
        String walletId = payer.walletId;
        callers.add(
            pool.submit(
                () -> {
                  try {
                    while (true) {
                      returned.add(
                          client
                              .withDeadlineAfter(10, TimeUnit.SECONDS)
                              .pay(
                                  PayRequest.newBuilder()
                                      .setChannel(ref(walletId, c))
                                      .setIncrementBaseUnits("1")
                                      .build())
                              .getVoucher());
                    }
                  } catch (StatusRuntimeException e) {
                    return null;
                  }
                }));
      }
      await("400 signed vouchers")
          .atMost(Duration.ofSeconds(60))
          .until(() -> returned.size() >= 400);
      payer.kill();
      for (Future<?> f : callers) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      payer.close();
    }

    Set<String> cumulatives = new HashSet<>();
    returned.forEach(
        v ->
            assertTrue(cumulatives.add(v.getCumulativeBaseUnits()), "two vouchers for one amount"));
    BigInteger highestReturned =
        returned.stream()
            .map(v -> new BigInteger(v.getCumulativeBaseUnits()))
            .max(BigInteger::compareTo)
            .orElseThrow();
    ChannelRecord payeeView = null;
    for (Voucher v : returned) {
      net.channels.payee().accept(net.bob, net.payee.walletId(), incoming(v));
    }
    try (ChannelNodeProcess restarted =
        ChannelNodeProcess.start(net, jdbc, payerKey, "payer", dir.resolve("payer.log"))) {
      ChannelServiceBlockingStub client = restarted.client();
      BigInteger stored =
          new BigInteger(
              client.getChannel(ref(restarted.walletId, c)).getChannel().getCumulativeBaseUnits());
      assertTrue(
          stored.compareTo(highestReturned) >= 0, "a returned voucher is above the stored mark");
      Voucher next =
          client
              .pay(
                  PayRequest.newBuilder()
                      .setChannel(ref(restarted.walletId, c))
                      .setIncrementBaseUnits("1")
                      .build())
              .getVoucher();
      assertEquals(stored.add(BigInteger.ONE).toString(), next.getCumulativeBaseUnits());
      assertEquals(
          stored.add(BigInteger.ONE).subtract(highestReturned),
          net.channels
              .payee()
              .accept(net.bob, net.payee.walletId(), incoming(next))
              .increment()
              .units());
      payeeView =
          net.channels
              .store()
              .find(net.payee.walletId(), io.bttspeed.tron.id.ChannelId.fromHex(c.getChannelId()))
              .orElseThrow();
      assertEquals(stored.add(BigInteger.ONE), payeeView.cumulative().units());
    }
    BigInteger payeeBefore = net.balance(net.trc10(), net.payee.address());
    net.channels.payee().settle(net.bob, net.payee.walletId(), payeeView.channelId());
    assertEquals(
        payeeBefore.add(payeeView.cumulative().units()),
        net.balance(net.trc10(), net.payee.address()));
  }

  private static AcceptVoucherRequest request(
      String walletId, ChannelRecord c, PayerChannels.Payment p) {
    return AcceptVoucherRequest.newBuilder()
        .setWalletId(walletId)
        .setVoucher(
            Voucher.newBuilder()
                .setChannelId(c.channelId().hex())
                .setCumulativeBaseUnits(p.channel().cumulative().units().toString())
                .setSignatureHex(p.signature().hex())
                .setHubAddress(c.hub().base58()))
        .build();
  }

  private static PayeeChannels.IncomingVoucher incoming(Voucher v) {
    return new PayeeChannels.IncomingVoucher(
        TronAddress.parse(v.getHubAddress()),
        io.bttspeed.tron.id.ChannelId.fromHex(v.getChannelId()),
        new BigInteger(v.getCumulativeBaseUnits()),
        java.util.HexFormat.of().parseHex(v.getSignatureHex()));
  }

  private static ChannelRef ref(String walletId, ChannelRecord c) {
    return ChannelRef.newBuilder().setWalletId(walletId).setChannelId(c.channelId().hex()).build();
  }

  private static ChannelRef ref(String walletId, Channel c) {
    return ChannelRef.newBuilder().setWalletId(walletId).setChannelId(c.getChannelId()).build();
  }
}

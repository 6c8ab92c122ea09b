package io.bttspeed.wallet.metrics;

import static io.bttspeed.wallet.metrics.Scrapes.sample;
import static io.bttspeed.wallet.metrics.Scrapes.scrape;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet service as it ships, with {@code metrics.port} set: vouchers, a settlement and a
 * transfer go through its gRPC API, and the scrape over HTTP on loopback shows them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletMetricsTest {

  @TempDir static Path dir;
  private WalletApp app;
  private ManagedChannel channel;
  private int metricsPort;

  @BeforeAll
  void start() {
    Properties p = properties("metrics");
    p.setProperty("metrics.port", "0");
    app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory().withInstantBlocks());
    metricsPort = app.metricsPort().orElseThrow();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
  }

  private static Properties properties(String name) {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.resolve(name).toString());
    p.setProperty("db.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    return p;
  }

  @AfterAll
  void stop() {
    channel.shutdownNow();
    app.close();
  }

  @Test
  void theScrapeCountsVouchersAcceptedAndRefusedByReasonSettlementsAndTransfersByStatus() {
    WalletServiceGrpc.WalletServiceBlockingStub aliceWallets =
        authed(WalletServiceGrpc.newBlockingStub(channel), "alice");
    WalletServiceGrpc.WalletServiceBlockingStub bobWallets =
        authed(WalletServiceGrpc.newBlockingStub(channel), "bob");
    ChannelServiceBlockingStub alice = authed(ChannelServiceGrpc.newBlockingStub(channel), "alice");
    ChannelServiceBlockingStub bob = authed(ChannelServiceGrpc.newBlockingStub(channel), "bob");
    Wallet payer = importDev(aliceWallets, 4, "payer");
    Wallet payee = importDev(bobWallets, 5, "payee");
    String bttToken = app.devnet().orElseThrow().bttTokenAddress();
    Asset btt = Asset.newBuilder().setTrc20ContractAddress(bttToken).build();

    String before = scrape(metricsPort);
    assertEquals(Optional.of(0.0), sample(before, "bttspeed_wallet_vouchers_accepted_total"));
    assertEquals(Optional.of(0.0), sample(before, "bttspeed_wallet_vouchers_accept_seconds_count"));
    assertEquals(
        Optional.of(0.0),
        sample(before, "bttspeed_wallet_transfers_finished_total", "status=\"confirmed\""));

    Channel c =
        alice
            .openChannel(
                OpenChannelRequest.newBuilder()
                    .setWalletId(payer.getWalletId())
                    .setPayeeAddress(payee.getAddress())
                    .setAsset(btt)
                    .setDepositBaseUnits(BigInteger.TEN.pow(20).toString())
                    .setExpiresAtUnixMs(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(2))
                    .setIdempotencyKey("metrics-open")
                    .build())
            .getChannel();
    ChannelRef payerRef =
        ChannelRef.newBuilder()
            .setWalletId(payer.getWalletId())
            .setChannelId(c.getChannelId())
            .build();
    Voucher first = pay(alice, payerRef, "1000");
    Voucher second = pay(alice, payerRef, "2000");
    accept(bob, payee, first);
    accept(bob, payee, second);
    // The same signature over a larger amount: the payer never signed it.
    Voucher forged =
        second.toBuilder()
            .setCumulativeBaseUnits(
                new BigInteger(second.getCumulativeBaseUnits()).add(BigInteger.ONE).toString())
            .build();
    StatusRuntimeException refused =
        assertThrows(StatusRuntimeException.class, () -> accept(bob, payee, forged));
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    ChannelRef payeeRef =
        ChannelRef.newBuilder()
            .setWalletId(payee.getWalletId())
            .setChannelId(c.getChannelId())
            .build();
    bob.settleChannel(payeeRef);
    // A close that redeems a voucher beyond what the settle paid out is a settlement too.
    accept(bob, payee, pay(alice, payerRef, "3000"));
    bob.closeChannel(payeeRef);
    aliceWallets.send(
        SendRequest.newBuilder()
            .setWalletId(payer.getWalletId())
            .setAsset(Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build())
            .setToAddress(payee.getAddress())
            .setAmountBaseUnits("1000000")
            .setIdempotencyKey("metrics-send")
            .build());

    await("the transfer to be counted confirmed")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                sample(
                            scrape(metricsPort),
                            "bttspeed_wallet_transfers_finished_total",
                            "status=\"confirmed\"")
                        .orElse(0.0)
                    == 1.0);
    String after = scrape(metricsPort);
    assertEquals(Optional.of(3.0), sample(after, "bttspeed_wallet_vouchers_accepted_total"));
    assertEquals(
        Optional.of(1.0),
        sample(after, "bttspeed_wallet_vouchers_refused_total", "reason=\"invalid_argument\""));
    // Every AcceptVoucher is timed, the refused one too, into buckets a p99 can be read from.
    assertEquals(Optional.of(4.0), sample(after, "bttspeed_wallet_vouchers_accept_seconds_count"));
    assertEquals(
        Optional.of(4.0),
        sample(after, "bttspeed_wallet_vouchers_accept_seconds_bucket", "le=\"+Inf\""));
    assertTrue(
        sample(after, "bttspeed_wallet_vouchers_accept_seconds_bucket", "le=\"1.0E-4\"")
            .isPresent(),
        after);
    String trc20 = "asset=\"TRC20:" + bttToken + "\"";
    assertEquals(
        Optional.of(2.0),
        sample(after, "bttspeed_wallet_settlements_total", trc20, "outcome=\"settled\""));
    Optional<Double> fees =
        sample(after, "bttspeed_wallet_settlement_fees_sun_total", trc20, "outcome=\"settled\"");
    assertTrue(fees.isPresent() && fees.get() >= 0, after);
    assertEquals(
        Optional.of(0.0),
        sample(after, "bttspeed_wallet_transfers_finished_total", "status=\"failed\""));
    assertTrue(
        sample(after, "bttspeed_wallet_tracker_lag_blocks", "tracker=\"transfers\"").isPresent(),
        after);
    assertTrue(
        sample(after, "bttspeed_wallet_tracker_lag_blocks", "tracker=\"incoming\"").isPresent(),
        after);
    assertTrue(sample(after, "jvm_threads_live_threads").isPresent(), after);
  }

  @Test
  void theEndpointAnswersOnlyGetMetricsAndRefusesTheRestWithA4xxAndNoStackTrace() throws Exception {
    assertEquals(404, Scrapes.get(metricsPort, "/").statusCode());
    assertEquals(404, Scrapes.get(metricsPort, "/metrics/../admin").statusCode());
    assertEquals(400, Scrapes.get(metricsPort, "/metrics?name[]=x").statusCode());
    HttpResponse<String> long1 = Scrapes.get(metricsPort, "/metrics/" + "a".repeat(10_000));
    assertEquals(414, long1.statusCode());

    String post =
        Scrapes.raw(
            metricsPort,
            "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                .getBytes(StandardCharsets.US_ASCII));
    assertTrue(post.startsWith("HTTP/1.1 405"), post);
    String body =
        Scrapes.raw(
            metricsPort,
            "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                .getBytes(StandardCharsets.US_ASCII));
    assertTrue(body.startsWith("HTTP/1.1 413"), body);
    String garbage =
        Scrapes.raw(
            metricsPort,
            "\u0001\u0002NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(garbage.isEmpty() || garbage.startsWith("HTTP/1.1 4"), garbage);
    String oversized =
        Scrapes.raw(
            metricsPort,
            ("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(1 << 20) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    assertTrue(
        oversized.isEmpty() || oversized.startsWith("HTTP/1.1 4"),
        oversized.lines().findFirst().orElse(""));
    for (String reply : new String[] {post, body, garbage, oversized}) {
      assertFalse(reply.contains("Exception") || reply.contains("\tat "), reply);
    }
    // Still serving after all that.
    assertTrue(scrape(metricsPort).contains("bttspeed_wallet_vouchers_accepted_total"));
  }

  @Test
  void withoutMetricsPortNoEndpointIsOpened() {
    try (WalletApp plain =
        WalletApp.start(
            ConfigLoader.fromProperties(properties("plain"), Map.of()),
            DevnetConfig.inMemory().withInstantBlocks())) {
      assertEquals(Optional.empty(), plain.metricsPort());
    }
  }

  private Voucher pay(ChannelServiceBlockingStub payer, ChannelRef ref, String increment) {
    return payer
        .pay(PayRequest.newBuilder().setChannel(ref).setIncrementBaseUnits(increment).build())
        .getVoucher();
  }

  private static void accept(ChannelServiceBlockingStub payee, Wallet wallet, Voucher v) {
    payee.acceptVoucher(
        AcceptVoucherRequest.newBuilder().setWalletId(wallet.getWalletId()).setVoucher(v).build());
  }

  private <S extends AbstractStub<S>> S authed(S stub, String principal) {
    Metadata md = new Metadata();
    md.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + app.principals().createToken(principal, Set.of(Scope.SPEND)));
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  private Wallet importDev(
      WalletServiceGrpc.WalletServiceBlockingStub wallets, int index, String label) {
    DevelopmentAccount dev = app.devnet().orElseThrow().developmentAccounts().get(index);
    return wallets
        .importWallet(
            ImportWalletRequest.newBuilder()
                .setLabel(label)
                .setPrivateKeyHex(dev.privateKeyHex())
                .build())
        .getWallet();
  }
}

package io.bttspeed.wallet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.SendResponse;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Send latency over gRPC on loopback against the devnet (in memory, a block every 3 s as in its
 * default mode), open loop at a fixed request rate so queueing shows up in the percentiles (latency
 * is measured from each request's scheduled start). Also GetBalances latency, closed loop. Writes a
 * Markdown table to target/benchmarks/wallet.md. Run: {@code mvn -pl wallet -Pall-tests test
 * -Dtest=SendBenchmarkTest}.
 */
@Tag("slow")
class SendBenchmarkTest {

  private static final int RATE_PER_SECOND = Integer.getInteger("bench.rate", 200);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int WARM_UP = 400;
  private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup.seconds", 20);
  private static final Asset TRX =
      Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build();

  @TempDir Path dir;

  @Test
  void sendAndBalanceLatency() throws Exception {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:file:" + dir.resolve("wallet"));
    p.setProperty("keys.scrypt-log2n", "10");
    try (WalletApp app =
        WalletApp.start(ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory())) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
      Metadata md = new Metadata();
      md.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + app.principals().createToken("bench", Set.of(Scope.SPEND)));
      WalletServiceGrpc.WalletServiceBlockingStub blocking =
          WalletServiceGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
      WalletServiceGrpc.WalletServiceFutureStub async =
          WalletServiceGrpc.newFutureStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
      Wallet sender =
          blocking
              .importWallet(
                  ImportWalletRequest.newBuilder()
                      .setPrivateKeyHex(
                          app.devnet().orElseThrow().developmentAccounts().get(2).privateKeyHex())
                      .build())
              .getWallet();
      String to = app.devnet().orElseThrow().developmentAccounts().get(3).address();

      // Warm up at the measured rate until the JIT has compiled the hot paths (C2 compiling during
      // the measurement would be counted as load), then measure.
      for (int i = 0; i < WARM_UP; i++) {
        blocking.send(send(sender, to, "warm-" + i));
      }
      openLoop(async, sender, to, "warm-open-", RATE_PER_SECOND * WARM_UP_SECONDS);
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      long[] gcBefore = gcCountAndMillis();
      int total = RATE_PER_SECOND * SECONDS;
      long startNanos = System.nanoTime();
      long[] sendNanos = openLoop(async, sender, to, "bench-", total);
      long elapsed = System.nanoTime() - startNanos;
      double cpuMsPerSend = (os.getProcessCpuTime() - cpuBefore) / 1e6 / total;
      long[] gcAfter = gcCountAndMillis();

      long[] balanceNanos = new long[2_000];
      for (int i = 0; i < balanceNanos.length; i++) {
        long t0 = System.nanoTime();
        blocking.getBalances(
            GetBalancesRequest.newBuilder().setWalletId(sender.getWalletId()).build());
        balanceNanos[i] = System.nanoTime() - t0;
      }
      channel.shutdownNow();

      String report =
          "| measurement | requests | rate | p50 ms | p90 ms | p99 ms | max ms |\n"
              + "|---|---|---|---|---|---|---|\n"
              + row(
                  "Send (TRX, open loop)",
                  sendNanos,
                  String.format(
                      "%d/s offered, %.0f/s achieved", RATE_PER_SECOND, total / (elapsed / 1e9)))
              + row("GetBalances (TRX + BTT, closed loop)", balanceNanos, "1 in flight")
              + String.format(
                  "%nCPU per send (wallet + devnet + client, one JVM): %.2f ms; machine load average at the end:"
                      + " %.2f on %d cores%n",
                  cpuMsPerSend, os.getSystemLoadAverage(), os.getAvailableProcessors())
              + String.format(
                  "GC during the Send measurement: %d collections, %d ms in total%n",
                  gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
      Path out = Path.of("target", "benchmarks", "wallet.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println(report);
    }
  }

  /**
   * Sends {@code total} requests open loop at the configured rate; returns each one's latency
   * measured from its scheduled start, so queueing counts. Fails the test if any request fails.
   */
  private static long[] openLoop(
      WalletServiceGrpc.WalletServiceFutureStub async,
      Wallet sender,
      String to,
      String keyPrefix,
      int total)
      throws InterruptedException {
    long[] nanos = new long[total];
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    AtomicInteger next = new AtomicInteger();
    ticker.scheduleAtFixedRate(
        () -> {
          int i = next.getAndIncrement();
          if (i >= total) {
            return;
          }
          long scheduled = start + i * periodNanos;
          Futures.addCallback(
              async.send(send(sender, to, keyPrefix + i)),
              new FutureCallback<SendResponse>() {
                @Override
                public void onSuccess(SendResponse r) {
                  nanos[i] = System.nanoTime() - scheduled;
                  done.countDown();
                }

                @Override
                public void onFailure(Throwable t) {
                  failures.incrementAndGet();
                  nanos[i] = System.nanoTime() - scheduled;
                  done.countDown();
                }
              },
              MoreExecutors.directExecutor());
        },
        start - System.nanoTime(),
        periodNanos,
        TimeUnit.NANOSECONDS);
    boolean finished = done.await(total / RATE_PER_SECOND + 60L, TimeUnit.SECONDS);
    ticker.shutdownNow();
    assertTrue(finished, "requests still outstanding after the deadline");
    assertEquals(0, failures.get());
    return nanos;
  }

  private static long[] gcCountAndMillis() {
    long count = 0;
    long millis = 0;
    for (java.lang.management.GarbageCollectorMXBean gc :
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static String row(String name, long[] nanos, String rate) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        "| %s | %d | %s | %.2f | %.2f | %.2f | %.2f |%n",
        name,
        sorted.length,
        rate,
        ms(sorted, 0.50),
        ms(sorted, 0.90),
        ms(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static SendRequest send(Wallet from, String to, String key) {
    return SendRequest.newBuilder()
        .setWalletId(from.getWalletId())
        .setAsset(TRX)
        .setToAddress(to)
        .setAmountBaseUnits("1")
        .setIdempotencyKey(key)
        .build();
  }
}

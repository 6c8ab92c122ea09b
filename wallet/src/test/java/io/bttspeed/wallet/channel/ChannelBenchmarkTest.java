package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.AcceptVoucherStreamResponse;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.tron.signing.Secp256k1;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vouchers per second for Pay and AcceptVoucher, in process and over gRPC on loopback, next to the
 * raw secp256k1 sign and recover rate of the engine in use, on one devnet and a file H2 database
 * (every voucher is a committed write). gRPC runs use {@code THREADS} channels with one client
 * thread each, since vouchers of one channel are serial by design. Writes a Markdown table to
 * target/benchmarks/channels.md. Run: {@code mvn -pl wallet -Pall-tests test
 * -Dtest=ChannelBenchmarkTest}.
 */
@Tag("slow")
class ChannelBenchmarkTest {

  private static final int N = Integer.getInteger("bench.vouchers", 20_000);
  private static final int THREADS = Integer.getInteger("bench.threads", 16);
  private static final int STREAM_WINDOW = Integer.getInteger("bench.window", 64);

  @TempDir Path dir;

  @Test
  void measureVoucherRates() throws Exception {
    List<String> rows = new ArrayList<>();
    rows.add(rawSignatures());
    try (ChannelNet net = new ChannelNet(dir, ChannelNet.manualSettlement());
        ChannelServer server = new ChannelServer(net)) {
      ChannelRecord c = open(net);
      List<PayerChannels.Payment> payments = new ArrayList<>(N);
      long t0 = System.nanoTime();
      for (int i = 0; i < N; i++) {
        payments.add(
            net.channels
                .payer()
                .pay(net.alice, net.payer.walletId(), c.channelId(), BigInteger.ONE));
      }
      rows.add(row("Pay, in process, 1 thread", N, System.nanoTime() - t0));
      t0 = System.nanoTime();
      for (PayerChannels.Payment p : payments) {
        net.channels
            .payee()
            .accept(
                net.bob,
                net.payee.walletId(),
                new PayeeChannels.IncomingVoucher(
                    c.hub(),
                    c.channelId(),
                    p.channel().cumulative().units(),
                    p.signature().bytes()));
      }
      rows.add(row("AcceptVoucher, in process, 1 thread", N, System.nanoTime() - t0));

      List<ChannelRecord> channels = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        channels.add(open(net));
      }
      int perThread = N / THREADS;
      t0 = System.nanoTime();
      List<List<Voucher>> vouchers = payOverGrpc(server, net, channels, perThread);
      rows.add(
          row(
              "Pay over gRPC, " + THREADS + " clients on " + THREADS + " channels",
              perThread * THREADS,
              System.nanoTime() - t0));
      t0 = System.nanoTime();
      List<Integer> accepted =
          parallel(
              vouchers,
              list -> {
                ChannelServiceBlockingStub bob = server.clientWithoutDeadline("bob");
                int n = 0;
                for (Voucher v : list) {
                  bob.acceptVoucher(
                      AcceptVoucherRequest.newBuilder()
                          .setWalletId(net.payee.walletId().toString())
                          .setVoucher(v)
                          .build());
                  n++;
                }
                return n;
              });
      rows.add(
          row(
              "AcceptVoucher over gRPC, " + THREADS + " clients on " + THREADS + " channels",
              accepted.stream().mapToInt(Integer::intValue).sum(),
              System.nanoTime() - t0));
      List<List<Voucher>> more = payOverGrpc(server, net, channels, perThread);
      t0 = System.nanoTime();
      List<Integer> streamed =
          parallel(
              more,
              list -> {
                List<AcceptVoucherStreamResponse> answers =
                    VoucherStream.acceptAll(
                        server.asyncClient("bob"), net.payee.walletId(), list, STREAM_WINDOW);
                assertTrue(answers.stream().allMatch(AcceptVoucherStreamResponse::hasAccepted));
                return answers.size();
              });
      rows.add(
          row(
              "AcceptVoucherStream over gRPC, "
                  + THREADS
                  + " streams on "
                  + THREADS
                  + " channels, up to "
                  + STREAM_WINDOW
                  + " unanswered each",
              streamed.stream().mapToInt(Integer::intValue).sum(),
              System.nanoTime() - t0));
      for (ChannelRecord ch : channels) {
        assertEquals(
            BigInteger.valueOf(2L * perThread),
            net.channels
                .store()
                .find(net.payee.walletId(), ch.channelId())
                .orElseThrow()
                .cumulative()
                .units());
      }
    }
    StringBuilder md = new StringBuilder("| what | vouchers/s | n |\n|---|---|---|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    System.out.println(md);
    Path out = Path.of("target", "benchmarks", "channels.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
  }

  /** Pays 1 base unit {@code perThread} times on each channel, a client thread per channel. */
  private static List<List<Voucher>> payOverGrpc(
      ChannelServer server, ChannelNet net, List<ChannelRecord> channels, int perThread)
      throws Exception {
    return parallel(
        channels,
        ch -> {
          ChannelServiceBlockingStub alice = server.clientWithoutDeadline("alice");
          List<Voucher> out = new ArrayList<>(perThread);
          ChannelRef ref =
              ChannelRef.newBuilder()
                  .setWalletId(net.payer.walletId().toString())
                  .setChannelId(ch.channelId().hex())
                  .build();
          for (int i = 0; i < perThread; i++) {
            out.add(
                alice
                    .pay(PayRequest.newBuilder().setChannel(ref).setIncrementBaseUnits("1").build())
                    .getVoucher());
          }
          return out;
        });
  }

  private static ChannelRecord open(ChannelNet net) {
    return net.open(net.trc10(), BigInteger.valueOf(1_000_000_000L), Duration.ofDays(1));
  }

  private static String rawSignatures() {
    SecureRandom random = new SecureRandom();
    BigInteger key =
        new BigInteger(1, TronKey.ofPrivateKeyHex("0c" + "11".repeat(31)).privateKeyBytes());
    byte[][] digests = new byte[N][32];
    for (byte[] d : digests) {
      random.nextBytes(d);
    }
    byte[][] sigs = new byte[N][];
    long t0 = System.nanoTime();
    for (int i = 0; i < N; i++) {
      sigs[i] = Secp256k1.sign(digests[i], key);
    }
    long sign = System.nanoTime() - t0;
    t0 = System.nanoTime();
    for (int i = 0; i < N; i++) {
      Secp256k1.recover(digests[i], sigs[i]).orElseThrow();
    }
    long recover = System.nanoTime() - t0;
    return row("raw secp256k1 sign (" + Secp256k1.engineName() + "), 1 thread", N, sign)
        + "\n"
        + row("raw secp256k1 recover (" + Secp256k1.engineName() + "), 1 thread", N, recover);
  }

  private interface Task<T, R> {
    R run(T input) throws Exception;
  }

  private static <T, R> List<R> parallel(List<T> inputs, Task<T, R> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
    try {
      List<Callable<R>> calls = new ArrayList<>();
      for (T in : inputs) {
        calls.add(() -> task.run(in));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : pool.invokeAll(calls)) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String row(String what, int n, long nanos) {
    return String.format(Locale.ROOT, "| %s | %,d | %,d |", what, Math.round(n / (nanos / 1e9)), n);
  }
}

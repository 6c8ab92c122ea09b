package io.bttspeed.wallet.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.Transfer;
import io.bttspeed.proto.wallet.v1.TransferStatus;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.keys.TronKey;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the wallet server (a separate JVM, SIGKILL) at random moments while a client sends,
 * restarts it, and checks that every acknowledged transfer exists exactly once, none was paid
 * twice, and balances reconcile to the sun. The node (a devnet in this JVM) keeps running, as a
 * real node would.
 */
class CrashSafetyTest {

  private static final int TRANSFERS = 30;
  private static final int KILLS = 3;
  private static final Asset TRX =
      Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build();

  @TempDir Path dir;

  @Test
  void everyAcknowledgedTransferLandsOnceAcrossRandomCrashes() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
      Path config = dir.resolve("wallet.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "tron.network=devnet",
              "tron.node=" + devnet.target(),
              "data.dir=" + dir,
              "db.url=jdbc:h2:file:" + dir.resolve("wallet"),
              "listen.port=0",
              "confirm.poll-interval-ms=50",
              "keys.scrypt-log2n=10",
              ""));
      String token = createToken(config);
      Path log = dir.resolve("server.log");
      AtomicReference<ServerProcess> server =
          new AtomicReference<>(ServerProcess.start(config, log));
      AtomicReference<WalletServiceGrpc.WalletServiceBlockingStub> stub = new AtomicReference<>();
      AtomicReference<ManagedChannel> channel = new AtomicReference<>();
      connect(server.get(), token, stub, channel);
      try {
        Wallet sender =
            stub.get()
                .importWallet(
                    ImportWalletRequest.newBuilder()
                        .setPrivateKeyHex(devnet.developmentAccounts().get(5).privateKeyHex())
                        .build())
                .getWallet();
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String recipient = TronKey.ofPrivateKey(fresh).address().base58();
        // On an idle on-demand devnet the head is the genesis block, months old; one block makes it
        // current, so that transactions signed in the run do not expire merely because chain time
        // jumps forward.
        Transfer warmUp =
            sendUntilAcknowledged(
                stub.get(), sender, devnet.developmentAccounts().get(6).address(), 1, "warm-up");
        awaitAllFinal(stub.get());
        BigInteger senderBefore = trx(stub.get(), sender);

        // Crash timing differs per run anyway; the seed (override with -Dcrash.seed) is in every
        // failure message.
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        AtomicInteger kills = new AtomicInteger();
        Map<String, String> acknowledged = new HashMap<>();
        int nextKillAt = 1 + random.nextInt(TRANSFERS / KILLS);
        for (int i = 0; i < TRANSFERS; i++) {
          String key = "crash-" + i;
          long amount = 1_000_000L + i;
          if (i == nextKillAt && kills.get() < KILLS) {
            // Kill while this send is in flight, at a random point of its pipeline.
            long delayMicros = random.nextInt(20_000);
            Thread killer =
                new Thread(
                    () -> {
                      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(delayMicros));
                      try {
                        server.get().kill();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
            killer.start();
            trySend(stub.get(), sender, recipient, amount, key)
                .ifPresent(t -> acknowledged.put(key, t.getTransferId()));
            killer.join();
            kills.incrementAndGet();
            channel.get().shutdownNow();
            server.set(ServerProcess.start(config, log));
            connect(server.get(), token, stub, channel);
            nextKillAt = i + 1 + random.nextInt(TRANSFERS / KILLS);
          }
          // The client retries with the same key until acknowledged, as a real caller would after a
          // crash.
          Transfer t = sendUntilAcknowledged(stub.get(), sender, recipient, amount, key);
          String earlier = acknowledged.putIfAbsent(key, t.getTransferId());
          if (earlier != null) {
            assertEquals(
                earlier, t.getTransferId(), "a retry returned another transfer for " + key);
          }
        }
        assertEquals(KILLS, kills.get(), "seed " + seed);

        List<Transfer> all =
            awaitAllFinal(stub.get()).stream()
                .filter(t -> !t.getTransferId().equals(warmUp.getTransferId()))
                .toList();
        assertEquals(TRANSFERS, all.size(), "seed " + seed);
        BigInteger fees = BigInteger.ZERO;
        BigInteger landed = BigInteger.ZERO;
        for (Transfer t : all) {
          // EXPIRED is a legitimate end (a crash outlasted the expiration); it must not have moved
          // money.
          assertTrue(
              t.getStatus() == TransferStatus.TRANSFER_STATUS_CONFIRMED
                  || t.getStatus() == TransferStatus.TRANSFER_STATUS_EXPIRED,
              t.getIdempotencyKey()
                  + " "
                  + t.getStatus()
                  + " "
                  + t.getFailureReason()
                  + " seed "
                  + seed);
          assertEquals(acknowledged.get(t.getIdempotencyKey()), t.getTransferId());
          if (t.getStatus() == TransferStatus.TRANSFER_STATUS_CONFIRMED) {
            fees = fees.add(new BigInteger(t.getFeeSun()));
            landed = landed.add(new BigInteger(t.getAmountBaseUnits()));
          }
        }
        assertTrue(
            all.stream()
                    .filter(t -> t.getStatus() == TransferStatus.TRANSFER_STATUS_CONFIRMED)
                    .count()
                >= TRANSFERS - KILLS);
        assertEquals(TRANSFERS, all.stream().map(Transfer::getIdempotencyKey).distinct().count());
        assertEquals(TRANSFERS, all.stream().map(Transfer::getTxid).distinct().count());
        Wallet probe =
            stub.get()
                .importWallet(
                    ImportWalletRequest.newBuilder()
                        .setPrivateKeyHex(TronKey.ofPrivateKey(fresh).privateKeyHex())
                        .build())
                .getWallet();
        assertEquals(landed, trx(stub.get(), probe), "seed " + seed);
        assertEquals(
            senderBefore.subtract(landed).subtract(fees), trx(stub.get(), sender), "seed " + seed);
        assertTrue(fees.signum() > 0);
      } finally {
        if (channel.get() != null) {
          channel.get().shutdownNow();
        }
        server.get().close();
      }
    }
  }

  private static java.util.Optional<Transfer> trySend(
      WalletServiceGrpc.WalletServiceBlockingStub stub,
      Wallet from,
      String to,
      long amount,
      String key) {
    try {
      return java.util.Optional.of(
          stub.withDeadlineAfter(10, TimeUnit.SECONDS)
              .send(send(from, to, amount, key))
              .getTransfer());
    } catch (StatusRuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static Transfer sendUntilAcknowledged(
      WalletServiceGrpc.WalletServiceBlockingStub stub,
      Wallet from,
      String to,
      long amount,
      String key) {
    return await("the send under key " + key + " to be acknowledged")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .ignoreException(StatusRuntimeException.class)
        .until(
            () ->
                stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .send(send(from, to, amount, key))
                    .getTransfer(),
            t -> true);
  }

  private static List<Transfer> awaitAllFinal(WalletServiceGrpc.WalletServiceBlockingStub stub) {
    return await("no transfer left PENDING")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                stub.listTransfers(ListTransfersRequest.newBuilder().setMaxTransfers(1000).build())
                    .getTransfersList(),
            all ->
                all.stream()
                    .noneMatch(t -> t.getStatus() == TransferStatus.TRANSFER_STATUS_PENDING));
  }

  private static SendRequest send(Wallet from, String to, long amount, String key) {
    return SendRequest.newBuilder()
        .setWalletId(from.getWalletId())
        .setAsset(TRX)
        .setToAddress(to)
        .setAmountBaseUnits(Long.toString(amount))
        .setIdempotencyKey(key)
        .build();
  }

  private static BigInteger trx(WalletServiceGrpc.WalletServiceBlockingStub stub, Wallet wallet) {
    return new BigInteger(
        stub.getBalances(
                GetBalancesRequest.newBuilder()
                    .setWalletId(wallet.getWalletId())
                    .addAssets(TRX)
                    .build())
            .getBalances(0)
            .getAmountBaseUnits());
  }

  private static String createToken(Path config) {
    CliRun created =
        CliRun.run(
            "token",
            "create",
            "--config",
            config.toString(),
            "--name",
            "crash",
            "--scopes",
            "spend");
    assertEquals(0, created.code(), created.err());
    return created.out().strip();
  }

  private static void connect(
      ServerProcess server,
      String token,
      AtomicReference<WalletServiceGrpc.WalletServiceBlockingStub> stub,
      AtomicReference<ManagedChannel> channel) {
    ManagedChannel ch =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    channel.set(ch);
    stub.set(
        WalletServiceGrpc.newBlockingStub(ch)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md)));
  }
}

package io.bttspeed.devnet.bench;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.signing.Secp256k1;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.tron.trident.api.WalletGrpc;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Contract.TransferContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;
import org.tron.trident.proto.Response.TransactionReturn;

/**
 * Broadcasts pre-signed transfers (TRX, or TRC-20 BTT through the genesis token contract) from many
 * accounts over gRPC on loopback as fast as the node takes them, with full validation, contract
 * execution and H2 persistence, and reports transactions per second into blocks.
 *
 * <p>Run: {@code mvn -q -pl devnet -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.bttspeed.devnet.bench.TransferBenchmark -Dexec.args="trx|trc20 COUNT
 * THREADS"}
 */
public final class TransferBenchmark {
  public static void main(String[] args) throws Exception {
    boolean trc20 = args.length > 0 && args[0].equals("trc20");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path dir = Files.createTempDirectory("devnet-bench");
    DevnetConfig config =
        DevnetConfig.persistent(dir).withPort(0).withBlockInterval(Duration.ofSeconds(1));
    try (Devnet devnet = Devnet.start(config)) {
      List<DevelopmentAccount> senders = devnet.developmentAccounts();
      // Reference a block stamped with today's time: genesis is stamped at a fixed past date.
      long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (devnet.node().headNumber() == 0 && System.nanoTime() < waitUntil) {
        LockSupport.parkNanos(1_000_000);
      }
      Block head = devnet.node().headBlock();
      List<Transaction> transactions = new ArrayList<>(count);
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        DevelopmentAccount from = senders.get(i % senders.size());
        DevelopmentAccount to = senders.get((i + 1) % senders.size());
        long amount = 1 + i / senders.size();
        transactions.add(
            trc20
                ? trc20Transfer(from, to, amount, head, devnet.bttTokenAddress())
                : transfer(from, to, amount, head));
      }
      System.out.println("signature engine: " + Secp256k1.engineName());
      System.out.printf(
          "signed %,d %s transfers from %d accounts in %.1f s%n",
          count, trc20 ? "TRC-20" : "TRX", senders.size(), (System.nanoTime() - started) / 1e9);

      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(devnet.target()).usePlaintext().build();
      WalletGrpc.WalletBlockingStub stub = WalletGrpc.newBlockingStub(channel);
      long firstBlock = devnet.node().headNumber();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger rejected = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long broadcastStart = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    TransactionReturn answer = stub.broadcastTransaction(transactions.get(i));
                    if (!answer.getResult() && rejected.getAndIncrement() == 0) {
                      System.out.println(
                          "first rejection: "
                              + answer.getCode()
                              + " "
                              + answer.getMessage().toStringUtf8());
                    }
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      long broadcastEnd = System.nanoTime();
      pool.shutdown();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (devnet.node().pendingCount() > 0 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000);
      }
      long sealedEnd = System.nanoTime();
      long lastBlock = devnet.node().headNumber();
      long inBlocks = 0;
      for (long n = firstBlock + 1; n <= lastBlock; n++) {
        inBlocks += devnet.node().blockByNumber(n).orElseThrow().getTransactionsCount();
      }
      channel.shutdownNow();
      double seconds = (sealedEnd - broadcastStart) / 1e9;
      System.out.printf(
          "broadcast %,d (rejected %d) with %d client threads in %.2f s: %,.0f tx/s accepted%n",
          count,
          rejected.get(),
          threads,
          (broadcastEnd - broadcastStart) / 1e9,
          count / ((broadcastEnd - broadcastStart) / 1e9));
      System.out.printf(
          "%,d transactions in blocks %d..%d after %.2f s: %,.0f tx/s into blocks%n",
          inBlocks, firstBlock + 1, lastBlock, seconds, inBlocks / seconds);
    }
  }

  private static Transaction transfer(
      DevelopmentAccount from, DevelopmentAccount to, long amount, Block ref) {
    return signed(
        from,
        ref,
        0,
        Transaction.Contract.ContractType.TransferContract,
        TransferContract.newBuilder()
            .setOwnerAddress(TronAddress.parse(from.address()).toByteString())
            .setToAddress(TronAddress.parse(to.address()).toByteString())
            .setAmount(amount)
            .build());
  }

  private static Transaction trc20Transfer(
      DevelopmentAccount from, DevelopmentAccount to, long amount, Block ref, String token) {
    byte[] data =
        BttTokenContract.transfer(
                EvmAddress.fromTron(TronAddress.parse(to.address()).toByteArray()),
                BigInteger.valueOf(amount))
            .bytes();
    return signed(
        from,
        ref,
        100_000_000L,
        Transaction.Contract.ContractType.TriggerSmartContract,
        TriggerSmartContract.newBuilder()
            .setOwnerAddress(TronAddress.parse(from.address()).toByteString())
            .setContractAddress(TronAddress.parse(token).toByteString())
            .setData(ByteString.copyFrom(data))
            .build());
  }

  private static Transaction signed(
      DevelopmentAccount from,
      Block ref,
      long feeLimit,
      Transaction.Contract.ContractType type,
      com.google.protobuf.Message contract) {
    byte[] refId = Blocks.blockId(ref).toByteArray();
    long refNumber = ref.getBlockHeader().getRawData().getNumber();
    Transaction.raw raw =
        Transaction.raw
            .newBuilder()
            .setRefBlockBytes(
                ByteString.copyFrom(new byte[] {(byte) (refNumber >>> 8), (byte) refNumber}))
            .setRefBlockHash(ByteString.copyFrom(Arrays.copyOfRange(refId, 8, 16)))
            .setExpiration(ref.getBlockHeader().getRawData().getTimestamp() + 3_600_000L)
            .setTimestamp(System.currentTimeMillis())
            .setFeeLimit(feeLimit)
            .addContract(
                Transaction.Contract.newBuilder().setType(type).setParameter(Any.pack(contract)))
            .build();
    Transaction unsigned = Transaction.newBuilder().setRawData(raw).build();
    byte[] signature =
        Secp256k1.sign(
            Blocks.txId(unsigned).toByteArray(), new BigInteger(from.privateKeyHex(), 16));
    return unsigned.toBuilder().addSignature(ByteString.copyFrom(signature)).build();
  }
}

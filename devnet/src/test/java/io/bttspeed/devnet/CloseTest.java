package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tron.trident.core.ApiWrapper;

/**
 * {@link Devnet#close()} may be called more than once, also by several threads at the same moment
 * (an embedding service's shutdown hook and its own try-with-resources): every call returns
 * normally, the first one seals what is pending, no later call touches what is closed, and none
 * logs a warning (a second health-service shutdown used to log "Already terminating" with a stack
 * trace).
 */
class CloseTest {
  /**
   * Long enough that no slot passes during the test: only close() can seal the pending transfer.
   */
  private static final Duration NO_SLOT = Duration.ofHours(1);

  @TempDir Path dataDir;

  @Test
  void closingTwiceIsHarmlessAndSealsThePendingTransferOnce() throws Exception {
    DevnetConfig config = DevnetConfig.persistent(dataDir).withPort(0).withBlockInterval(NO_SLOT);
    Devnet devnet = Devnet.start(config);
    String txId = broadcastOneTransfer(devnet);

    try (GrpcWarnings warnings = GrpcWarnings.record()) {
      devnet.close();
      devnet.close();
      assertEquals(List.of(), warnings.messages());
    }

    assertSealedOnce(config, txId);
  }

  @Test
  void closesReleasedTogetherFromManyThreadsAllReturnNormally() throws Exception {
    DevnetConfig config = DevnetConfig.persistent(dataDir).withPort(0).withBlockInterval(NO_SLOT);
    Devnet devnet = Devnet.start(config);
    String txId = broadcastOneTransfer(devnet);

    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (GrpcWarnings warnings = GrpcWarnings.record()) {
      List<Future<?>> closes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        closes.add(
            pool.submit(
                () -> {
                  start.await();
                  devnet.close();
                  return null;
                }));
      }
      for (Future<?> close : closes) {
        close.get(60, TimeUnit.SECONDS); // rethrows whatever a close threw
      }
      assertEquals(List.of(), warnings.messages());
    } finally {
      pool.shutdownNow();
    }

    assertSealedOnce(config, txId);
  }

  private static String broadcastOneTransfer(Devnet devnet) throws Exception {
    DevelopmentAccount alice = devnet.developmentAccounts().get(0);
    DevelopmentAccount bob = devnet.developmentAccounts().get(1);
    ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
    try {
      String txId =
          api.broadcastTransaction(
              api.signTransaction(api.transfer(alice.address(), bob.address(), 7)));
      assertEquals(1, devnet.node().pendingCount(), "the transfer waits for a block");
      return txId;
    } finally {
      api.close();
    }
  }

  /**
   * Reopens the chain: the transfer accepted before the closes is in exactly one block, and nothing
   * else is.
   */
  private static void assertSealedOnce(DevnetConfig config, String txId) throws Exception {
    try (Devnet reopened = Devnet.start(config.withInstantBlocks())) {
      ApiWrapper api =
          new ApiWrapper(
              reopened.target(),
              reopened.target(),
              reopened.developmentAccounts().get(0).privateKeyHex());
      try {
        long block = api.getTransactionInfoById(txId).getBlockNumber();
        assertTrue(block > 0, "sealed by close");
        assertEquals(1, api.getBlockByNum(block).getTransactionsCount());
        assertEquals(0, reopened.node().pendingCount());
      } finally {
        api.close();
      }
    }
  }

  /** What grpc-java (java.util.logging) logs at WARNING or above while open. */
  private static final class GrpcWarnings extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.grpc");
    private final List<String> messages = new ArrayList<>();

    static GrpcWarnings record() {
      GrpcWarnings warnings = new GrpcWarnings();
      warnings.setLevel(Level.WARNING);
      warnings.logger.addHandler(warnings);
      return warnings;
    }

    synchronized List<String> messages() {
      return List.copyOf(messages);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      if (isLoggable(record)) {
        messages.add(record.getLoggerName() + ": " + record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}

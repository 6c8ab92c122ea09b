package io.bttspeed.devnet.node;

import io.bttspeed.tron.supervision.Supervisor;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the node seals a block: on a fixed interval (like TRON's 3-second slots, empty
 * blocks included), or instantly, right after each accepted transaction, which makes tests fast and
 * deterministic.
 */
public final class BlockProducer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockProducer.class);

  private final TronNode node;
  private final ScheduledExecutorService timer;

  private BlockProducer(TronNode node, ScheduledExecutorService timer) {
    this.node = node;
    this.timer = timer;
  }

  public static BlockProducer every(TronNode node, Duration interval) {
    return every(node, interval, Supervisor.process());
  }

  /**
   * Seals every {@code interval}; whatever a seal does not survive (an Error) goes to the
   * supervisor.
   */
  public static BlockProducer every(TronNode node, Duration interval, Supervisor supervisor) {
    String name = "devnet-block-producer";
    ScheduledExecutorService timer = supervisor.singleThreadScheduler(name);
    BlockProducer producer = new BlockProducer(node, timer);
    long millis = interval.toMillis();
    supervisor.atFixedRate(
        timer, name, producer::sealQuietly, millis, millis, TimeUnit.MILLISECONDS);
    return producer;
  }

  public static BlockProducer instant(TronNode node) {
    return new BlockProducer(node, null);
  }

  /** Called after a transaction is accepted; seals it at once in instant mode. */
  public void transactionAccepted() {
    if (timer == null) {
      node.sealBlock();
    }
  }

  private void sealQuietly() {
    try {
      node.sealBlock();
    } catch (RuntimeException e) {
      // A failed seal leaves the pool intact for the next slot; throwing here would cancel the
      // schedule.
      log.error("sealing a block failed; retrying at the next slot", e);
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdown();
      try {
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
          timer.shutdownNow();
        }
      } catch (InterruptedException e) {
        timer.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (node.pendingCount() > 0) {
      node.sealBlock();
    }
  }
}

package io.bttspeed.wallet.channel;

import io.bttspeed.tron.supervision.Supervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of high-water marks: callers on different channels that arrive while a commit is
 * running are written together in the next transaction, so the database commits once per batch
 * instead of once per voucher. Each caller still returns only after its own update is committed,
 * which is what lets a payer hand out a signature and a payee acknowledge a voucher. One writer
 * thread; it is never interrupted, because an interrupt inside H2's file I/O closes the database.
 */
final class VoucherCommitter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VoucherCommitter.class);
  private static final int MAX_BATCH = 1_000;

  private record Pending(ChannelStore.VoucherUpdate update, CompletableFuture<Boolean> done) {}

  private static final Pending STOP = new Pending(null, null);

  private final ChannelStore store;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;

  VoucherCommitter(ChannelStore store) {
    this.store = store;
    // Every commit waits for this one thread: if it died, callers would wait forever, so its death
    // is fatal.
    this.writer = Supervisor.process().threads("voucher-commit").newThread(this::run);
    writer.start();
  }

  /**
   * Commits the update (with whatever else is waiting); false if the stored mark was no longer its
   * previous.
   */
  boolean commit(ChannelStore.VoucherUpdate update) {
    Pending p = new Pending(update, new CompletableFuture<>());
    queue.add(p);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return p.done().get();
        } catch (InterruptedException e) {
          // The write may already be under way; the caller must learn its outcome, so keep waiting.
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("voucher commit failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(STOP);
      if (!batch.isEmpty()) {
        write(batch);
      }
      if (stop) {
        return;
      }
    }
  }

  private void write(List<Pending> batch) {
    try {
      boolean[] applied = store.recordVouchers(batch.stream().map(Pending::update).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).done().complete(applied[i]);
      }
    } catch (RuntimeException e) {
      LOG.warn("a batch of {} voucher updates failed to commit", batch.size(), e);
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  /** Commits what is queued, then stops the writer. */
  @Override
  public void close() {
    queue.add(STOP);
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

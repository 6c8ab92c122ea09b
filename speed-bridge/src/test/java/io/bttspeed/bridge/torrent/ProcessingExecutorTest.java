package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client executor's reports, on a one-thread pool the test can hold busy (Bt's is a cached
 * pool, where a task waits only on a loaded machine). The task is submitted as Bt's startAsync
 * submits it: CompletableFuture.runAsync.
 */
@Timeout(30)
class ProcessingExecutorTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final ProcessingExecutor executor = new ProcessingExecutor(pool);
  private final List<String> reports = new CopyOnWriteArrayList<>();
  private final ProcessingExecutor.Watch watch =
      new ProcessingExecutor.Watch() {
        @Override
        public void began(Thread thread) {
          reports.add("began");
        }

        @Override
        public void returned() {
          reports.add("returned");
        }
      };

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void aRunStoppedBeforeItsTaskBeganIsReportedReturnedThoughNeverProcessed() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    executor.execute(() -> await(busy)); // another task, not watched, holds the only thread
    AtomicBoolean processed = new AtomicBoolean();
    CompletableFuture<Void> run =
        executor.starting(
            watch, () -> CompletableFuture.runAsync(() -> processed.set(true), executor));
    run.complete(null); // Bt's stop() before the task began
    busy.countDown();
    drain();
    assertFalse(processed.get(), "the JDK skips a task whose future is already complete");
    assertEquals(List.of("began", "returned"), reports);
  }

  @Test
  void anInterruptMeantForARunDoesNotReachTheNextTaskOnItsThread() throws Exception {
    CompletableFuture<Void> run =
        executor.starting(
            watch,
            () ->
                CompletableFuture.runAsync(
                    () -> Thread.currentThread().interrupt(), executor)); // a stop's interrupt
    run.get(10, TimeUnit.SECONDS);
    CompletableFuture<Boolean> next = new CompletableFuture<>();
    executor.execute(() -> next.complete(Thread.currentThread().isInterrupted()));
    assertFalse(next.get(10, TimeUnit.SECONDS), "the next task on the pooled thread");
    drain();
    assertEquals(List.of("began", "returned"), reports);
  }

  @Test
  void onlyTheTaskOfAStartIsWatched() throws Exception {
    executor.starting(watch, () -> null); // a start that submits nothing
    CompletableFuture.runAsync(() -> {}, executor).get(10, TimeUnit.SECONDS);
    drain();
    assertTrue(reports.isEmpty(), "" + reports);
  }

  /** Returns once every task submitted so far has run. */
  private void drain() throws Exception {
    CompletableFuture.runAsync(() -> {}, pool).get(10, TimeUnit.SECONDS);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

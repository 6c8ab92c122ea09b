package io.bttspeed.bridge.torrent;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bt's client executor (bound in place of Bt's own, a cached pool of the same thread names), on
 * which each run of a torrent is processed from its start to its teardown, with each run's task
 * reporting when it begins and when it returns. Bt says neither: a run stopped before its task
 * began is never processed (Bt's stop completes the task's future, and the JDK then skips the task)
 * and Bt reports nothing for it, so a start of the same torrent waited for a stop event that never
 * came; and a magnet's wait for its metadata ends only when its thread is interrupted, a thread Bt
 * does not name.
 */
final class ProcessingExecutor extends AbstractExecutorService {
  /** What one run's processing task reports, on the thread that runs it. */
  interface Watch {
    void began(Thread thread);

    /** The task returned (whether Bt processed the run or skipped it). */
    void returned();
  }

  private final ExecutorService pool;
  private final ThreadLocal<Watch> starting = new ThreadLocal<>();

  ProcessingExecutor(ExecutorService pool) {
    this.pool = pool;
  }

  /** A cached pool named as Bt names its own: "{port}.bt.service.executor-thread-{n}". */
  static ProcessingExecutor forPort(int port) {
    AtomicInteger n = new AtomicInteger(1);
    ThreadFactory threads =
        task -> new Thread(task, port + ".bt.service.executor-thread-" + n.getAndIncrement());
    return new ProcessingExecutor(Executors.newCachedThreadPool(threads));
  }

  /**
   * Calls {@code start}, which submits one run's processing task from this thread (as Bt's
   * startAsync does), that task reporting to {@code watch}.
   */
  <T> T starting(Watch watch, Supplier<T> start) {
    starting.set(watch);
    try {
      return start.get();
    } finally {
      starting.remove();
    }
  }

  @Override
  public void execute(Runnable task) {
    Watch watch = starting.get();
    if (watch == null) {
      pool.execute(task);
      return;
    }
    starting.remove(); // one task per start
    pool.execute(
        () -> {
          watch.began(Thread.currentThread());
          try {
            task.run();
          } finally {
            watch.returned();
            // An interrupt meant for this run (a stop) must not reach the next task on this
            // pooled thread; the watch no longer hands the thread out once it returned.
            Thread.interrupted();
          }
        });
  }

  @Override
  public void shutdown() {
    pool.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return pool.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return pool.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return pool.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return pool.awaitTermination(timeout, unit);
  }
}

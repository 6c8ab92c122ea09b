package io.bttspeed.tron.supervision;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches background work so that it never dies silently. A {@link ScheduledExecutorService}
 * swallows whatever escapes a periodic task and simply stops running it (an {@link
 * OutOfMemoryError} in the block producer left a server that answered but never confirmed anything
 * again). Every task scheduled or thread started through a supervisor instead either runs again (an
 * exception escaped one run of a periodic task: logged, the schedule goes on) or reaches the {@link
 * FailureHandler} (an {@link Error}, or anything that ends a supervised thread), which in
 * production stops the process loudly.
 *
 * <p>Used by the devnet (block producer), the wallet (transfer tracker, settlement watcher, voucher
 * writer, incoming scanner) and the speed-bridge; it lives in tron-core, which all of them depend
 * on.
 */
public final class Supervisor {

  /** What to do when a supervised task died; the production one stops the process. */
  @FunctionalInterface
  public interface FailureHandler {
    void failed(String task, Throwable cause);
  }

  /** Exit status of a process stopped because background work died (EX_SOFTWARE). */
  public static final int EXIT_STATUS = 70;

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /**
   * Logs one FATAL line naming the task and the cause, then halts the JVM. Halt, not exit: shutdown
   * hooks may wait for the very thread that is failing, and after an OutOfMemoryError running more
   * code is a gamble. Nothing is lost by halting: every acknowledged payment is committed before it
   * is acknowledged (the crash tests kill -9 the server for the same reason).
   */
  public static final FailureHandler HALT =
      (task, cause) -> {
        String line =
            "FATAL: background task '" + task + "' died (" + cause + "); stopping the process";
        try {
          LOG.error(line, cause);
        } catch (Throwable ignored) {
          // Logging can fail after an OutOfMemoryError; the plain line below still has to get out.
        }
        System.err.println(line);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_STATUS);
      };

  private static final Supervisor PROCESS = new Supervisor(HALT);

  private final FailureHandler onFailure;

  public Supervisor(FailureHandler onFailure) {
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  /** The supervisor of production code: any death of background work stops the process. */
  public static Supervisor process() {
    return PROCESS;
  }

  /**
   * The task, made safe to schedule: an exception escaping one run is logged and the next run goes
   * ahead (a scheduled executor would cancel the schedule without a word); an {@link Error} is not
   * survivable and goes to the failure handler.
   */
  public Runnable supervised(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("background task '{}' failed; it runs again at its next turn", name, e);
      } catch (Throwable t) {
        report(name, t);
        throw t;
      }
    };
  }

  /** A single daemon thread named {@code name} for periodic work scheduled with {@link #every}. */
  public ScheduledExecutorService singleThreadScheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(threads(name));
  }

  /** Runs the task on the executor every {@code delay} after the previous run ended, supervised. */
  public ScheduledFuture<?> every(
      ScheduledExecutorService executor,
      String name,
      Runnable task,
      long initialDelay,
      long delay,
      TimeUnit unit) {
    return executor.scheduleWithFixedDelay(supervised(name, task), initialDelay, delay, unit);
  }

  /** Runs the task on the executor at a fixed rate, supervised. */
  public ScheduledFuture<?> atFixedRate(
      ScheduledExecutorService executor,
      String name,
      Runnable task,
      long initialDelay,
      long period,
      TimeUnit unit) {
    return executor.scheduleAtFixedRate(supervised(name, task), initialDelay, period, unit);
  }

  /** Daemon threads named {@code name} whose uncaught throwables reach the failure handler. */
  public ThreadFactory threads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.setUncaughtExceptionHandler((thread, e) -> report(name, e));
      return t;
    };
  }

  private void report(String name, Throwable cause) {
    try {
      onFailure.failed(name, cause);
    } catch (Throwable handlerFailure) {
      // A handler that throws must not hide the original death; HALT cannot get here.
      cause.addSuppressed(handlerFailure);
    }
  }
}

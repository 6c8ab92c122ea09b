package io.bttspeed.bridge.torrent;

import bt.net.IConnectionSource;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lets Bt's connection workers end when idle.
 *
 * <p>Bt 1.10's {@code ConnectionSource} dials and accepts peers on a fixed pool of {@code
 * maxPendingConnectionRequests} threads (50) that never shrinks: each new connection adds a thread
 * until there are 50, and they stay for the engine's life. A long-running daemon that meets peers
 * now and then climbs to 50 idle threads; the load profile of 51 daemons climbed past 760 threads
 * and was still climbing (docs/benchmarks.md). The pool is made inside Bt's constructor, with no
 * binding to replace, so it is reached by its field once the runtime is built. Bt is pinned at
 * 1.10, and a Bt without that field fails here at start, not quietly.
 */
final class IdleConnectionWorkers {
  /** How long a connection worker waits for the next dial or accept before it ends. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

  private IdleConnectionWorkers() {}

  /** Makes the source's pool let its threads end after {@link #KEEP_ALIVE} without work. */
  static void release(IConnectionSource source) {
    ThreadPoolExecutor pool = pool(source);
    pool.setKeepAliveTime(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    pool.allowCoreThreadTimeOut(true);
  }

  /** Bt's connection pool of {@code source}. */
  static ThreadPoolExecutor pool(IConnectionSource source) {
    Object executor = BtFields.read(source, "connectionExecutor");
    if (executor instanceof ThreadPoolExecutor pool) {
      return pool;
    }
    throw new IllegalStateException(
        "Bt's connection workers are not a ThreadPoolExecutor: " + executor.getClass());
  }
}

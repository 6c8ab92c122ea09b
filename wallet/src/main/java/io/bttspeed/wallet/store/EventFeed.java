package io.bttspeed.wallet.store;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Follows an {@link EventLog} for subscribers: replays a principal's stored events after a start
 * index, then delivers new ones as they commit. Events come only from the database in index order,
 * so a resumed feed has neither gaps nor duplicates. One thread per subscriber; commits, and a
 * subscriber becoming ready, wake them.
 */
public final class EventFeed<E> implements AutoCloseable {

  /**
   * Where a feed delivers: events while ready, then exactly one of end or error, unless it is
   * cancelled.
   */
  public interface Sink<E> {
    boolean cancelled();

    /**
     * Whether the subscriber can take another event now (flow control); the feed waits until it
     * can.
     */
    boolean ready();

    void event(E event);

    void end();

    void error(RuntimeException e);
  }

  private static final int BATCH = 500;
  private static final long IDLE_WAIT_MS = 1_000;

  private final EventLog<E> log;
  private final ToLongFunction<E> indexOf;
  private final ExecutorService executor;
  private final Object signal = new Object();
  private final Runnable listener = this::wake;
  private long version;
  private boolean closed;

  /**
   * @param threadName prefix of the subscriber threads' names
   * @param indexOf an event's index in the log
   */
  public EventFeed(String threadName, EventLog<E> log, ToLongFunction<E> indexOf) {
    this.log = log;
    this.indexOf = indexOf;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    log.commits().add(listener);
  }

  public void subscribe(String principalId, long startIndex, Sink<E> sink) {
    executor.execute(() -> pump(principalId, startIndex, sink));
  }

  /**
   * Wakes every subscriber to look again: after a commit, or when a subscriber became ready or
   * cancelled.
   */
  public void wake() {
    synchronized (signal) {
      version++;
      signal.notifyAll();
    }
  }

  /**
   * Waits while the subscriber cannot take more, so a slow reader holds back its feed instead of
   * filling the server's memory. False when the feed should end.
   */
  private boolean awaitReady(Sink<E> sink) throws InterruptedException {
    synchronized (signal) {
      while (!sink.ready() && !sink.cancelled() && !closed) {
        signal.wait(IDLE_WAIT_MS);
      }
      return !sink.cancelled() && !closed;
    }
  }

  private void pump(String principalId, long startIndex, Sink<E> sink) {
    long cursor = startIndex;
    try {
      pumping:
      while (!sink.cancelled()) {
        long seen;
        synchronized (signal) {
          if (closed) {
            break;
          }
          seen = version;
        }
        List<E> events = log.events(principalId, cursor, BATCH);
        for (E event : events) {
          if (!awaitReady(sink)) {
            break pumping;
          }
          sink.event(event);
          cursor = indexOf.applyAsLong(event);
        }
        if (events.size() < BATCH) {
          synchronized (signal) {
            if (version == seen && !closed) {
              signal.wait(IDLE_WAIT_MS);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!sink.cancelled()) {
        sink.error(e);
      }
      return;
    }
    if (!sink.cancelled()) {
      sink.end();
    }
  }

  /**
   * Wakes and ends every feed without interrupts: an interrupt inside H2 file I/O closes the
   * database.
   */
  @Override
  public void close() {
    log.commits().remove(listener);
    synchronized (signal) {
      closed = true;
      signal.notifyAll();
    }
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

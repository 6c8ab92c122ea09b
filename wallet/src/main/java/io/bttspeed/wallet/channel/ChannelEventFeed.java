package io.bttspeed.wallet.channel;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows a principal's channel event log for a subscriber: replays the stored events after the
 * start index, then delivers new ones as they commit. Events come only from the database in index
 * order, so a resumed feed has neither gaps nor duplicates. One thread per subscriber; commits wake
 * them.
 */
public final class ChannelEventFeed implements AutoCloseable {

  /** Where a feed delivers: events, then exactly one of end or error, unless it is cancelled. */
  public interface Sink {
    boolean cancelled();

    void event(ChannelStore.Event event);

    void end();

    void error(RuntimeException e);
  }

  private static final int BATCH = 500;
  private static final long IDLE_WAIT_MS = 1_000;

  private final ChannelStore store;
  private final ExecutorService executor;
  private final Object signal = new Object();
  private final Runnable listener = this::wake;
  private long version;
  private boolean closed;

  public ChannelEventFeed(ChannelStore store) {
    this.store = store;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "channel-events-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    store.addListener(listener);
  }

  public void subscribe(String principalId, long startIndex, Sink sink) {
    executor.execute(() -> pump(principalId, startIndex, sink));
  }

  private void pump(String principalId, long startIndex, Sink sink) {
    long cursor = startIndex;
    try {
      while (!sink.cancelled()) {
        long seen;
        synchronized (signal) {
          if (closed) {
            break;
          }
          seen = version;
        }
        List<ChannelStore.Event> events = store.events(principalId, cursor, BATCH);
        for (ChannelStore.Event e : events) {
          sink.event(e);
          cursor = e.index();
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

  private void wake() {
    synchronized (signal) {
      version++;
      signal.notifyAll();
    }
  }

  /**
   * Ends every feed by waking it, without interrupts: an interrupt inside H2 file I/O closes the
   * database.
   */
  @Override
  public void close() {
    store.removeListener(listener);
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

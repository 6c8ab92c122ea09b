package io.bttspeed.wallet.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tells whoever follows an {@link EventLog} (its feeds) that new events were committed. */
public final class CommitSignal {

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * The listener is run after every commit of events, on the committing thread: it must not block.
   */
  public void add(Runnable listener) {
    listeners.add(listener);
  }

  public void remove(Runnable listener) {
    listeners.remove(listener);
  }

  /** Called by the log after a commit that added events. */
  public void fire() {
    listeners.forEach(Runnable::run);
  }
}

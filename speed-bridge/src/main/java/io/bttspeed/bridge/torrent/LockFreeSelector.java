package io.bttspeed.bridge.torrent;

import bt.net.SharedSelector;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;

/**
 * Bt's shared selector without its registration lock. Bt 1.10 makes a registering thread spin on
 * {@code tryLock} while the receiving thread holds the lock across {@code select}; on one CPU the
 * spinner can keep the selecting thread from ever running to release it (a livelock seen as stalled
 * transfers under {@code taskset -c 0}). Since Java 11, {@link SelectableChannel#register} no
 * longer blocks while a selection is in progress, so the lock is not needed: register, then wake
 * the selector so the new key takes part in the next selection.
 */
final class LockFreeSelector extends SharedSelector {
  private final Selector delegate;

  LockFreeSelector(Selector delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  public int selectNow() throws IOException {
    return delegate.selectNow();
  }

  @Override
  public int select(long timeout) throws IOException {
    return delegate.select(timeout);
  }

  @Override
  public int select() throws IOException {
    return delegate.select();
  }

  /** Every registered channel with its interest and ready sets, for diagnosing a stuck transfer. */
  String describe() {
    StringBuilder out = new StringBuilder();
    for (java.nio.channels.SelectionKey key : delegate.keys()) {
      out.append("\n  ").append(key.channel());
      if (key.isValid()) {
        out.append(" interest=")
            .append(key.interestOps())
            .append(" ready=")
            .append(key.readyOps())
            .append(delegate.selectedKeys().contains(key) ? " SELECTED" : "");
      } else {
        out.append(" cancelled");
      }
    }
    return out.toString();
  }

  @Override
  public void wakeupAndRegister(SelectableChannel channel, int ops, Object attachment) {
    try {
      channel.register(delegate, ops, attachment);
    } catch (ClosedChannelException e) {
      throw new IllegalStateException("the peer's channel closed before it could be registered", e);
    }
    delegate.wakeup();
  }
}

package io.bttspeed.bridge.mse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A peer's socket while its handshake is read: every wait ends at one deadline for the whole
 * handshake, and what is read is held in a buffer of fixed capacity, so a peer can neither hold a
 * worker past the deadline nor make us buffer more than a handshake's worth. Bytes read past the
 * handshake are not lost: {@link #unread()} hands them on to the BitTorrent stream.
 *
 * <p>The socket is switched to non-blocking mode and waited on with a selector of its own, closed
 * with this object; the socket itself stays open.
 */
final class HandshakeChannel implements AutoCloseable {
  private final SocketChannel socket;
  private final Selector selector;
  private final SelectionKey key;
  private final long deadlineNanos;
  private final ByteBuffer buffer;
  private int consumed;

  HandshakeChannel(SocketChannel socket, Duration timeout, int capacity) throws IOException {
    this.socket = socket;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    this.buffer = ByteBuffer.allocate(capacity);
    socket.configureBlocking(false);
    this.selector = Selector.open();
    try {
      this.key = socket.register(selector, 0);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
  }

  /** Bytes received and not yet taken. */
  int available() {
    return buffer.position() - consumed;
  }

  /** Waits until {@code count} bytes are available (without taking them). */
  void require(int count) throws IOException {
    if (consumed + count > buffer.capacity()) {
      throw new IllegalStateException("a handshake step larger than the handshake buffer");
    }
    while (available() < count) {
      readSome();
    }
  }

  /** The next {@code count} bytes, once they are there. */
  byte[] take(int count) throws IOException {
    require(count);
    byte[] out = Arrays.copyOfRange(buffer.array(), consumed, consumed + count);
    consumed += count;
    return out;
  }

  /** Looks at the next {@code count} bytes without taking them. */
  byte[] peek(int count) throws IOException {
    require(count);
    return Arrays.copyOfRange(buffer.array(), consumed, consumed + count);
  }

  /**
   * Takes everything up to and including {@code pattern}, which must begin within {@code maxSkip}
   * bytes; a peer whose bytes hold no such pattern there is refused as soon as they are all in.
   */
  void skipPast(byte[] pattern, int maxSkip, String what) throws IOException {
    int searched = 0; // start offsets (relative to consumed) already ruled out
    while (true) {
      int lastStart = Math.min(maxSkip, available() - pattern.length);
      for (int start = searched; start <= lastStart; start++) {
        if (Arrays.equals(
            buffer.array(),
            consumed + start,
            consumed + start + pattern.length,
            pattern,
            0,
            pattern.length)) {
          consumed += start + pattern.length;
          return;
        }
      }
      searched = Math.max(searched, lastStart + 1);
      if (searched > maxSkip) {
        throw new HandshakeRefused("no " + what + " within " + maxSkip + " bytes");
      }
      require(available() + 1);
    }
  }

  /**
   * Reads exactly {@code count} more bytes, past the buffer's capacity if need be, without reading
   * a byte beyond them.
   */
  byte[] takeExactly(int count) throws IOException {
    byte[] out = new byte[count];
    int fromBuffer = Math.min(count, available());
    System.arraycopy(buffer.array(), consumed, out, 0, fromBuffer);
    consumed += fromBuffer;
    ByteBuffer rest = ByteBuffer.wrap(out, fromBuffer, count - fromBuffer);
    while (rest.hasRemaining()) {
      read(rest);
    }
    return out;
  }

  /** Bytes received and not taken: the start of what follows the handshake. */
  byte[] unread() {
    byte[] out = Arrays.copyOfRange(buffer.array(), consumed, buffer.position());
    consumed = buffer.position();
    return out;
  }

  void write(byte[] bytes) throws IOException {
    ByteBuffer out = ByteBuffer.wrap(bytes);
    while (out.hasRemaining()) {
      if (socket.write(out) == 0) {
        await(SelectionKey.OP_WRITE);
      }
    }
  }

  private void readSome() throws IOException {
    if (!buffer.hasRemaining()) {
      throw new IllegalStateException("the handshake buffer is full");
    }
    read(buffer);
  }

  private void read(ByteBuffer into) throws IOException {
    while (true) {
      int n = socket.read(into);
      if (n > 0) {
        return;
      }
      if (n < 0) {
        throw new HandshakeRefused("the peer closed the connection during the handshake");
      }
      await(SelectionKey.OP_READ);
    }
  }

  private void await(int op) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new HandshakeRefused("the handshake was not done by its deadline");
    }
    key.interestOps(op);
    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    selector.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted during a handshake");
    }
  }

  /** Closes the selector, which deregisters the socket; the socket stays open. */
  @Override
  public void close() throws IOException {
    selector.close();
  }
}

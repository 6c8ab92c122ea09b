package io.bttspeed.bridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ordinary peer's process prints: its latest {@code PROGRESS} line and its last few other
 * lines (why it stopped, if it did). Lines are bounded and malformed ones are not progress, so a
 * misbehaving process can neither flood the demo's memory nor make the table misreport.
 */
final class OrdinaryPeerOutput {
  /** Far above a progress line (under 80 bytes); a longer line is cut for the tail. */
  static final int MAX_LINE_BYTES = 200;

  /** Enough for the last frames of a Python traceback. */
  static final int TAIL_LINES = 6;

  private static final Pattern PROGRESS =
      Pattern.compile("PROGRESS (\\d{1,18}) (\\d{1,18}) ([a-z_]{1,40})");

  /**
   * One progress line.
   *
   * @param verifiedBytes bytes of pieces that passed their hash check
   * @param totalBytes the torrent's size
   * @param state libtorrent's name for the torrent's state ({@code downloading}, {@code seeding}…)
   */
  record Report(long verifiedBytes, long totalBytes, String state) {
    boolean complete() {
      return totalBytes > 0 && verifiedBytes == totalBytes && state.equals("seeding");
    }
  }

  private volatile Optional<Report> latest = Optional.empty();
  private volatile boolean ended;
  private final Deque<String> tail = new ArrayDeque<>();

  /** A progress line, or empty for anything else (including done above total). */
  static Optional<Report> parse(String line) {
    Matcher m = PROGRESS.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    long verified = Long.parseLong(m.group(1));
    long total = Long.parseLong(m.group(2));
    return verified > total
        ? Optional.empty()
        : Optional.of(new Report(verified, total, m.group(3)));
  }

  /** Reads {@code in} to its end; blocks, so a thread of its own calls it. */
  void read(InputStream in) {
    byte[] line = new byte[MAX_LINE_BYTES];
    int length = 0;
    boolean cut = false;
    try {
      for (int b = in.read(); b != -1; b = in.read()) {
        if (b == '\n') {
          accept(new String(line, 0, length, StandardCharsets.UTF_8), cut);
          length = 0;
          cut = false;
        } else if (length < line.length) {
          line[length++] = (byte) b;
        } else {
          cut = true;
        }
      }
      if (length > 0) {
        accept(new String(line, 0, length, StandardCharsets.UTF_8), cut);
      }
    } catch (IOException e) {
      remember("(output ended: " + e.getMessage() + ")");
    } finally {
      ended = true;
    }
  }

  /** The last progress line read. */
  Optional<Report> latest() {
    return latest;
  }

  /** Whether the output reached its end: every line the process printed has been read. */
  boolean ended() {
    return ended;
  }

  /** The last few lines that were not progress, oldest first. */
  List<String> tail() {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  private void accept(String line, boolean cut) {
    Optional<Report> report = cut ? Optional.empty() : parse(line.strip());
    if (report.isPresent()) {
      latest = report;
    } else if (!line.isBlank()) {
      remember(cut ? line + "..." : line);
    }
  }

  private void remember(String line) {
    synchronized (tail) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(line);
    }
  }
}

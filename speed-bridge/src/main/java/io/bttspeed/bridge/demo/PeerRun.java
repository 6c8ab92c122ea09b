package io.bttspeed.bridge.demo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One leecher through the demo: its progress over time (for the chart), its latest rate, slot and
 * payment (for the table), and when it finished. Written by the one thread that samples the swarm.
 */
public final class PeerRun {
  /**
   * One point of the progress chart.
   *
   * @param seconds since the leechers were given the torrent
   * @param verifiedBytes bytes of verified pieces
   */
  public record Sample(double seconds, long verifiedBytes) {}

  private final String name;
  private final Role role;
  private final List<Sample> samples = new ArrayList<>();
  private long bytesPerSecond;
  private boolean paidSlot;
  private BigInteger paidBaseUnits = BigInteger.ZERO;
  private Optional<Double> finishedAfter = Optional.empty();
  private Optional<String> stopped = Optional.empty();

  PeerRun(String name, Role role) {
    this.name = name;
    this.role = role;
  }

  public String name() {
    return name;
  }

  public Role role() {
    return role;
  }

  /** Its progress, oldest first. */
  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** Whether it held one of the seeder's paid slots at the last sample. */
  public boolean paidSlot() {
    return paidSlot;
  }

  /** Vouchers it signed to the seeder, base units of TRC-20 BTT. */
  public BigInteger paidBaseUnits() {
    return paidBaseUnits;
  }

  /** Seconds from the start until every piece was verified; empty while downloading. */
  public Optional<Double> finishedAfter() {
    return finishedAfter;
  }

  /** Why it gave up without the file; empty if it did not. */
  public Optional<String> stopped() {
    return stopped;
  }

  /** Verified bytes at the last sample. */
  public long verifiedBytes() {
    return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).verifiedBytes();
  }

  void record(Sample sample, long rate, boolean paid, BigInteger paidUnits, boolean complete) {
    samples.add(sample);
    bytesPerSecond = rate;
    paidSlot = paid;
    paidBaseUnits = paidUnits;
    if (complete && finishedAfter.isEmpty()) {
      finishedAfter = Optional.of(sample.seconds());
    }
  }

  void stop(String why) {
    stopped = Optional.of(why);
  }

  void paid(BigInteger units) {
    paidBaseUnits = units;
  }
}

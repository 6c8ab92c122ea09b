package io.bttspeed.bridge.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * This JVM's heap, live threads and open file descriptors, sampled at an interval during a run with
 * the wallet's voucher count beside them, and whether each resource stayed flat. Every daemon, the
 * wallet service and its devnet run in this JVM, so a leak in any of them shows here.
 */
final class ResourceSamples {
  /**
   * Samples left out of the verdicts: at the first ones the daemons are still warming up (thread
   * pools growing to their working size, the JIT's code, H2's caches filling), which is not a leak.
   */
  static final int WARM_UP = 2;

  /** Samples a verdict needs after the warm-up: a first and a last third of at least one each. */
  static final int JUDGED = 3;

  /**
   * Heap after a full GC may grow by a fifth from the first third's median to the last's before it
   * counts as growing. What is live at an instant includes the pieces and blocks in flight, the
   * connections' buffers and the vouchers being stored, which come and go with the downloads, and
   * the daemons' H2 caches and the JIT warm up for minutes (10 leechers: 100 to 118 MiB in the
   * first 150 s, then within 1 %). A fifth of the 60 to 120 MiB these swarms hold is 12 to 24 MiB:
   * between the thirds of a 30-minute soak (20 minutes, some 7,000 vouchers and 1,000 downloads) a
   * leak of 2 KiB per voucher or 15 KiB per download passes it.
   */
  static final double HEAP_TOLERANCE = 0.20;

  /**
   * Threads are judged at rest, not while the swarm works: the count follows how busy the swarm is
   * (Bt runs a thread per seeding torrent and per connection being made), and the full 10-minute
   * load phase, whose voucher rate doubled as the JIT warmed, had its median rise 9 % and fall back
   * at the end. So the count between a first round of downloads and the phase (each daemon starts
   * some bounded pools on first use and keeps them) is compared with the count once the last
   * download has ended and been removed: within {@link #REST_WAIT} it must be back within 5 %. A
   * thread left behind per download or per connection never comes back, and 5 % of these swarms'
   * 100 to 900 resting threads is far fewer than the downloads a phase makes.
   */
  static final double THREADS_TOLERANCE = 0.05;

  /**
   * How long the threads may take to come to rest after the last download: Bt's connection workers
   * end after 30 s idle (IdleConnectionWorkers), and a removed torrent's threads within seconds.
   */
  static final Duration REST_WAIT = Duration.ofSeconds(90);

  /** Bt's connection workers, as {@link ResourceKinds} names them; they end after 30 s idle. */
  private static final String CONNECTION_WORKERS = "N.bt.net.pool.connection-worker-N";

  /**
   * File descriptors are judged at rest too, for the same reason as threads: while the swarm works
   * the sockets follow how many connections are open (a 6-minute soak whose leechers turned to
   * trading among themselves had its median sockets rise 90 to 124). At rest every torrent is
   * removed, so any socket or file still open then is left behind; one per download or connection
   * passes 5 % within minutes.
   */
  static final double FDS_TOLERANCE = 0.05;

  /**
   * One sample.
   *
   * @param at time since the phase started
   * @param heapBytes heap used right after a full GC that the sample forced
   * @param threads live threads
   * @param fileDescriptors open file descriptors of the process
   * @param vouchers vouchers the wallet accepted since it started
   * @param downloads downloads completed since the phase started
   * @param gc how long the forced GC took (it stops the whole swarm)
   */
  record Sample(
      Duration at,
      long heapBytes,
      int threads,
      long fileDescriptors,
      long vouchers,
      long downloads,
      Duration gc) {}

  /**
   * Whether a resource stayed flat: the {@code statistic} of the last third of the judged samples
   * (their median), or of the swarm at rest after the downloads, at most {@code tolerance} above
   * the first third's, or the resting count before them. Falling is flat.
   *
   * @param grew when it rose at all (flat by the rule or not), the kinds that grew most from the
   *     first judged sample to the last (the heap's classes: to the end of the run); else empty
   */
  record Verdict(
      String resource,
      String statistic,
      double first,
      double last,
      double tolerance,
      String unit,
      String grew) {
    boolean flat() {
      return last <= first * (1 + tolerance);
    }

    /** The same verdict, naming what grew most. */
    Verdict withGrew(String what) {
      return new Verdict(resource, statistic, first, last, tolerance, unit, what);
    }

    @Override
    public String toString() {
      boolean atRest = statistic.equals(AT_REST);
      return String.format(
          Locale.ROOT,
          "%-8s %s: %s %s%s %s, %s%s %s (%+.1f %%; tolerance +%.0f %%)%s",
          resource,
          flat() ? "flat" : "GROWING",
          statistic,
          figure(first),
          unit,
          atRest ? "before the downloads" : "in the first third",
          figure(last),
          unit,
          atRest ? "after them" : "in the last",
          first == 0 ? 0 : (last - first) * 100 / first,
          tolerance * 100,
          grew.isEmpty() ? "" : "; grown most: " + grew);
    }

    private String figure(double value) {
      return unit.isEmpty()
          ? String.format(Locale.ROOT, "%.0f", value)
          : String.format(Locale.ROOT, "%.1f", value);
    }
  }

  private static final String AT_REST = "at rest";

  /** Threads and file descriptors at an instant, with their kinds. */
  private record Counts(
      int threads, Map<String, Long> threadKinds, long fds, Map<String, Long> fdKinds) {
    static Counts now() {
      return new Counts(
          ManagementFactory.getThreadMXBean().getThreadCount(),
          ResourceKinds.threads(),
          openFileDescriptors(),
          ResourceKinds.fileDescriptors());
    }

    boolean backTo(Counts rest) {
      return threads <= rest.threads * (1 + THREADS_TOLERANCE)
          && fds <= rest.fds * (1 + FDS_TOLERANCE);
    }
  }

  private final String phase;
  private final List<Sample> samples = new ArrayList<>();
  private Counts atRest;
  private Verdict threadsVerdict;
  private Verdict fdsVerdict;
  private Map<String, Long> heapAtFirstJudged = Map.of();

  ResourceSamples(String phase) {
    this.phase = phase;
  }

  /** Forces a full GC, reads the JVM's figures, prints them as one line and keeps them. */
  Sample take(Duration at, long vouchers, long downloads) {
    long gcStart = System.nanoTime();
    System.gc();
    long gcNanos = System.nanoTime() - gcStart;
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    long fds = openFileDescriptors();
    if (samples.size() == WARM_UP) {
      // What the heap holds by class at the first judged sample, for a GROWING verdict to say
      // which classes grew; after the figures, as it runs a GC of its own, counted with the first.
      long histogramStart = System.nanoTime();
      heapAtFirstJudged = ResourceKinds.heapByClass();
      gcNanos += System.nanoTime() - histogramStart;
    }
    Duration gc = Duration.ofNanos(gcNanos);
    Sample s = new Sample(at, heap, threads, fds, vouchers, downloads, gc);
    Sample previous = samples.isEmpty() ? null : samples.get(samples.size() - 1);
    samples.add(s);
    double perSecond =
        previous == null
            ? 0
            : (vouchers - previous.vouchers())
                * 1000.0
                / Math.max(1, at.minus(previous.at()).toMillis());
    System.out.printf(
        Locale.ROOT,
        "%s t=%5d s  heap %7.1f MiB  threads %5d  fds %5d  vouchers %7d (%6.1f/s)  downloads %5d"
            + "  gc %4d ms%n",
        phase,
        at.toSeconds(),
        heap / 1048576.0,
        threads,
        fds,
        vouchers,
        perSecond,
        downloads,
        gc.toMillis());
    return s;
  }

  /**
   * The swarm is between downloads, a first round drained: the resting counts threads and file
   * descriptors come back to. Waits (at most {@link #REST_WAIT}) for Bt's connection workers of
   * that round to end when idle, or they would raise the baseline.
   */
  void atRestBefore() {
    long deadline = System.nanoTime() + REST_WAIT.toNanos();
    while (ResourceKinds.threads().containsKey(CONNECTION_WORKERS)
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
    atRest = Counts.now();
    System.out.printf(
        Locale.ROOT,
        "%s at rest before the downloads: threads %d, fds %d%n",
        phase,
        atRest.threads(),
        atRest.fds());
  }

  /**
   * Every download has ended and been removed: polls until threads and file descriptors are back
   * within their tolerances of {@link #atRestBefore}, for at most {@link #REST_WAIT}, and judges
   * them.
   */
  void atRestAfter() {
    if (atRest == null) {
      throw new IllegalStateException("atRestBefore was not called");
    }
    long deadline = System.nanoTime() + REST_WAIT.toNanos();
    Counts after = Counts.now();
    while (!after.backTo(atRest) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      after = Counts.now();
    }
    System.out.printf(
        Locale.ROOT,
        "%s at rest after the downloads: threads %d, fds %d%n",
        phase,
        after.threads(),
        after.fds());
    threadsVerdict =
        atRestVerdict(
            "threads",
            atRest.threads(),
            after.threads(),
            THREADS_TOLERANCE,
            atRest.threadKinds(),
            after.threadKinds());
    fdsVerdict =
        atRestVerdict(
            "fds", atRest.fds(), after.fds(), FDS_TOLERANCE, atRest.fdKinds(), after.fdKinds());
  }

  private static Verdict atRestVerdict(
      String resource,
      long before,
      long after,
      double tolerance,
      Map<String, Long> kindsBefore,
      Map<String, Long> kindsAfter) {
    Verdict v = new Verdict(resource, AT_REST, before, after, tolerance, "", "");
    return after <= before
        ? v
        : v.withGrew(ResourceKinds.grown(kindsBefore, kindsAfter, 5, Long::toString));
  }

  private static long openFileDescriptors() {
    return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getOpenFileDescriptorCount();
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The samples after the warm-up, from which the verdicts are drawn. */
  List<Sample> judged() {
    return samples.size() <= WARM_UP ? List.of() : samples.subList(WARM_UP, samples.size());
  }

  /** The sample just before the last third: progress after it shows the swarm still works. */
  Sample beforeLastThird() {
    List<Sample> judged = judged();
    return judged.get(judged.size() - third(judged.size()) - 1);
  }

  /** Heap, threads and file descriptors, each judged flat or growing. */
  List<Verdict> verdicts() {
    List<Sample> judged = judged();
    if (judged.size() < JUDGED) {
      throw new IllegalStateException(
          phase
              + ": "
              + judged.size()
              + " samples after the warm-up, a verdict needs "
              + JUDGED
              + ": run longer or sample more often");
    }
    if (threadsVerdict == null) {
      throw new IllegalStateException("atRestAfter was not called");
    }
    return List.of(
        verdict(
            judged,
            "heap",
            s -> s.heapBytes() / 1048576.0,
            HEAP_TOLERANCE,
            " MiB",
            () ->
                ResourceKinds.grown(
                    heapAtFirstJudged,
                    ResourceKinds.heapByClass(),
                    5,
                    bytes -> String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0))),
        threadsVerdict,
        fdsVerdict);
  }

  /** The time the forced GCs stopped the swarm, all samples together. */
  Duration forcedGc() {
    return samples.stream().map(Sample::gc).reduce(Duration.ZERO, Duration::plus);
  }

  private static Verdict verdict(
      List<Sample> judged,
      String resource,
      ToDoubleFunction<Sample> figure,
      double tolerance,
      String unit,
      Supplier<String> grew) {
    int third = third(judged.size());
    List<Sample> firstThird = judged.subList(0, third);
    List<Sample> lastThird = judged.subList(judged.size() - third, judged.size());
    Verdict v =
        new Verdict(
            resource,
            "median",
            median(firstThird, figure),
            median(lastThird, figure),
            tolerance,
            unit,
            "");
    // What grew is looked for only when something did (for the heap it costs a full GC), also
    // within the tolerance: a heap rising throughout a run is worth attributing before it fails.
    return v.last() <= v.first() ? v : v.withGrew(grew.get());
  }

  private static int third(int n) {
    return Math.max(1, n / 3);
  }

  private static double median(List<Sample> samples, ToDoubleFunction<Sample> figure) {
    double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}

package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issue #12's idle cost of seeding 100 torrents: CPU (target below 2 % of one core) and RSS (target
 * below 300 MiB).
 *
 * <p>Writes 100 files of 1 MiB (seeded pseudo-random content) to a temporary directory, starts
 * {@link IdleSeedingNode} in a child JVM with a fixed heap (so Maven's JVM is not measured), waits
 * for it to report every torrent seeding, lets it settle for 10 s, then samples the child's CPU
 * time ({@code utime + stime} of {@code /proc/<pid>/stat}) and {@code VmRSS} every second for 60 s.
 * Nothing connects to it: this is the cost of holding 100 torrents with no peers. It prints the CPU
 * of the window as a share of one core, RSS at the end and at most, the thread count and where the
 * CPU went: each thread's time on a CPU and timeslices ({@code /proc/<pid>/task/<tid>/schedstat}),
 * named by its {@code comm} (which Linux cuts to 15 characters). The child is killed and the
 * directory deleted at the end. Linux only; about 1.5 minutes.
 *
 * <p>{@code mvn -q -pl speed-bridge exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.bttspeed.bridge.bench.IdleSeedingBenchmark -Dexec.args="manager"} ({@code
 * manager}: the daemon's torrent path, a TorrentManager over its H2 store; {@code engine}: the bare
 * engine; an optional second argument overrides the engine's processing interval, in ms; {@code
 * -Dbench.heap=default} drops the child's -Xmx256m).
 */
public final class IdleSeedingBenchmark {
  private static final int TORRENTS = 100;
  private static final int FILE_BYTES = 1 << 20;

  /**
   * The child's heap flag; {@code -Dbench.heap=default} runs it with the JVM's default heap
   * instead.
   */
  private static final String HEAP = System.getProperty("bench.heap", "-Xmx256m");

  private static final Duration READY_LIMIT = Duration.ofSeconds(120);
  private static final long SETTLE_MS = 10_000;
  private static final int WINDOW_SECONDS = 60;
  private static final long CPU_TARGET_BASIS_POINTS = 200;
  private static final long RSS_TARGET_KIB = 300 * 1024;
  private static final int HOTTEST_THREADS = 12;

  private IdleSeedingBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "manager";
    if (!mode.equals("manager") && !mode.equals("engine")) {
      throw new IllegalArgumentException(
          "usage: IdleSeedingBenchmark [manager|engine] [processing interval ms]");
    }
    Path dir = Files.createTempDirectory("idle-seeding-bench");
    try {
      Path content = dir.resolve("content");
      for (int i = 0; i < TORRENTS; i++) {
        TestFiles.random(
            content.resolve(String.format(Locale.ROOT, "file-%03d.bin", i)), FILE_BYTES, 1000 + i);
      }
      List<String> command = new ArrayList<>(List.of(javaCommand()));
      if (!HEAP.equals("default")) {
        command.add(HEAP);
      }
      command.addAll(
          List.of(
              "-cp",
              classPath(),
              IdleSeedingNode.class.getName(),
              content.toString(),
              dir.resolve("data").toString(),
              mode));
      if (args.length > 1) {
        command.add(Long.toString(Long.parseLong(args[1])));
      }
      System.out.printf(
          Locale.ROOT,
          "%d torrents of %d MiB each, mode %s, child heap %s, %d cores, load %s%n",
          TORRENTS,
          FILE_BYTES >> 20,
          mode,
          HEAP,
          Runtime.getRuntime().availableProcessors(),
          loadAverage());
      // The node reads its standard input, which the process holds open, until it is killed on
      // close.
      try (ExternalProcess node = new ExternalProcess("the seeding node", command, dir)) {
        node.awaitLine("READY ", READY_LIMIT);
        for (String prefix : List.of("JAVA ", "ENGINE ", "READY ")) {
          node.lineAfter(prefix).ifPresent(line -> System.out.println("child: " + prefix + line));
        }
        Thread.sleep(SETTLE_MS);
        measure(Long.parseLong(node.lineAfter("PID ").orElseThrow().trim()));
      }
    } finally {
      deleteRecursively(dir);
    }
    System.exit(0);
  }

  private static void measure(long pid) throws Exception {
    long ticksPerSecond = clockTicksPerSecond();
    Map<Long, ThreadSample> threadsBefore = threads(pid);
    long ticksBefore = processTicks(pid);
    long startNanos = System.nanoTime();
    long maxRss = rssKib(pid);
    List<Long> perSecondTicks = new ArrayList<>();
    long last = ticksBefore;
    for (int second = 1; second <= WINDOW_SECONDS; second++) {
      Thread.sleep(
          Math.max(0, startNanos / 1_000_000 + second * 1000L - System.nanoTime() / 1_000_000));
      long now = processTicks(pid);
      perSecondTicks.add(now - last);
      last = now;
      maxRss = Math.max(maxRss, rssKib(pid));
    }
    long elapsedNanos = System.nanoTime() - startNanos;
    long ticks = processTicks(pid) - ticksBefore;
    Map<Long, ThreadSample> threadsAfter = threads(pid);
    long rssEnd = rssKib(pid);
    maxRss = Math.max(maxRss, rssEnd);
    String threadCount = statusField(pid, "Threads:");

    // Basis points of one core: ticks / (ticks per second × seconds) × 10,000, in integers.
    long basisPoints = ticks * 10_000L * 1_000_000_000L / (ticksPerSecond * elapsedNanos);
    System.out.printf(
        Locale.ROOT,
        "window %d.%03d s, %d ticks at %d/s, load %s%n",
        elapsedNanos / 1_000_000_000L,
        elapsedNanos / 1_000_000 % 1000,
        ticks,
        ticksPerSecond,
        loadAverage());
    System.out.printf(
        Locale.ROOT,
        "CPU          %s %% of one core   (target < 2 %%: %s)%n",
        percent(basisPoints),
        basisPoints < CPU_TARGET_BASIS_POINTS ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "RSS at end   %s MiB   (target < 300 MiB: %s)%n",
        mib(rssEnd),
        rssEnd < RSS_TARGET_KIB ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "RSS max      %s MiB   (%s)%n",
        mib(maxRss),
        maxRss < RSS_TARGET_KIB ? "met" : "MISSED");
    System.out.printf(Locale.ROOT, "threads      %s, heap %s%n", threadCount, HEAP);
    System.out.println(
        "ticks/s      "
            + perSecondTicks.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    hottestThreads(threadsBefore, threadsAfter, elapsedNanos);
  }

  /**
   * Per thread from {@code schedstat} (nanoseconds on a CPU and timeslices run): a thread's {@code
   * stat} ticks are rounded down one by one, which for 100 threads of a tick or two each hides most
   * of what they use.
   */
  private static void hottestThreads(
      Map<Long, ThreadSample> before, Map<Long, ThreadSample> after, long elapsedNanos) {
    record Used(String name, long nanos, long slices, int threads) {}
    List<Used> each = new ArrayList<>();
    Map<String, Used> byName = new HashMap<>();
    long total = 0;
    for (ThreadSample end : after.values()) {
      ThreadSample start =
          before.getOrDefault(end.tid(), new ThreadSample(end.tid(), end.comm(), 0, 0));
      long nanos = end.cpuNanos() - start.cpuNanos();
      long slices = end.slices() - start.slices();
      total += nanos;
      each.add(new Used(end.comm() + " (" + end.tid() + ")", nanos, slices, 1));
      // Threads of one pool differ only in their numbers, which comm's 15 characters may cut:
      // summed as one.
      String pool = end.comm().replaceAll("[0-9]+", "#").replaceAll("[-#]+$", "");
      byName.merge(
          pool,
          new Used(pool, nanos, slices, 1),
          (a, b) ->
              new Used(
                  a.name(),
                  a.nanos() + b.nanos(),
                  a.slices() + b.slices(),
                  a.threads() + b.threads()));
    }
    long seconds = Math.max(1, elapsedNanos / 1_000_000_000L);
    System.out.printf(
        Locale.ROOT,
        "threads alive at the end used %s %% of one core in the window%n",
        percent(total * 10_000L / elapsedNanos));
    Comparator<Used> hottest = Comparator.comparingLong(Used::nanos).reversed();
    System.out.println("hottest threads (% of one core, timeslices per second):");
    each.stream()
        .sorted(hottest)
        .limit(HOTTEST_THREADS)
        .forEach(
            u ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-28s %6s %%  %6d/s%n",
                    u.name(),
                    percent(u.nanos() * 10_000L / elapsedNanos),
                    u.slices() / seconds));
    System.out.println(
        "by thread name, numbers as # (threads, % of one core, timeslices per second):");
    byName.values().stream()
        .sorted(hottest)
        .forEach(
            u ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-22s ×%-4d %6s %%  %6d/s%n",
                    u.name(),
                    u.threads(),
                    percent(u.nanos() * 10_000L / elapsedNanos),
                    u.slices() / seconds));
  }

  private record ThreadSample(long tid, String comm, long cpuNanos, long slices) {}

  private static Map<Long, ThreadSample> threads(long pid) throws IOException {
    Map<Long, ThreadSample> samples = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String comm = Files.readString(task.resolve("comm")).trim();
          String[] schedstat = Files.readString(task.resolve("schedstat")).trim().split(" ");
          long tid = Long.parseLong(task.getFileName().toString());
          samples.put(
              tid,
              new ThreadSample(
                  tid, comm, Long.parseLong(schedstat[0]), Long.parseLong(schedstat[2])));
        } catch (NoSuchFileException e) {
          // The thread ended between the listing and the read.
        }
      }
    }
    return samples;
  }

  /**
   * utime + stime of a {@code stat} line: fields 14 and 15, counted after the command in
   * parentheses.
   */
  private static long ticksOf(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long processTicks(long pid) throws IOException {
    return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
  }

  private static long rssKib(long pid) throws IOException {
    String value = statusField(pid, "VmRSS:");
    return Long.parseLong(value.replace("kB", "").trim());
  }

  private static String statusField(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field)) {
        return line.substring(field.length()).trim();
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out =
          new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (getconf.waitFor() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // Linux's USER_HZ is 100 on every common configuration.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }

  private static String loadAverage() throws IOException {
    String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
    return parts[0] + " " + parts[1] + " " + parts[2];
  }

  private static String percent(long basisPoints) {
    return String.format(Locale.ROOT, "%d.%02d", basisPoints / 100, basisPoints % 100);
  }

  private static String mib(long kib) {
    long tenths = kib * 10 / 1024;
    return String.format(Locale.ROOT, "%d.%d", tenths / 10, tenths % 10);
  }

  private static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this benchmark"));
  }

  /**
   * The test class path. Under {@code exec:java}, {@code java.class.path} is Maven's launcher and
   * the project's classes come from the class loader exec:java made, so its URLs are used when the
   * property lacks this class.
   */
  private static String classPath() throws URISyntaxException {
    String property = System.getProperty("java.class.path");
    String here =
        Path.of(
                IdleSeedingBenchmark.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString();
    if (List.of(property.split(java.io.File.pathSeparator)).contains(here)) {
      return property;
    }
    if (!(IdleSeedingBenchmark.class.getClassLoader() instanceof URLClassLoader loader)) {
      throw new IllegalStateException("cannot tell the class path: " + property);
    }
    List<String> entries = new ArrayList<>();
    for (URL url : loader.getURLs()) {
      entries.add(Path.of(url.toURI()).toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

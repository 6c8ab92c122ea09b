package io.bttspeed.bridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * This JVM's threads, open file descriptors and heap counted by kind, so that a GROWING verdict
 * says what grew: threads by name, descriptors by what they point at ({@code socket}, {@code pipe},
 * a file's path), the heap by class. Every run of digits in a name is written {@code N} (ports,
 * pool and thread numbers, daemon names), so one kind is one line however many daemons run.
 */
final class ResourceKinds {
  private ResourceKinds() {}

  static Map<String, Long> threads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int n = root.enumerate(threads, true);
    Map<String, Long> kinds = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      kinds.merge(kind(threads[i].getName()), 1L, Long::sum);
    }
    return kinds;
  }

  /** Empty where the system has no {@code /proc/self/fd} (not Linux). */
  static Map<String, Long> fileDescriptors() {
    Map<String, Long> kinds = new TreeMap<>();
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return kinds;
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(fds)) {
      entries = list.collect(Collectors.toList());
    } catch (IOException e) {
      return kinds;
    }
    for (Path fd : entries) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        // socket:[1234], pipe:[1234], anon_inode:[eventpoll]: the kind is before the inode.
        kinds.merge(kind(target.replaceFirst(":\\[\\d+]$", "")), 1L, Long::sum);
      } catch (IOException closedMeanwhile) {
        // The listing's own descriptor, or one closed since the listing: not held.
      }
    }
    return kinds;
  }

  /**
   * Bytes of live objects by class, from the JVM's class histogram (the {@code GC.class_histogram}
   * diagnostic command, which runs a full GC first); empty where the JVM does not offer it.
   */
  static Map<String, Long> heapByClass() {
    Map<String, Long> kinds = new TreeMap<>();
    String histogram;
    try {
      histogram =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {null},
                      new String[] {String[].class.getName()});
    } catch (JMException e) {
      return kinds;
    }
    // "   1:   123456   7890123  [B (java.base@17.0.15)": rank, instances, bytes, class.
    for (String line : histogram.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        kinds.merge(kind(f[3]), Long.parseLong(f[2]), Long::sum);
      }
    }
    return kinds;
  }

  /**
   * The {@code top} kinds that grew most from {@code before} to {@code after}, each as {@code kind
   * +grown (before -> after)} with {@code format} writing the amounts.
   */
  static String grown(
      Map<String, Long> before, Map<String, Long> after, int top, LongFunction<String> format) {
    List<String> lines =
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(top)
            .map(
                e ->
                    e.getKey()
                        + " +"
                        + format.apply(e.getValue())
                        + " ("
                        + format.apply(before.getOrDefault(e.getKey(), 0L))
                        + " -> "
                        + format.apply(after.get(e.getKey()))
                        + ")")
            .toList();
    return lines.isEmpty() ? "no kind grew" : String.join("; ", lines);
  }

  private static String kind(String name) {
    return name.replaceAll("\\d+", "N");
  }
}

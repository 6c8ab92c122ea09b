package io.bttspeed.bridge.cli;

import io.bttspeed.bridge.demo.DemoOutcome;
import io.bttspeed.bridge.demo.DemoParameters;
import io.bttspeed.bridge.demo.DemoReport;
import io.bttspeed.bridge.demo.DemoScenario;
import io.bttspeed.bridge.demo.DemoSwarm;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the product's headline on loopback and shows it: a seeder with a capped upload and paid
 * slots, bidders at two prices, non-bidders and an ordinary BitTorrent peer (python3-libtorrent,
 * where installed), one shared wallet service with its devnet; a live table, a chart, a report and
 * the on-chain reconciliation of the seeder's earnings. Then the daemons keep serving, for the CLI,
 * until Ctrl-C.
 */
@Command(
    name = "demo",
    description =
        "Run the headline scenario on 127.0.0.1 (embedded wallet service and devnet): bidders"
            + " buy paid slots from a capped seeder; writes report.md and a chart.")
final class DemoCommand implements Callable<Integer> {
  /** Marks a directory as a demo's, so a second run may clear it and nothing else is cleared. */
  static final String MARKER = ".speed-demo";

  /**
   * Five leechers (the ordinary peer among them) each take the whole file through the seeder's cap:
   * 5 × 24 MiB at 3 MiB/s keeps the downloads near 40 s, the scenario about a minute.
   */
  @Option(
      names = "--size",
      defaultValue = "24MiB",
      description =
          "size of the shared file: bytes, or with KiB, MiB, GiB (default ${DEFAULT-VALUE})")
  String size;

  @Option(
      names = "--cap",
      defaultValue = "3MiB/s",
      description = "the seeder's upload cap, bytes/s or e.g. 3MiB/s (default ${DEFAULT-VALUE})")
  String cap;

  @Option(
      names = "--paid-slots",
      defaultValue = "2",
      description = "the seeder's paid slots (default ${DEFAULT-VALUE})")
  int paidSlots;

  @Option(
      names = "--bidders",
      defaultValue = "2",
      description = "leechers that bid, the first half high (default ${DEFAULT-VALUE})")
  int bidders;

  @Option(
      names = "--plain",
      defaultValue = "2",
      description = "leechers that never pay (default ${DEFAULT-VALUE})")
  int plain;

  @Option(
      names = "--ordinary",
      defaultValue = "1",
      description =
          "1 runs an ordinary BitTorrent peer (a python3-libtorrent leecher that never pays) where"
              + " /usr/bin/python3 has libtorrent, 0 runs none (default ${DEFAULT-VALUE})")
  int ordinary;

  @Option(
      names = "--ask",
      defaultValue = "0.000001",
      description = "the seeder's ask, BTT per MiB (default ${DEFAULT-VALUE}: 10^12 base units)")
  String ask;

  @Option(names = "--bid-high", description = "the high bid, BTT per MiB (default: twice the ask)")
  String bidHigh;

  @Option(names = "--bid-low", description = "the low bid, BTT per MiB (default: the ask)")
  String bidLow;

  @Option(
      names = "--timeout",
      defaultValue = "600",
      description =
          "seconds the downloads may take before the demo gives up (default ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(
      names = "--data-dir",
      defaultValue = "speed-demo-data",
      description =
          "everything the demo writes, cleared at the start if an earlier demo wrote it"
              + " (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(
      names = "--exit-after-report",
      description = "exit after the report instead of serving until Ctrl-C")
  boolean exitAfterReport;

  @Override
  public Integer call() throws InterruptedException {
    BigInteger askUnits = BttAmount.BTT.parse("--ask", ask);
    DemoParameters parameters =
        new DemoParameters(
            ByteSize.parse("--size", size, false),
            ByteSize.parse("--cap", cap, true),
            paidSlots,
            bidders,
            plain,
            ordinary,
            askUnits,
            bidHigh == null
                ? askUnits.multiply(BigInteger.TWO)
                : BttAmount.BTT.parse("--bid-high", bidHigh),
            bidLow == null ? askUnits : BttAmount.BTT.parse("--bid-low", bidLow),
            Duration.ofSeconds(timeoutSeconds));
    Path data = prepare(dataDir.toAbsolutePath().normalize());
    PrintStream out = System.out;
    out.println("speed-bridge demo: data in " + data);
    out.println("starting the wallet service with its devnet (instant blocks) and the daemons");
    DemoSwarm swarm = new DemoSwarm(data.resolve("swarm"));
    // Ctrl-C at any point stops the daemons and the wallet service in order.
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              swarm.close();
              stopped.countDown();
            },
            "speed-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean serving = false;
    try {
      DemoOutcome outcome = new DemoScenario(swarm, parameters, data, out, DemoCommand::btt).run();
      DemoReport report = new DemoReport(outcome, DemoCommand::btt);
      report.print(out);
      Path written = report.write(data);
      out.println("report: " + written);
      out.println(
          "chart: " + data.resolve(DemoReport.PNG) + " and " + data.resolve(DemoReport.SVG));
      int exit = outcome.reconciliation().matches() ? 0 : 1;
      if (exitAfterReport) {
        return exit;
      }
      serving = true;
      printHowToReach(swarm, out);
      stopped.await();
      return exit;
    } finally {
      if (!serving) {
        // Run in-process (tests), the JVM goes on: leave no hook holding the swarm.
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C already started the hook, which closes the swarm.
        }
        swarm.close();
      }
    }
  }

  private static void printHowToReach(DemoSwarm swarm, PrintStream out) {
    out.println();
    out.println("the daemons keep serving; try, until Ctrl-C:");
    for (DemoSwarm.Member m : swarm.members()) {
      out.printf(
          "  %-14s speed-bridge list --server 127.0.0.1:%d --token %s%n",
          m.name(), m.daemon().apiPort(), m.apiToken());
    }
    out.flush();
  }

  private static String btt(BigInteger baseUnits) {
    return BttAmount.BTT.show(baseUnits.toString());
  }

  /**
   * Creates the data directory, or clears one an earlier demo wrote (its torrents and chain would
   * otherwise be mixed with this run's); refuses any other non-empty directory.
   */
  static Path prepare(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
          empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.exists(dir.resolve(MARKER))) {
          throw new IllegalArgumentException(
              "--data-dir " + dir + " is not empty and not an earlier demo's: choose another");
        }
        try (Stream<Path> entries = Files.walk(dir)) {
          for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
            if (!p.equals(dir)) {
              Files.delete(p);
            }
          }
        }
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(MARKER), "written by speed-bridge demo; cleared by the next\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }
}

package io.bttspeed.bridge.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bttspeed.bridge.cli.SpeedBridgeCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code speed-bridge demo} in-process, small, run once for the class: the whole headline (wallet
 * service, devnet, five daemons, the ordinary libtorrent peer where installed, downloads, vouchers,
 * channel closes) must end in a report that reconciles to the base unit, a chart in both formats,
 * and a live table that showed every peer.
 */
class DemoTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path data;
  private static int exit;
  private static String out;
  private static String report;

  @BeforeAll
  @Timeout(240)
  static void runTheDemo() throws IOException {
    data = shared.resolve("demo");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    try {
      exit =
          SpeedBridgeCli.run(
              "demo",
              "--size",
              "8MiB",
              "--cap",
              "1MiB/s",
              "--exit-after-report",
              "--data-dir",
              data.toString());
    } finally {
      System.setOut(original);
    }
    out = captured.toString(StandardCharsets.UTF_8);
    report =
        Files.exists(data.resolve("report.md")) ? Files.readString(data.resolve("report.md")) : "";
  }

  @Test
  void smallDemoReconcilesOnChainAndWritesTheReportAndChart() throws IOException {
    assertEquals(0, exit, out);
    assertTrue(Pattern.compile("(?m)^- MATCH: ").matcher(report).find(), report);
    assertTrue(report.contains("(progress.png)") && report.contains("(progress.svg)"), report);
    byte[] png = Files.readAllBytes(data.resolve("progress.png"));
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    assertTrue(Files.readString(data.resolve("progress.svg")).contains("<svg"));
    for (String peer : List.of("bidder-high", "bidder-low", "plain-1", "plain-2")) {
      assertTrue(
          Pattern.compile("(?m)^\\s+" + peer + "\\s+.*%").matcher(out).find(),
          "the live table shows " + peer + ":\n" + out);
      assertTrue(report.contains("| " + peer + " |"), report);
    }
    assertTrue(out.contains("MATCH: "), out);
  }

  /**
   * The libtorrent leecher gets the whole file from the seeder, shows in the table, the summary,
   * the report and the chart as ordinary, pays nothing (the reconciliation above still matches),
   * and is gone once the demo returns.
   */
  @Test
  void theOrdinaryPeerDownloadsTheFileWithoutPayingAndIsReported() throws IOException {
    assumeTrue(Libtorrent.unavailable().isEmpty(), () -> Libtorrent.unavailable().orElseThrow());
    assertEquals(0, exit, out);
    assertTrue(
        Pattern.compile("(?m)^\\s+libtorrent\\s+ordinary\\s+100\\.0%").matcher(out).find(),
        "the live table shows libtorrent done:\n" + out);
    assertTrue(
        Pattern.compile("(?m)^libtorrent\\s+ordinary\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\d\\s+-$")
            .matcher(out)
            .find(),
        "the summary shows libtorrent's time and rate:\n" + out);
    assertTrue(
        Pattern.compile(
                "(?m)^\\| libtorrent \\| ordinary \\| \\d+\\.\\d \\| \\d+\\.\\d\\d \\| - \\|$")
            .matcher(report)
            .find(),
        report);
    assertTrue(Files.readString(data.resolve("progress.svg")).contains("libtorrent: ordinary"));
    assertEquals(
        -1,
        Files.mismatch(
            data.resolve("share/speed-demo.bin"), data.resolve("ordinary/dl/speed-demo.bin")));
    Matcher pid = Pattern.compile("python3-libtorrent pid (\\d+)").matcher(out);
    assertTrue(pid.find(), out);
    assertFalse(
        ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false),
        "the ordinary peer outlived the demo");
  }

  @Test
  void withoutLibtorrentTheDemoSaysWhyAndRunsWithoutIt() {
    assumeTrue(Libtorrent.unavailable().isPresent(), "python3-libtorrent is installed");
    assertEquals(0, exit, out);
    assertTrue(Pattern.compile("(?m)^no ordinary peer: ").matcher(out).find(), out);
    assertTrue(report.contains("| ordinary BitTorrent peers (python3-libtorrent) | 0 ("), report);
  }

  @Test
  void anOrdinaryOptionOutOfRangeIsRefusedBeforeAnythingStarts() {
    Path none = dir.resolve("never-written");
    assertNotEquals(
        0,
        SpeedBridgeCli.run(
            "demo", "--ordinary", "2", "--exit-after-report", "--data-dir", none.toString()));
    assertFalse(Files.exists(none));
  }

  @Test
  void aDirectoryTheDemoDidNotWriteIsRefusedAndKept() throws IOException {
    Files.writeString(dir.resolve("precious.txt"), "not the demo's");
    assertNotEquals(
        0, SpeedBridgeCli.run("demo", "--exit-after-report", "--data-dir", dir.toString()));
    assertTrue(Files.exists(dir.resolve("precious.txt")));
  }

  /** Writes to both streams: the test reads what the user would have seen. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}

package io.bttspeed.bridge.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code speed-bridge demo} in-process, small: the whole headline (wallet service, devnet, five
 * daemons, downloads, vouchers, channel closes) must end in a report that reconciles to the base
 * unit, a chart in both formats, and a live table that showed every peer.
 */
class DemoTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void smallDemoReconcilesOnChainAndWritesTheReportAndChart() throws IOException {
    Path data = dir.resolve("demo");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    int exit;
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
    String out = captured.toString(StandardCharsets.UTF_8);

    assertEquals(0, exit, out);
    String report = Files.readString(data.resolve("report.md"));
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

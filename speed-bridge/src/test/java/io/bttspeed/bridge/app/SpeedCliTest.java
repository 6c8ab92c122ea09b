package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.cli.SpeedBridgeCli;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed-bridge CLI against real daemons (in-process picocli, gRPC on loopback, one shared real
 * wallet service): ask, seed, download with a bid, spending and earnings in BTT with their base
 * units; bad money input is one line on stderr, a non-zero exit, and nothing added.
 */
@Timeout(240)
class SpeedCliTest {
  @TempDir Path dir;
  private SharedWalletSwarm swarm;

  /** What one command line printed and returned. */
  record Run(int code, String out, String err) {}

  @AfterEach
  void stop() {
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void askSeedDownloadWithABidThenSpendingAndEarningsInBtt() {
    swarm = new SharedWalletSwarm(dir);
    SharedWalletSwarm.Member seeder = swarm.daemon("seeder");
    SharedWalletSwarm.Member bidder = swarm.daemon("bidder");
    List<String> s = client(seeder);
    List<String> b = client(bidder);

    Run ask = run(s, "ask", "--price", "0.000001");
    assertEquals(0, ask.code(), ask.err());
    assertTrue(ask.out().contains("0.000001 BTT (1000000000000 base units) per MiB"), ask.out());

    Path content = TestFiles.random(dir.resolve("share/album.bin"), 4L * 1024 * 1024 + 3, 71);
    Run seed = run(s, "seed", content.toString());
    assertEquals(0, seed.code(), seed.err());
    Matcher torrent = Pattern.compile("torrent: (\\S+)").matcher(seed.out());
    assertTrue(torrent.find(), seed.out());
    Matcher hash = Pattern.compile("\\(([0-9a-f]{40})\\)").matcher(seed.out());
    assertTrue(hash.find(), seed.out());
    Await.until(
        Duration.ofSeconds(60),
        "seeding",
        () -> run(s, "show", hash.group(1)).out().contains("seeding"));
    // Slow until the bidder holds its paid slot (opening and verifying its channel takes a while on
    // a busy machine), so the download does not finish on free slots first.
    assertEquals(0, run(s, "limits", "--up", "65536").code());

    // Refusals: nothing is added.
    for (String[] bad :
        List.of(
            new String[] {"--bid", "-1", "--budget", "1"},
            new String[] {"--bid", "1e-6", "--budget", "1"},
            new String[] {"--bid", "0.000001"},
            new String[] {"--bid", "0.0000000000000000001", "--budget", "1"},
            new String[] {"--auto-bid", "--budget", "1", "--rate", "0.001"},
            new String[] {"--bid", "0.000001", "--auto-bid", "--budget", "1"})) {
      List<String> args = new ArrayList<>(List.of("download", torrent.group(1), "--no-wait"));
      args.addAll(List.of(bad));
      Run refused = run(b, args.toArray(String[]::new));
      assertNotEquals(0, refused.code(), String.join(" ", bad) + " -> " + refused.out());
      assertEquals(1, refused.err().strip().lines().count(), "one line: " + refused.err());
      assertEquals("", run(b, "list").out().strip(), "nothing added for " + String.join(" ", bad));
    }

    Run download =
        run(
            b,
            "download",
            torrent.group(1),
            "--peer",
            "127.0.0.1:" + seeder.peerPort(),
            "--no-wait",
            "--bid",
            "0.000003",
            "--budget",
            "1");
    assertEquals(0, download.code(), download.err());
    assertTrue(
        download.out().contains("bidding 0.000003 BTT (3000000000000 base units) per MiB"),
        download.out());
    SharedWalletSwarm.awaitPaidSlot(seeder, hash.group(1), Duration.ofSeconds(90));
    assertEquals(0, run(s, "limits", "--up", "1048576").code());
    Await.until(
        Duration.ofSeconds(90),
        () -> "the download: " + run(b, "show", hash.group(1)).out(),
        () -> run(b, "show", hash.group(1)).out().contains("seeding"));
    Await.until(
        Duration.ofSeconds(60),
        () -> "paid: " + run(b, "spending").out(),
        () ->
            run(b, "spending").out().contains("total spent")
                && !run(b, "spending").out().contains(" 0 BTT"));

    Run spending = run(b, "spending");
    assertEquals(0, spending.code(), spending.err());
    assertTrue(
        spending.out().contains("BTT (") && spending.out().contains("base units)"), spending.out());
    Run earnings = run(s, "earnings", "--torrent", hash.group(1));
    assertEquals(0, earnings.code(), earnings.err());
    assertTrue(earnings.out().contains("total earned"), earnings.out());

    Run stop = run(s, "ask", "--stop");
    assertEquals(0, stop.code(), stop.err());
    assertTrue(stop.out().contains("not selling"), stop.out());
  }

  private static List<String> client(SharedWalletSwarm.Member member) {
    return List.of(
        "--server",
        "127.0.0.1:" + member.daemon().apiPort(),
        "--token",
        member.daemon().firstAdminToken().orElseThrow());
  }

  /** Runs {@code command} with the member's connection options, capturing what it prints. */
  private static synchronized Run run(List<String> connection, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(1, connection);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = SpeedBridgeCli.run(args.toArray(String[]::new));
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}

package io.bttspeed.bridge.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leechers that move together, as two bidders holding the two paid slots do, each stay visible in
 * the chart: every line's colour is drawn in the plot, not only in the legend.
 */
class ProgressChartTest {
  /** The legend is at the bottom; the plot above it. */
  private static final int LEGEND_HEIGHT = 60;

  @TempDir Path dir;

  @Test
  void linesOnTopOfEachOtherAreAllVisible() throws IOException {
    List<PeerRun> peers =
        List.of(
            run("bidder-high", Role.BIDDER_HIGH, 1.0),
            run("bidder-low", Role.BIDDER_LOW, 1.0),
            run("plain-1", Role.NON_BIDDER, 0.5),
            run("plain-2", Role.NON_BIDDER, 0.5));
    Path png = dir.resolve("progress.png");
    new ProgressChart(peers, "overlapping").writePng(png);
    BufferedImage image = ImageIO.read(Files.newInputStream(png));

    for (Color colour :
        List.of(
            ProgressChart.BIDDER[0],
            ProgressChart.BIDDER[1],
            ProgressChart.NON_BIDDER[0],
            ProgressChart.NON_BIDDER[1])) {
      int seen = pixelsOf(image, colour);
      // Each line runs some 800 px across the plot; a hidden one shows only its antialiased edge.
      assertTrue(seen >= 300, colour + " drawn in " + seen + " pixels of the plot");
    }
  }

  /** Pixels of the plot (the legend left out) within a small distance of {@code colour}. */
  private static int pixelsOf(BufferedImage image, Color colour) {
    int seen = 0;
    for (int y = 0; y < image.getHeight() - LEGEND_HEIGHT; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        int d =
            Math.abs(c.getRed() - colour.getRed())
                + Math.abs(c.getGreen() - colour.getGreen())
                + Math.abs(c.getBlue() - colour.getBlue());
        if (d <= 24) {
          seen++;
        }
      }
    }
    return seen;
  }

  /** A leecher at a steady {@code mibPerSecond} for 40 s. */
  private static PeerRun run(String name, Role role, double mibPerSecond) {
    PeerRun run = new PeerRun(name, role);
    for (int s = 1; s <= 40; s++) {
      long bytes = (long) (s * mibPerSecond * 1024 * 1024);
      run.record(new PeerRun.Sample(s, bytes), 0, role.bids(), BigInteger.ZERO, false);
    }
    return run;
  }
}

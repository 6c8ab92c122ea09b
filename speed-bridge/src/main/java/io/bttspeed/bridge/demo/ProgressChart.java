package io.bttspeed.bridge.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The demo's picture: MiB verified over seconds, one line per leecher; bidders solid and warm,
 * non-bidders dashed and cool, the ordinary BitTorrent peer dotted green, so who paid is visible at
 * a glance. Drawn without a display.
 */
final class ProgressChart {
  static final int WIDTH = 960;
  static final int HEIGHT = 560;

  static final Color[] BIDDER = {
    new Color(0xD6, 0x27, 0x28), new Color(0xFF, 0x7F, 0x0E), new Color(0x8C, 0x56, 0x4B)
  };
  static final Color[] NON_BIDDER = {
    new Color(0x1F, 0x77, 0xB4), new Color(0x17, 0xBE, 0xCF), new Color(0x7F, 0x7F, 0x7F)
  };

  /** A colour of its own, dotted: a different client, not one more non-bidder. */
  private static final Color ORDINARY = new Color(0x2C, 0xA0, 0x2C);

  private final JFreeChart chart;

  ProgressChart(List<PeerRun> peers, String title) {
    // Java2D must not look for a display: the demo runs on servers and in CI.
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    for (PeerRun peer : peers) {
      XYSeries series = new XYSeries(peer.name() + ": " + peer.role().label());
      // Every leecher starts from nothing when it is given the torrent; the first sample is 1 s in.
      series.add(0, 0);
      for (PeerRun.Sample s : peer.samples()) {
        series.add(s.seconds(), s.verifiedBytes() / (1024.0 * 1024.0));
      }
      data.addSeries(series);
    }
    chart =
        ChartFactory.createXYLineChart(
            title,
            "seconds since the download started",
            "MiB verified",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    // Leechers of one kind often move together (two bidders holding the two paid slots): their
    // lines would lie on top of each other and one would vanish. So each later line of a kind is
    // drawn over the earlier ones, thinner (a bidder's line shows the previous one as its border),
    // and a dashed line's dashes fall into the previous one's gaps.
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
    int bidders = 0;
    int others = 0;
    for (int i = 0; i < peers.size(); i++) {
      if (peers.get(i).role().bids()) {
        renderer.setSeriesPaint(i, BIDDER[bidders % BIDDER.length]);
        renderer.setSeriesStroke(i, new BasicStroke(Math.max(1.5f, 5.0f - 2.0f * bidders)));
        bidders++;
      } else if (peers.get(i).role() == Role.ORDINARY) {
        renderer.setSeriesPaint(i, ORDINARY);
        renderer.setSeriesStroke(
            i,
            new BasicStroke(
                2.5f,
                BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND,
                10f,
                new float[] {1f, 5f},
                0f));
      } else {
        renderer.setSeriesPaint(i, NON_BIDDER[others % NON_BIDDER.length]);
        renderer.setSeriesStroke(
            i,
            new BasicStroke(
                2.5f,
                BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER,
                10f,
                new float[] {7f, 7f},
                7f * (others % 2)));
        others++;
      }
    }
    plot.setRenderer(renderer);
  }

  void writePng(Path file) {
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  void writeSvg(Path file) {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
    chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
    try {
      SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

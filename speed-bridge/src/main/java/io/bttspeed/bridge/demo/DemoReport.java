package io.bttspeed.bridge.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The demo's results for people: a summary on the terminal, and in the data directory the chart
 * (PNG and SVG) and {@value #REPORT} with the parameters, the per-peer table, the money and the
 * reconciliation line.
 */
public final class DemoReport {
  public static final String REPORT = "report.md";
  public static final String PNG = "progress.png";
  public static final String SVG = "progress.svg";

  private static final double MIB = 1024.0 * 1024.0;

  private final DemoOutcome outcome;
  private final Function<BigInteger, String> btt;

  /**
   * @param btt shows an amount of TRC-20 BTT base units to people
   */
  public DemoReport(DemoOutcome outcome, Function<BigInteger, String> btt) {
    this.outcome = outcome;
    this.btt = btt;
  }

  /** The per-peer results and the money, as plain lines. */
  public void print(PrintStream out) {
    out.printf("%n%-14s %-14s %12s %12s  %s%n", "peer", "role", "finished s", "avg MiB/s", "paid");
    for (PeerRun peer : outcome.peers()) {
      out.printf(
          "%-14s %-14s %12s %12s  %s%n",
          peer.name(),
          peer.role().label(),
          seconds(peer),
          rate(peer),
          peer.role().bids() ? btt.apply(peer.paidBaseUnits()) : "-");
    }
    for (PeerRun peer : outcome.peers()) {
      peer.stopped().ifPresent(why -> out.println(peer.name() + " gave up: " + why));
    }
    outcome.noOrdinaryPeer().ifPresent(why -> out.println("no ordinary peer: " + why));
    out.println();
    out.println("seeder earned: " + btt.apply(outcome.earnedBaseUnits()));
    if (!outcome.vouchersSettled()) {
      out.println("warning: not every bidder had signed for all it owed before the closes");
    }
    out.println(outcome.reconciliation().line());
    out.flush();
  }

  /** Writes the chart and the report into {@code dir}; the report's path. */
  public Path write(Path dir) {
    ProgressChart chart =
        new ProgressChart(outcome.peers(), "speed-bridge demo: download progress per peer");
    chart.writePng(dir.resolve(PNG));
    chart.writeSvg(dir.resolve(SVG));
    Path report = dir.resolve(REPORT);
    try {
      Files.writeString(report, String.join("\n", markdown()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + report, e);
    }
    return report;
  }

  private List<String> markdown() {
    DemoParameters p = outcome.parameters();
    List<String> md = new ArrayList<>();
    md.add("# speed-bridge demo");
    md.add("");
    md.add(
        "One seeder with a capped upload and paid slots; bidders"
            + (ranOrdinary()
                ? ", non-bidders and an ordinary BitTorrent peer (python3-libtorrent, which never"
                    + " pays)"
                : " and non-bidders")
            + " download from it on 127.0.0.1, every daemon sharing one wallet service and its"
            + " devnet.");
    md.add("");
    md.add("## Parameters");
    md.add("");
    md.add("| parameter | value |");
    md.add("|---|---|");
    md.add("| file size | " + p.sizeBytes() + " bytes (" + mib(p.sizeBytes()) + " MiB) |");
    md.add("| seeder upload cap | " + p.capBytesPerSecond() + " bytes/s |");
    md.add("| seeder paid slots | " + p.paidSlots() + " |");
    md.add("| ask per MiB | " + btt.apply(p.askPerMib()) + " |");
    md.add("| bidders | " + p.bidders() + " |");
    md.add("| high bid per MiB | " + btt.apply(p.bidHighPerMib()) + " |");
    md.add("| low bid per MiB | " + btt.apply(p.bidLowPerMib()) + " |");
    md.add("| non-bidders | " + p.plain() + " |");
    md.add("| ordinary BitTorrent peers (python3-libtorrent) | " + ordinaryPeers() + " |");
    md.add("");
    md.add("## Peers");
    md.add("");
    md.add("| peer | role | finished after (s) | average MiB/s | paid |");
    md.add("|---|---|---:|---:|---|");
    for (PeerRun peer : outcome.peers()) {
      md.add(
          "| "
              + peer.name()
              + " | "
              + peer.role().label()
              + " | "
              + seconds(peer)
              + " | "
              + rate(peer)
              + " | "
              + (peer.role().bids() ? btt.apply(peer.paidBaseUnits()) : "-")
              + " |");
    }
    for (PeerRun peer : outcome.peers()) {
      peer.stopped().ifPresent(why -> md.add("- " + peer.name() + " gave up: " + why));
    }
    md.add("");
    md.add("## Money");
    md.add("");
    md.add("- seeder earned (vouchers accepted): " + btt.apply(outcome.earnedBaseUnits()));
    md.add(
        "- the bidders paid (vouchers signed): "
            + btt.apply(
                outcome.peers().stream()
                    .map(PeerRun::paidBaseUnits)
                    .reduce(BigInteger.ZERO, BigInteger::add)));
    if (!outcome.vouchersSettled()) {
      md.add("- not every bidder had signed for all it owed before the closes");
    }
    md.add("- " + outcome.reconciliation().line());
    md.add("");
    md.add("## Progress");
    md.add("");
    md.add("![download progress per peer](" + PNG + ")");
    md.add("");
    md.add("Chart: [" + PNG + "](" + PNG + "), [" + SVG + "](" + SVG + ")");
    return md;
  }

  private boolean ranOrdinary() {
    return outcome.peers().stream().anyMatch(peer -> peer.role() == Role.ORDINARY);
  }

  /** How many ran, and why none did if one was asked for. */
  private String ordinaryPeers() {
    String ran = ranOrdinary() ? "1" : "0";
    return outcome.noOrdinaryPeer().map(why -> ran + " (" + why + ")").orElse(ran);
  }

  private static String seconds(PeerRun peer) {
    return peer.finishedAfter().map(s -> String.format("%.1f", s)).orElse("-");
  }

  private String rate(PeerRun peer) {
    return peer.finishedAfter()
        .filter(s -> s > 0)
        .map(s -> String.format("%.2f", outcome.parameters().sizeBytes() / MIB / s))
        .orElse("-");
  }

  private static String mib(long bytes) {
    return String.format("%.2f", bytes / MIB);
  }
}

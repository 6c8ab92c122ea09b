package io.bttspeed.bridge.cli;

import io.bttspeed.proto.speed.v1.AutoBid;
import io.bttspeed.proto.speed.v1.BidPolicy;
import io.bttspeed.proto.speed.v1.FixedBid;
import io.bttspeed.proto.speed.v1.GetEarningsRequest;
import io.bttspeed.proto.speed.v1.GetSpendingRequest;
import io.bttspeed.proto.speed.v1.MoneyTotal;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The commands that buy and sell speed: bids (on {@code download}), the ask, earnings and spending.
 */
final class MoneyCommands {
  private MoneyCommands() {}

  /** {@code download}'s bid options: a fixed price or an auto-bid, both within a budget. */
  static final class BidOptions {
    @Option(
        names = "--bid",
        paramLabel = "PRICE",
        description = "bid this price per MiB, in BTT (e.g. 0.000003)")
    String price;

    @Option(
        names = "--auto-bid",
        description = "bid by BitTorrent Speed's auto-bid within --budget")
    boolean auto;

    @Option(
        names = "--budget",
        paramLabel = "AMOUNT",
        description = "the most this download may cost, in BTT")
    String budget;

    @Option(
        names = "--rate",
        paramLabel = "R",
        description =
            "auto-bid spending rate (default 1; at most 2"
                + " decimals, up to 100): above 1 bids higher early")
    String rate;

    @Option(
        names = "--asset",
        defaultValue = "btt",
        description = "btt (TRC-20, default) or bttold (TRC-10)")
    String asset;

    /** The policy, or null when no bid option was given. */
    BidPolicy policy() {
      if (price == null && !auto) {
        if (budget != null || rate != null) {
          throw new IllegalArgumentException("--budget and --rate go with --bid or --auto-bid");
        }
        return null;
      }
      if (price != null && auto) {
        throw new IllegalArgumentException("--bid and --auto-bid exclude each other");
      }
      if (budget == null) {
        throw new IllegalArgumentException("--budget is required with --bid or --auto-bid");
      }
      BttAmount token = BttAmount.of(asset);
      String budgetUnits = positive(token, "--budget", budget);
      if (price != null) {
        if (rate != null) {
          throw new IllegalArgumentException("--rate goes with --auto-bid");
        }
        return BidPolicy.newBuilder()
            .setFixed(
                FixedBid.newBuilder()
                    .setAsset(token.proto())
                    .setPriceBaseUnitsPerMib(positive(token, "--bid", price))
                    .setBudgetBaseUnits(budgetUnits))
            .build();
      }
      return BidPolicy.newBuilder()
          .setAuto(
              AutoBid.newBuilder()
                  .setAsset(token.proto())
                  .setBudgetBaseUnits(budgetUnits)
                  .setSpendingRatePercent(ratePercent()))
          .build();
    }

    private int ratePercent() {
      if (rate == null) {
        return 100;
      }
      if (rate.length() > 10 || !rate.matches("(0|[1-9][0-9]{0,2})(\\.[0-9]{1,2})?")) {
        throw new IllegalArgumentException(
            "--rate is a number with at most 2 decimals, such as 1.5");
      }
      BigDecimal percent = new BigDecimal(rate).movePointRight(2);
      if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(10_000)) > 0) {
        throw new IllegalArgumentException("--rate must be above 0 and at most 100");
      }
      return percent.intValueExact();
    }
  }

  static String positive(BttAmount token, String option, String text) {
    java.math.BigInteger units = token.parse(option, text);
    if (units.signum() == 0) {
      throw new IllegalArgumentException(option + " must be above zero");
    }
    return units.toString();
  }

  @Command(
      name = "ask",
      description = "Sell upload slots to bidders at PRICE per MiB or more (or --stop selling).")
  static final class Ask implements Callable<Integer> {
    @Mixin ClientOptions client;

    @ArgGroup(multiplicity = "1")
    What what;

    static final class What {
      @Option(
          names = "--price",
          paramLabel = "PRICE",
          description = "the lowest price per MiB, in BTT")
      String price;

      @Option(names = "--stop", description = "stop selling in this asset")
      boolean stop;
    }

    @Option(
        names = "--slots",
        defaultValue = "0",
        description = "paid slots to auction (1-4; default: unchanged)")
    int slots;

    @Option(
        names = "--asset",
        defaultValue = "btt",
        description = "btt (TRC-20, default) or bttold (TRC-10)")
    String asset;

    @Override
    public Integer call() {
      BttAmount token = BttAmount.of(asset);
      SetAskRequest.Builder request =
          SetAskRequest.newBuilder().setAsset(token.proto()).setPaidSlots(slots);
      if (slots < 0 || slots > 64) {
        throw new IllegalArgumentException("--slots must be between 0 and 64");
      }
      String units = what.stop ? "" : positive(token, "--price", what.price);
      request.setPriceBaseUnitsPerMib(units);
      try (ClientOptions.Client c = client.connect()) {
        c.stub().setAsk(request.build());
      }
      System.out.println(
          what.stop
              ? "not selling in " + asset
              : "selling paid slots at " + token.show(units) + " per MiB or more");
      return 0;
    }
  }

  @Command(
      name = "earnings",
      description = "What seeding earned: per torrent and paying peer, and in all.")
  static final class Earnings implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Option(
        names = "--torrent",
        paramLabel = "INFOHASH",
        description = "one torrent (default: all)")
    String torrent = "";

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        var r = c.stub().getEarnings(GetEarningsRequest.newBuilder().setInfoHash(torrent).build());
        print(System.out, "earned", "accepted", r.getPeersList(), r.getTotalsList());
      }
      return 0;
    }
  }

  @Command(
      name = "spending",
      description = "What downloads cost: per torrent and paid seeder, and in all.")
  static final class Spending implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Option(
        names = "--torrent",
        paramLabel = "INFOHASH",
        description = "one torrent (default: all)")
    String torrent = "";

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        var r = c.stub().getSpending(GetSpendingRequest.newBuilder().setInfoHash(torrent).build());
        print(System.out, "spent", "paid", r.getPeersList(), r.getTotalsList());
      }
      return 0;
    }
  }

  /**
   * One line per torrent and counterparty, then one per asset; amounts in BTT with their base
   * units.
   */
  static void print(
      PrintStream out,
      String verb,
      String vouchered,
      List<PeerMoney> peers,
      List<MoneyTotal> totals) {
    if (peers.isEmpty()) {
      out.println("nothing " + verb + " yet");
      return;
    }
    for (PeerMoney p : peers) {
      out.println(
          p.getInfoHash()
              + "  "
              + p.getAddress()
              + "  "
              + Printer.bytes(p.getPaidBytes())
              + " paid, "
              + Printer.bytes(p.getFreeBytes())
              + " free  owed "
              + BttAmount.show(p.getAsset(), p.getOwedBaseUnits())
              + "  "
              + vouchered
              + " "
              + BttAmount.show(p.getAsset(), p.getVoucheredBaseUnits()));
    }
    for (MoneyTotal t : totals) {
      out.println(
          "total "
              + verb
              + ": "
              + BttAmount.show(t.getAsset(), t.getVoucheredBaseUnits())
              + " "
              + vouchered
              + " of "
              + BttAmount.show(t.getAsset(), t.getOwedBaseUnits())
              + " owed, for "
              + Printer.bytes(t.getPaidBytes())
              + " through paid slots");
    }
  }
}

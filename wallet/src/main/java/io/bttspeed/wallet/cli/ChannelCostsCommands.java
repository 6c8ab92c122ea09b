package io.bttspeed.wallet.cli;

import io.bttspeed.proto.channel.v1.EstimateChannelFeeRequest;
import io.bttspeed.proto.channel.v1.EstimateChannelFeeResponse;
import io.bttspeed.proto.channel.v1.EstimateOpen;
import io.bttspeed.proto.channel.v1.ListChannelTransactionsRequest;
import io.bttspeed.proto.channel.v1.ListChannelTransactionsResponse;
import io.bttspeed.wallet.id.WalletId;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What channels cost: {@code channels estimate open|settle|close} (EstimateChannelFee) and {@code
 * channels history} (ListChannelTransactions). Kept apart from the calls that act on a channel
 * ({@link ChannelPayerCommands}, {@link ChannelPayeeCommands}).
 */
final class ChannelCostsCommands {

  private ChannelCostsCommands() {}

  @Command(
      name = "estimate",
      mixinStandardHelpOptions = true,
      description = "What an open, settle or close would burn now, in sun; sends nothing.",
      subcommands = {EstimateOpenCmd.class, EstimateSettle.class, EstimateClose.class})
  static final class Estimate {}

  /** Prints an estimate and, for a person, its total in TRX and the tolerance. */
  abstract static class EstimateCall extends ChannelsCommand.Call {
    void printEstimate(EstimateChannelFeeResponse response) {
      print(response);
      if (!client.json) {
        spec.commandLine()
            .getOut()
            .println(
                "# about "
                    + trx(response.getFeeSun())
                    + " (within "
                    + response.getTolerancePercent()
                    + " %)");
        spec.commandLine().getOut().flush();
      }
    }
  }

  @Command(
      name = "open",
      mixinStandardHelpOptions = true,
      description = "Payer: what OpenChannel would burn (TRC-20: approve and open).")
  static final class EstimateOpenCmd extends EstimateCall {
    @Option(names = "--wallet", required = true, description = "the paying wallet")
    WalletId walletId;

    @Option(names = "--payee", required = true, description = "payee address, base58 or 41-hex")
    String payee;

    @Option(
        names = "--asset",
        required = true,
        converter = AssetOption.class,
        description = "btt (TRC-20) or bttold (TRC-10 1002000), or trc10:<id> / trc20:<address>")
    AssetOption.Choice asset;

    @Option(names = "--deposit", required = true, description = "base units to lock")
    String deposit;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ChannelsCommand.Expiry expiry;

    @Override
    void run(ClientOptions.Client c) {
      printEstimate(
          c.channels()
              .estimateChannelFee(
                  EstimateChannelFeeRequest.newBuilder()
                      .setWalletId(walletId.toString())
                      .setOpen(
                          EstimateOpen.newBuilder()
                              .setPayeeAddress(payee)
                              .setAsset(asset.resolve(spec.commandLine(), c.stub(), walletId))
                              .setDepositBaseUnits(deposit)
                              .setExpiresAtUnixMs(expiry.unixMs(spec.commandLine())))
                      .build()));
    }
  }

  @Command(
      name = "settle",
      mixinStandardHelpOptions = true,
      description = "Payee: what SettleChannel would burn with the highest voucher stored.")
  static final class EstimateSettle extends EstimateCall {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @Override
    void run(ClientOptions.Client c) {
      printEstimate(
          c.channels()
              .estimateChannelFee(
                  EstimateChannelFeeRequest.newBuilder()
                      .setWalletId(ref.walletId.toString())
                      .setSettleChannelId(ref.channelId)
                      .build()));
    }
  }

  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = "Payee: what CloseChannel would burn with the highest voucher stored.")
  static final class EstimateClose extends EstimateCall {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @Override
    void run(ClientOptions.Client c) {
      printEstimate(
          c.channels()
              .estimateChannelFee(
                  EstimateChannelFeeRequest.newBuilder()
                      .setWalletId(ref.walletId.toString())
                      .setCloseChannelId(ref.channelId)
                      .build()));
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description =
          "The channel transactions your wallets sent (approve, open, top-up, extend, settle, close,"
              + " reclaim) with their fees; page on with --after <last_index_offset>.")
  static final class History extends ChannelsCommand.Call {
    @Option(names = "--wallet", description = "only this wallet's (default: all yours)")
    Optional<WalletId> walletId = Optional.empty();

    @Option(
        names = "--channel",
        defaultValue = "",
        description = "only this channel's, 64 hex digits")
    String channelId;

    @Option(names = "--after", defaultValue = "0", description = "index to page from, exclusive")
    long after;

    @Option(names = "--max", defaultValue = "100", description = "page size, 1 to 1000")
    int max;

    @Option(names = "--reversed", description = "the page before --after (0: the last page)")
    boolean reversed;

    @Override
    void run(ClientOptions.Client c) {
      ListChannelTransactionsResponse page =
          c.channels()
              .listChannelTransactions(
                  ListChannelTransactionsRequest.newBuilder()
                      .setWalletId(walletId.map(WalletId::toString).orElse(""))
                      .setChannelId(channelId)
                      .setIndexOffset(after)
                      .setMaxTransactions(max)
                      .setReversed(reversed)
                      .build());
      print(page);
      if (!client.json) {
        long burned =
            page.getTransactionsList().stream().mapToLong(t -> Long.parseLong(t.getFeeSun())).sum();
        spec.commandLine()
            .getOut()
            .println(
                "# "
                    + page.getTransactionsCount()
                    + " transaction(s), "
                    + trx(Long.toString(burned))
                    + " burned");
        spec.commandLine().getOut().flush();
      }
    }
  }

  /**
   * Sun as TRX (6 decimals), exactly, e.g. "1.2345 TRX"; a value that is not a sun amount
   * unchanged.
   */
  static String trx(String sun) {
    if (!sun.matches("0|[1-9][0-9]{0,30}")) {
      return sun;
    }
    return new java.math.BigDecimal(new java.math.BigInteger(sun), 6)
            .stripTrailingZeros()
            .toPlainString()
        + " TRX";
  }
}

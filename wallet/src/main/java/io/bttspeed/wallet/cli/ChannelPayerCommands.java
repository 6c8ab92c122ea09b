package io.bttspeed.wallet.cli;

import io.bttspeed.proto.channel.v1.ExtendChannelRequest;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.TopUpChannelRequest;
import io.bttspeed.wallet.id.WalletId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The payer's calls of {@code channels}: open, topup, extend, pay, and reclaim after expiry. Kept
 * apart from {@link ChannelsCommand}, which holds what every channel call shares.
 */
final class ChannelPayerCommands {

  private ChannelPayerCommands() {}

  @Command(
      name = "open",
      mixinStandardHelpOptions = true,
      description = "Payer: lock a deposit for a payee.")
  static final class Open extends ChannelsCommand.Call {
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

    @Option(
        names = "--key",
        required = true,
        description = "idempotency key: reuse it to retry safely")
    String key;

    @Override
    void run(ClientOptions.Client c) {
      var response =
          c.channels()
              .openChannel(
                  OpenChannelRequest.newBuilder()
                      .setWalletId(walletId.toString())
                      .setPayeeAddress(payee)
                      .setAsset(asset.resolve(spec.commandLine(), c.stub(), walletId))
                      .setDepositBaseUnits(deposit)
                      .setExpiresAtUnixMs(expiry.unixMs(spec.commandLine()))
                      .setIdempotencyKey(key)
                      .build());
      print(response);
      printDisplay(response.getChannel());
      printFees(response.getTransactionsList());
    }
  }

  @Command(
      name = "topup",
      mixinStandardHelpOptions = true,
      description = "Payer: add to the deposit.")
  static final class TopUp extends ChannelsCommand.Call {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @Option(names = "--amount", required = true, description = "base units to add")
    String amount;

    @Option(
        names = "--key",
        required = true,
        description = "idempotency key: reuse it to retry safely")
    String key;

    @Override
    void run(ClientOptions.Client c) {
      print(
          c.channels()
              .topUpChannel(
                  TopUpChannelRequest.newBuilder()
                      .setChannel(ref.proto())
                      .setAmountBaseUnits(amount)
                      .setIdempotencyKey(key)
                      .build()));
    }
  }

  @Command(
      name = "extend",
      mixinStandardHelpOptions = true,
      description = "Payer: move the expiry later.")
  static final class Extend extends ChannelsCommand.Call {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @ArgGroup(exclusive = true, multiplicity = "1")
    ChannelsCommand.Expiry expiry;

    @Override
    void run(ClientOptions.Client c) {
      print(
          c.channels()
              .extendChannel(
                  ExtendChannelRequest.newBuilder()
                      .setChannel(ref.proto())
                      .setExpiresAtUnixMs(expiry.unixMs(spec.commandLine()))
                      .build()));
    }
  }

  @Command(
      name = "pay",
      mixinStandardHelpOptions = true,
      description = "Payer: sign the next voucher; give its voucher fields to the payee.")
  static final class Pay extends ChannelsCommand.Call {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @Option(names = "--amount", required = true, description = "base units this payment adds")
    String amount;

    @Override
    void run(ClientOptions.Client c) {
      print(
          c.channels()
              .pay(
                  PayRequest.newBuilder()
                      .setChannel(ref.proto())
                      .setIncrementBaseUnits(amount)
                      .build()));
    }
  }

  @Command(
      name = "reclaim",
      mixinStandardHelpOptions = true,
      description = "Payer: take back what was not paid out, once the channel has expired.")
  static final class Reclaim extends ChannelsCommand.Call {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @Override
    void run(ClientOptions.Client c) {
      print(c.channels().reclaimChannel(ref.proto()));
    }
  }
}

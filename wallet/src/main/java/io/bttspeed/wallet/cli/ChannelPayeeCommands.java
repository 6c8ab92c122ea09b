package io.bttspeed.wallet.cli;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.wallet.id.WalletId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The payee's calls of {@code channels}: accept a voucher, settle, close. Kept apart from {@link
 * ChannelsCommand}, which holds what every channel call shares.
 */
final class ChannelPayeeCommands {

  private ChannelPayeeCommands() {}

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description = "Payee: verify and store a voucher the payer gave you.")
  static final class Accept extends ChannelsCommand.Call {
    @Option(names = "--wallet", required = true, description = "the receiving wallet")
    WalletId walletId;

    @Option(names = "--channel", required = true, description = "channel id, 64 hex digits")
    String channelId;

    @Option(
        names = "--cumulative",
        required = true,
        description = "the voucher's cumulative base units")
    String cumulative;

    @Option(
        names = "--signature",
        required = true,
        description = "the voucher's signature, 130 hex digits")
    String signature;

    @Option(
        names = "--hub",
        required = true,
        description = "the voucher's hub (channel contract) address")
    String hub;

    @Override
    void run(ClientOptions.Client c) {
      print(
          c.channels()
              .acceptVoucher(
                  AcceptVoucherRequest.newBuilder()
                      .setWalletId(walletId.toString())
                      .setVoucher(
                          Voucher.newBuilder()
                              .setChannelId(channelId)
                              .setCumulativeBaseUnits(cumulative)
                              .setSignatureHex(signature)
                              .setHubAddress(hub))
                      .build()));
    }
  }

  @Command(
      name = "settle",
      mixinStandardHelpOptions = true,
      description = "Payee: redeem the highest voucher on chain; the channel stays open.")
  static final class Settle extends ChannelsCommand.Call {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @Override
    void run(ClientOptions.Client c) {
      print(c.channels().settleChannel(ref.proto()));
    }
  }

  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = "Payee: redeem the highest voucher and refund the rest to the payer.")
  static final class Close extends ChannelsCommand.Call {
    @Mixin ChannelsCommand.Ref ref = new ChannelsCommand.Ref();

    @Override
    void run(ClientOptions.Client c) {
      print(c.channels().closeChannel(ref.proto()));
    }
  }
}

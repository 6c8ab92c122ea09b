package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.wallet.id.WalletId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Send. Re-running with the same --key returns the same transfer instead of paying twice. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = "Send TRX or a token (amount in base units).")
final class SendCli implements Callable<Integer> {
  @Mixin ClientOptions client = new ClientOptions();
  @Spec CommandSpec spec;

  @Option(names = "--wallet", required = true)
  WalletId walletId;

  @Option(
      names = "--asset",
      required = true,
      converter = AssetOption.class,
      description = "trx, btt (TRC-20), bttold (TRC-10 1002000), trc10:<id>, trc20:<address>")
  AssetOption.Choice asset;

  @Option(names = "--to", required = true, description = "recipient, base58 or 41-hex")
  String to;

  @Option(names = "--amount", required = true, description = "base units (sun for TRX)")
  String amount;

  @Option(
      names = "--key",
      required = true,
      description = "idempotency key: reuse it to retry safely")
  String key;

  @Option(
      names = "--fee-limit",
      defaultValue = "",
      description = "TRC-20 fee limit in sun (default: estimated)")
  String feeLimit;

  @Option(names = "--memo", defaultValue = "")
  String memo;

  @Override
  public Integer call() {
    try (ClientOptions.Client c = client.connect()) {
      Printer.print(
          spec.commandLine().getOut(),
          c.stub()
              .send(
                  SendRequest.newBuilder()
                      .setWalletId(walletId.toString())
                      .setAsset(asset.resolve(spec.commandLine(), c.stub(), walletId))
                      .setToAddress(to)
                      .setAmountBaseUnits(amount)
                      .setIdempotencyKey(key)
                      .setFeeLimitSun(feeLimit)
                      .setMemo(memo)
                      .build()),
          client.json);
    }
    return 0;
  }
}

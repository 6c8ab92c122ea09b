package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.EstimateFeeRequest;
import io.bttspeed.wallet.id.WalletId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** EstimateFee. */
@Command(
    name = "estimate-fee",
    mixinStandardHelpOptions = true,
    description = "Estimate a send's fee in sun.")
final class EstimateFeeCommand implements Callable<Integer> {
  @Mixin ClientOptions client = new ClientOptions();
  @Spec CommandSpec spec;

  @Option(names = "--wallet", required = true)
  WalletId walletId;

  @Option(names = "--asset", required = true, converter = AssetOption.class)
  AssetOption.Choice asset;

  @Option(names = "--to", required = true)
  String to;

  @Option(names = "--amount", required = true, description = "base units (sun for TRX)")
  String amount;

  @Option(
      names = "--memo",
      defaultValue = "",
      description = "the memo the send would carry (it has a fee)")
  String memo;

  @Override
  public Integer call() {
    try (ClientOptions.Client c = client.connect()) {
      Printer.print(
          spec.commandLine().getOut(),
          c.stub()
              .estimateFee(
                  EstimateFeeRequest.newBuilder()
                      .setWalletId(walletId.toString())
                      .setAsset(asset.resolve(spec.commandLine(), c.stub(), walletId))
                      .setToAddress(to)
                      .setAmountBaseUnits(amount)
                      .setMemo(memo)
                      .build()),
          client.json);
    }
    return 0;
  }
}

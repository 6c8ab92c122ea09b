package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.GetBalancesRequest;
import io.bttspeed.wallet.id.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** GetBalances. */
@Command(
    name = "balances",
    mixinStandardHelpOptions = true,
    description = "Show a wallet's balances (base units).")
final class BalancesCommand implements Callable<Integer> {
  @Mixin ClientOptions client = new ClientOptions();
  @Spec CommandSpec spec;

  @Option(names = "--wallet", required = true)
  WalletId walletId;

  @Option(
      names = "--asset",
      converter = AssetOption.class,
      description = "trx, btt, trc10:<id>, trc20:<address>; repeatable; default: all configured")
  List<Asset> assets = new ArrayList<>();

  @Override
  public Integer call() {
    try (ClientOptions.Client c = client.connect()) {
      Printer.print(
          spec.commandLine().getOut(),
          c.stub()
              .getBalances(
                  GetBalancesRequest.newBuilder()
                      .setWalletId(walletId.toString())
                      .addAllAssets(assets)
                      .build()),
          client.json);
    }
    return 0;
  }
}

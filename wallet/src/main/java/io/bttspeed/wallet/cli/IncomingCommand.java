package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.IncomingPayment;
import io.bttspeed.proto.wallet.v1.ListIncomingRequest;
import io.bttspeed.proto.wallet.v1.SubscribeIncomingRequest;
import io.bttspeed.wallet.id.WalletId;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** ListIncoming, SubscribeIncoming: what the wallets received (a seeder's earnings among them). */
@Command(
    name = "incoming",
    mixinStandardHelpOptions = true,
    description = "Payments received by your wallets, once their blocks are solidified.",
    subcommands = {IncomingCommand.ListCmd.class, IncomingCommand.Watch.class})
final class IncomingCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "A page of incoming payments.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--wallet", description = "only this wallet's")
    Optional<WalletId> walletId = Optional.empty();

    @Option(
        names = "--offset",
        defaultValue = "0",
        description = "payment index to page from (exclusive)")
    long offset;

    @Option(names = "--max", defaultValue = "100")
    int max;

    @Option(names = "--reversed", description = "page backwards from --offset (0 = the newest)")
    boolean reversed;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        Printer.print(
            spec.commandLine().getOut(),
            c.stub()
                .listIncoming(
                    ListIncomingRequest.newBuilder()
                        .setWalletId(walletId.map(WalletId::toString).orElse(""))
                        .setIndexOffset(offset)
                        .setMaxPayments(max)
                        .setReversed(reversed)
                        .build()),
            client.json);
      }
      return 0;
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = "Stream incoming payments; resume with --after <last payment_index seen>.")
  static final class Watch implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--after", defaultValue = "0")
    long after;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        Iterator<IncomingPayment> payments =
            c.stub()
                .subscribeIncoming(
                    SubscribeIncomingRequest.newBuilder().setStartIndex(after).build());
        while (payments.hasNext()) {
          Printer.print(spec.commandLine().getOut(), payments.next(), client.json);
        }
      }
      return 0;
    }
  }
}

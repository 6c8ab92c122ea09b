package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.GetTransferRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.SubscribeTransfersRequest;
import io.bttspeed.proto.wallet.v1.TransferEvent;
import io.bttspeed.wallet.id.WalletId;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** ListTransfers, GetTransfer, SubscribeTransfers. */
@Command(
    name = "transfers",
    mixinStandardHelpOptions = true,
    description = "Transfer history and status.",
    subcommands = {
      TransfersCommand.ListCmd.class,
      TransfersCommand.Get.class,
      TransfersCommand.Watch.class
    })
final class TransfersCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "A page of transfers.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--wallet", description = "only this wallet's (default: all yours)")
    Optional<WalletId> walletId = Optional.empty();

    @Option(
        names = "--offset",
        defaultValue = "0",
        description = "creation index to page from (exclusive)")
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
                .listTransfers(
                    ListTransfersRequest.newBuilder()
                        .setWalletId(walletId.map(WalletId::toString).orElse(""))
                        .setIndexOffset(offset)
                        .setMaxTransfers(max)
                        .setReversed(reversed)
                        .build()),
            client.json);
      }
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "One transfer.")
  static final class Get implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--transfer", required = true)
    String transferId;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        Printer.print(
            spec.commandLine().getOut(),
            c.stub().getTransfer(GetTransferRequest.newBuilder().setTransferId(transferId).build()),
            client.json);
      }
      return 0;
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = "Stream status changes; resume with --after <last event_index seen>.")
  static final class Watch implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--after", defaultValue = "0")
    long after;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        Iterator<TransferEvent> events =
            c.stub()
                .subscribeTransfers(
                    SubscribeTransfersRequest.newBuilder().setStartIndex(after).build());
        while (events.hasNext()) {
          Printer.print(spec.commandLine().getOut(), events.next(), client.json);
        }
      }
      return 0;
    }
  }
}

package io.bttspeed.wallet.cli;

import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelEvent;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelResponse;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.channel.v1.ListChannelsResponse;
import io.bttspeed.proto.channel.v1.SubscribeChannelEventsRequest;
import io.bttspeed.wallet.id.WalletId;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Payment channels from a terminal, in the habits of {@code lncli} and {@code lotus paych}: open,
 * top up, extend, pay (payer), accept, settle, close (payee), reclaim (payer, after expiry), list,
 * get, watch. Amounts are base units; each channel printed is followed by a comment line with its
 * amounts in the token's display unit.
 *
 * <p>This class holds what every channel call shares and the views (list, get, watch); the payer's
 * and the payee's calls are in {@link ChannelPayerCommands} and {@link ChannelPayeeCommands}.
 */
@Command(
    name = "channels",
    mixinStandardHelpOptions = true,
    description = "Payment channels: micropayments in BTT over one on-chain deposit.",
    subcommands = {
      ChannelPayerCommands.Open.class,
      ChannelPayerCommands.TopUp.class,
      ChannelPayerCommands.Extend.class,
      ChannelPayerCommands.Pay.class,
      ChannelPayeeCommands.Accept.class,
      ChannelPayeeCommands.Settle.class,
      ChannelPayeeCommands.Close.class,
      ChannelPayerCommands.Reclaim.class,
      ChannelsCommand.ListCmd.class,
      ChannelsCommand.Get.class,
      ChannelsCommand.Watch.class,
      ChannelCostsCommands.Estimate.class,
      ChannelCostsCommands.History.class
    })
final class ChannelsCommand {

  /** The longest expiry a user can type; the service bounds it on its side too. */
  private static final Duration MAX_LIFETIME = Duration.ofDays(3650);

  /** The command's channel on the caller's side: its wallet and the channel id. */
  static final class Ref {
    @Option(
        names = "--wallet",
        required = true,
        description = "your wallet on this side of the channel")
    WalletId walletId;

    @Option(names = "--channel", required = true, description = "channel id, 64 hex digits")
    String channelId;

    ChannelRef proto() {
      return ChannelRef.newBuilder()
          .setWalletId(walletId.toString())
          .setChannelId(channelId)
          .build();
    }
  }

  /** When the channel expires: after a duration from now, or at an instant. */
  static final class Expiry {
    @Option(names = "--expires-in", description = "e.g. 7d, 12h, 90m (at most 3650d)")
    String in;

    @Option(names = "--expires-at", description = "an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z")
    String at;

    long unixMs(CommandLine cmd) {
      if (at != null) {
        try {
          return Instant.parse(at).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
          throw new CommandLine.ParameterException(
              cmd, "--expires-at must be an ISO-8601 instant, not '" + at + "'");
        }
      }
      return Instant.now().plus(lifetime(cmd, in)).toEpochMilli();
    }

    private static Duration lifetime(CommandLine cmd, String text) {
      if (text.matches("[1-9][0-9]{0,6}[dhm]")) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        Duration d =
            switch (text.charAt(text.length() - 1)) {
              case 'd' -> Duration.ofDays(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofMinutes(n);
            };
        if (d.compareTo(MAX_LIFETIME) <= 0) {
          return d;
        }
      }
      throw new CommandLine.ParameterException(
          cmd,
          "--expires-in must be a whole number of days, hours or minutes (7d, 12h, 90m) up to 3650d, not '"
              + text
              + "'");
    }
  }

  /**
   * Base units in the channel token's display unit, exactly (no floating point): channels carry BTT
   * only, so a TRC-20 channel is BTT (18 decimals) and a TRC-10 one BTTOLD (6).
   */
  static String display(io.bttspeed.proto.wallet.v1.Asset asset, String baseUnits) {
    if (!baseUnits.matches("0|[1-9][0-9]{0,79}")) {
      return baseUnits;
    }
    boolean trc20 = asset.hasTrc20ContractAddress();
    java.math.BigDecimal shown =
        new java.math.BigDecimal(new java.math.BigInteger(baseUnits), trc20 ? 18 : 6);
    return shown.stripTrailingZeros().toPlainString()
        + (trc20 ? " BTT" : asset.hasTrx() ? " TRX" : " BTTOLD");
  }

  /** Runs one call with a connected client and prints what it returns. */
  abstract static class Call implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        run(c);
      }
      return 0;
    }

    abstract void run(ClientOptions.Client c);

    void print(com.google.protobuf.MessageOrBuilder message) {
      Printer.print(spec.commandLine().getOut(), message, client.json);
    }

    /**
     * Prints a channel response, the channel's amounts in display units, and what the call burned.
     */
    void print(ChannelResponse response) {
      print((com.google.protobuf.MessageOrBuilder) response);
      printDisplay(response.getChannel());
      printFees(response.getTransactionsList());
    }

    /**
     * The fee comment line for the transactions a call sent; none with --json or when it sent none.
     */
    void printFees(java.util.List<io.bttspeed.proto.channel.v1.ChannelTransaction> sent) {
      if (client.json || sent.isEmpty()) {
        return;
      }
      long burned = sent.stream().mapToLong(t -> Long.parseLong(t.getFeeSun())).sum();
      spec.commandLine()
          .getOut()
          .println(
              "# "
                  + sent.size()
                  + " transaction(s), "
                  + ChannelCostsCommands.trx(Long.toString(burned))
                  + " burned");
      spec.commandLine().getOut().flush();
    }

    /** The display-unit comment line; none with --json, whose output is JSON only. */
    void printDisplay(Channel ch) {
      if (client.json) {
        return;
      }
      Function<String, String> shown = units -> display(ch.getAsset(), units);
      spec.commandLine()
          .getOut()
          .println(
              "# deposit "
                  + shown.apply(ch.getDepositBaseUnits())
                  + ", cumulative "
                  + shown.apply(ch.getCumulativeBaseUnits())
                  + ", paid out "
                  + shown.apply(ch.getPaidOutBaseUnits()));
      spec.commandLine().getOut().flush();
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "One channel.")
  static final class Get extends Call {
    @Mixin Ref ref = new Ref();

    @Override
    void run(ClientOptions.Client c) {
      print(c.channels().getChannel(ref.proto()));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Your channels, both roles.")
  static final class ListCmd extends Call {
    @Option(names = "--role", description = "payer or payee (default: both)")
    String role;

    @Option(names = "--state", description = "open, closing or closed (default: every state)")
    String state;

    @Option(
        names = "--counterparty",
        defaultValue = "",
        description = "only channels with this address")
    String counterparty;

    @Override
    void run(ClientOptions.Client c) {
      ListChannelsRequest.Builder req =
          ListChannelsRequest.newBuilder().setCounterpartyAddress(counterparty);
      if (role != null) {
        req.setRole(enumValue(ChannelRole::valueOf, "CHANNEL_ROLE_", "--role", role));
      }
      if (state != null) {
        req.setState(enumValue(ChannelState::valueOf, "CHANNEL_STATE_", "--state", state));
      }
      ListChannelsResponse channels = c.channels().listChannels(req.build());
      if (client.json) {
        // One JSON object for the command, as every other list prints.
        print((com.google.protobuf.MessageOrBuilder) channels);
        return;
      }
      for (Channel ch : channels.getChannelsList()) {
        print(ChannelResponse.newBuilder().setChannel(ch).build());
      }
    }

    private <E> E enumValue(
        Function<String, E> valueOf, String prefix, String option, String text) {
      if (text.matches("[a-zA-Z]{1,20}")) {
        try {
          return valueOf.apply(prefix + text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          // fall through to the usage error
        }
      }
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " does not take '" + text + "'");
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = "Stream channel events; resume with --after <last event_index seen>.")
  static final class Watch extends Call {
    @Option(names = "--after", defaultValue = "0")
    long after;

    @Option(
        names = "--limit",
        defaultValue = "0",
        description = "stop after this many events (0: never)")
    long limit;

    @Override
    void run(ClientOptions.Client c) {
      ChannelServiceGrpc.ChannelServiceBlockingStub stub = c.channels();
      Iterator<ChannelEvent> events =
          stub.subscribeChannelEvents(
              SubscribeChannelEventsRequest.newBuilder().setStartIndex(after).build());
      for (long seen = 0; (limit == 0 || seen < limit) && events.hasNext(); seen++) {
        ChannelEvent event = events.next();
        print(event);
        printDisplay(event.getChannel());
      }
    }
  }
}

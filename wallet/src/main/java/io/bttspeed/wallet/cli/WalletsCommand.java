package io.bttspeed.wallet.cli;

import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.ExportWalletRequest;
import io.bttspeed.proto.wallet.v1.ExportWalletResponse;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsResponse;
import io.bttspeed.wallet.id.WalletId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** ListWallets, GetWallet, CreateWallet, ImportWallet, ExportWallet. */
@Command(
    name = "wallets",
    mixinStandardHelpOptions = true,
    description = "List, create, import, export wallets.",
    subcommands = {
      WalletsCommand.ListCmd.class,
      WalletsCommand.Get.class,
      WalletsCommand.Create.class,
      WalletsCommand.Import.class,
      WalletsCommand.Export.class
    })
final class WalletsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List your wallets.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        // Every page, printed as one list.
        ListWalletsResponse.Builder all = ListWalletsResponse.newBuilder();
        String token = "";
        do {
          ListWalletsResponse page =
              c.stub().listWallets(ListWalletsRequest.newBuilder().setPageToken(token).build());
          all.addAllWallets(page.getWalletsList());
          token = page.getNextPageToken();
        } while (!token.isEmpty());
        Printer.print(spec.commandLine().getOut(), all, client.json);
      }
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one wallet.")
  static final class Get implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--wallet", required = true)
    WalletId walletId;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        Printer.print(
            spec.commandLine().getOut(),
            c.stub()
                .getWallet(GetWalletRequest.newBuilder().setWalletId(walletId.toString()).build()),
            client.json);
      }
      return 0;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a wallet; prints its mnemonic once: write it down.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--label", defaultValue = "")
    String label;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        Printer.print(
            spec.commandLine().getOut(),
            c.stub().createWallet(CreateWalletRequest.newBuilder().setLabel(label).build()),
            client.json);
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Import from a mnemonic, a private key, or a keystore file.")
  static final class Import implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--label", defaultValue = "")
    String label;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
      @Option(names = "--mnemonic", description = "BIP-39 words in quotes")
      String mnemonic;

      @Option(names = "--private-key", description = "64 hex characters")
      String privateKey;

      @Option(names = "--keystore", description = "keystore V3 JSON file")
      Path keystore;
    }

    @Option(
        names = "--index",
        defaultValue = "0",
        description = "account index in m/44'/195'/0'/0/i")
    int index;

    @Option(names = "--bip39-passphrase", defaultValue = "")
    String bip39Passphrase;

    @Option(names = "--password", defaultValue = "", description = "keystore password")
    String password;

    @Override
    public Integer call() throws IOException {
      ImportWalletRequest.Builder req = ImportWalletRequest.newBuilder().setLabel(label);
      if (source.mnemonic != null) {
        req.setMnemonic(
            ImportWalletRequest.MnemonicSource.newBuilder()
                .setMnemonic(source.mnemonic)
                .setBip39Passphrase(bip39Passphrase)
                .setDerivationIndex(index));
      } else if (source.privateKey != null) {
        req.setPrivateKeyHex(source.privateKey);
      } else {
        req.setKeystore(
            ImportWalletRequest.KeystoreSource.newBuilder()
                .setKeystoreJson(Files.readString(source.keystore, StandardCharsets.UTF_8))
                .setPassword(password));
      }
      try (ClientOptions.Client c = client.connect()) {
        Printer.print(spec.commandLine().getOut(), c.stub().importWallet(req.build()), client.json);
      }
      return 0;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Print the wallet's keystore V3 JSON, encrypted under --password.")
  static final class Export implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(names = "--wallet", required = true)
    WalletId walletId;

    @Option(names = "--password", required = true, interactive = true, arity = "0..1")
    String password;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        ExportWalletResponse exported =
            c.stub()
                .exportWallet(
                    ExportWalletRequest.newBuilder()
                        .setWalletId(walletId.toString())
                        .setPassword(password)
                        .build());
        if (client.json) {
          Printer.print(spec.commandLine().getOut(), exported, true);
        } else {
          spec.commandLine().getOut().println(exported.getKeystoreJson());
          spec.commandLine().getOut().flush();
        }
      }
      return 0;
    }
  }
}

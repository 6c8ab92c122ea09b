package io.bttspeed.wallet.cli;

import io.bttspeed.devnet.cli.ErrorLine;
import io.bttspeed.wallet.config.WalletConfig;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Token administration, directly on the wallet database (the server may be running). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage bearer tokens.",
    subcommands = TokenCommand.Create.class)
final class TokenCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token; it is printed once and stored only as a hash.")
  static final class Create implements Callable<Integer> {
    @Mixin ConfigOption config = new ConfigOption();
    @Spec CommandSpec spec;

    @Option(names = "--name", required = true, description = "principal that owns the wallets made with it")
    String name;

    @Option(names = "--scopes", defaultValue = "read",
        description = "read, spend, admin; several separated by ',' or '|' (default: ${DEFAULT-VALUE})")
    String scopes;

    @Override
    public Integer call() {
      Set<Scope> granted = scopes();
      WalletConfig cfg = config.load();
      Database opened;
      try {
        opened = Database.open(cfg.storage().jdbcUrl());
      } catch (RuntimeException e) {
        // H2 keeps its file locked while the server runs; no TCP auto-server, so no other door into the keys.
        // The URL without its parameters, which may hold the database password.
        String database = cfg.storage().jdbcUrl().split("[?;]", 2)[0];
        spec.commandLine().getErr().println(
            spec.qualifiedName() + ": " + ErrorLine.of("cannot open the wallet database " + database + " ("
                + ErrorLine.describe(ErrorLine.rootCause(e)) + "); if the wallet server is running on it, stop"
                + " it, create the token, and start it again"));
        spec.commandLine().getErr().flush();
        return 4;
      }
      try (Database db = opened) {
        String token =
            new PrincipalStore(db, Clock.systemUTC(), new SecureRandom()).createToken(name, granted);
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }

    /** Commas or bars: {@code read,spend} or {@code 'read|spend'}, as the README once wrote it. */
    private Set<Scope> scopes() {
      try {
        return Scope.parseList(scopes.replace('|', ','));
      } catch (InvalidArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--scopes: " + e.getMessage());
      }
    }
  }
}

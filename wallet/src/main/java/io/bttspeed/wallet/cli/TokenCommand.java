package io.bttspeed.wallet.cli;

import io.bttspeed.devnet.cli.ErrorLine;
import io.bttspeed.proto.wallet.v1.CreateTokenRequest;
import io.bttspeed.proto.wallet.v1.CreateTokenResponse;
import io.bttspeed.proto.wallet.v1.ListTokensRequest;
import io.bttspeed.proto.wallet.v1.RevokeTokenRequest;
import io.bttspeed.proto.wallet.v1.TokenInfo;
import io.bttspeed.proto.wallet.v1.TokenScope;
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

/**
 * Token administration: through a running server with an admin token (CreateToken, ListTokens,
 * RevokeToken, on the caller's own principal), or, to make the first token or one for another
 * principal, directly on the wallet database while the server is stopped.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Manage bearer tokens.",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListCmd.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a token; it is printed once and stored only as a hash.",
        "With a token (--token or $BTTSPEED_TOKEN, admin scope) and no --config: through the running server,"
            + " for the token's own principal, --name naming the new token.",
        "Otherwise (or with --config): directly on the wallet database, with the server stopped, --name"
            + " naming the principal (created if new)."
      })
  static final class Create implements Callable<Integer> {
    @Mixin ConfigOption config = new ConfigOption();
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(
        names = "--name",
        required = true,
        description =
            "through the server: the token's name; on the database: the principal that owns the"
                + " wallets made with it")
    String name;

    @Option(
        names = "--scopes",
        defaultValue = "read",
        description =
            "read, spend, admin; several separated by ',' or '|' (default: ${DEFAULT-VALUE})")
    String scopes;

    @Override
    public Integer call() {
      Set<Scope> granted = scopes();
      if (config.file == null && client.token != null && !client.token.isBlank()) {
        return throughServer(granted);
      }
      WalletConfig cfg = config.load();
      Database opened;
      try {
        opened = Database.open(cfg.storage().jdbcUrl());
      } catch (RuntimeException e) {
        // H2 keeps its file locked while the server runs; no TCP auto-server, so no other door into
        // the keys.
        // The URL without its parameters, which may hold the database password.
        String database = cfg.storage().jdbcUrl().split("[?;]", 2)[0];
        spec.commandLine()
            .getErr()
            .println(
                spec.qualifiedName()
                    + ": "
                    + ErrorLine.of(
                        "cannot open the wallet database "
                            + database
                            + " ("
                            + ErrorLine.describe(ErrorLine.rootCause(e))
                            + "); if the wallet server is running on it, create"
                            + " the token through it (--token with an admin token), or stop it, create the token, and start"
                            + " it again"));
        spec.commandLine().getErr().flush();
        return 4;
      }
      try (Database db = opened) {
        String token =
            new PrincipalStore(db, Clock.systemUTC(), new SecureRandom())
                .createToken(name, granted);
        print(CreateTokenResponse.newBuilder().setToken(token).build());
      }
      return 0;
    }

    private int throughServer(Set<Scope> granted) {
      CreateTokenRequest.Builder req = CreateTokenRequest.newBuilder().setName(name);
      granted.stream().sorted().forEach(s -> req.addScopes(proto(s)));
      try (ClientOptions.Client c = client.connect()) {
        print(c.stub().createToken(req.build()));
      }
      return 0;
    }

    /**
     * The token alone, so {@code TOKEN=$(wallet token create ...)} works; with --json the whole
     * response.
     */
    private void print(CreateTokenResponse created) {
      if (client.json) {
        Printer.print(spec.commandLine().getOut(), created, true);
      } else {
        spec.commandLine().getOut().println(created.getToken());
        spec.commandLine().getOut().flush();
      }
    }

    /** Commas or bars: {@code read,spend} or {@code 'read|spend'}, as the README once wrote it. */
    private Set<Scope> scopes() {
      try {
        return Scope.parseList(scopes.replace('|', ','));
      } catch (InvalidArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--scopes: " + e.getMessage());
      }
    }

    private static TokenScope proto(Scope scope) {
      return switch (scope) {
        case READ -> TokenScope.TOKEN_SCOPE_READ;
        case SPEND -> TokenScope.TOKEN_SCOPE_SPEND;
        case ADMIN -> TokenScope.TOKEN_SCOPE_ADMIN;
      };
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Your principal's tokens (id, name, scopes, created, last used; never the secret).")
  static final class ListCmd implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        Printer.print(
            spec.commandLine().getOut(),
            c.stub().listTokens(ListTokensRequest.getDefaultInstance()),
            client.json);
      }
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Revoke one of your principal's tokens by its id (from `token list`); the next call with it"
              + " is refused.")
  static final class Revoke implements Callable<Integer> {
    @Mixin ClientOptions client = new ClientOptions();
    @Spec CommandSpec spec;

    @Option(
        names = "--id",
        required = true,
        description = "the token's token_id: 16 hex characters")
    String tokenId;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        TokenInfo revoked =
            c.stub()
                .revokeToken(RevokeTokenRequest.newBuilder().setTokenId(tokenId).build())
                .getInfo();
        Printer.print(spec.commandLine().getOut(), revoked, client.json);
      }
      return 0;
    }
  }
}

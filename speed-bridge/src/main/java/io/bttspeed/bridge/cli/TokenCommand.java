package io.bttspeed.bridge.cli;

import io.bttspeed.bridge.app.BridgeDaemon;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Creates a bearer token in the daemon's data directory (works while the daemon runs). */
@Command(name = "token", description = "Create an API bearer token with the given scopes.")
final class TokenCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      defaultValue = "speed-bridge-data",
      description = "state directory (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--name", required = true, description = "who the token is for")
  String name;

  @Option(
      names = "--scopes",
      defaultValue = "read",
      description = "comma-separated: read, spend, admin (default ${DEFAULT-VALUE})")
  String scopes;

  @Override
  public Integer call() {
    try (Database db = Database.open(BridgeDaemon.walletUrl(dataDir))) {
      String token =
          new PrincipalStore(db, Clock.systemUTC(), new SecureRandom())
              .createToken(name, Scope.parseList(scopes));
      System.out.println(token);
    }
    return 0;
  }
}

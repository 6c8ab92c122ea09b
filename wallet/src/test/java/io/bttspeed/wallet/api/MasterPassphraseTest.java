package io.bttspeed.wallet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.keys.Keystore;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.WalletStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterPassphraseTest {

  @TempDir Path dir;

  @Test
  void wrongMasterPassphraseStopsTheStartAndReleasesTheDatabase() {
    String url = "jdbc:h2:file:" + dir.resolve("wallet");
    try (Database db = Database.open(url)) {
      PrincipalStore principals = new PrincipalStore(db, Clock.systemUTC(), new SecureRandom());
      Principal owner =
          principals.authenticate(principals.createToken("o", Set.of(Scope.ADMIN))).orElseThrow();
      new Wallets(
              new WalletStore(db),
              new Keystore(new SecureRandom()),
              "the-right-passphrase",
              new Keystore.ScryptCost(1 << 10, 8, 1),
              Clock.systemUTC(),
              new SecureRandom())
          .create(owner, "w", "");
    }
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", url);
    Wallets.WrongMasterPassphraseException e =
        assertThrows(
            Wallets.WrongMasterPassphraseException.class,
            () ->
                WalletApp.start(
                    ConfigLoader.fromProperties(
                        p, Map.of("BTTSPEED_MASTER_PASSPHRASE", "a-wrong-passphrase")),
                    DevnetConfig.inMemory().withInstantBlocks()));
    assertTrue(e.getMessage().contains("master passphrase does not decrypt"), e.getMessage());
    assertTrue(Files.exists(dir.resolve("wallet.mv.db")));
    // The failed start closed the database: it opens again at once, and the right passphrase
    // starts.
    try (WalletApp app =
        WalletApp.start(
            ConfigLoader.fromProperties(
                p, Map.of("BTTSPEED_MASTER_PASSPHRASE", "the-right-passphrase")),
            DevnetConfig.inMemory().withInstantBlocks())) {
      assertEquals(true, app.port() > 0);
    }
  }
}

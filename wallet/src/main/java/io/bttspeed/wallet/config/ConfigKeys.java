package io.bttspeed.wallet.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Every key the wallet reads, and the refusal of any other. A misspelt key ({@code listen.prot})
 * would otherwise be ignored and its default used in silence, so the start fails naming it and the
 * closest key.
 */
final class ConfigKeys {

  /** The prefix of environment overrides; also of the few project variables that are not keys. */
  static final String ENV_PREFIX = "BTTSPEED_";

  /** {@code tron.token.<SYMBOL>}: a family of keys, one per extra token. */
  static final String TOKEN_PREFIX = "tron.token.";

  static final String DEFAULT_PASSPHRASE_ENV = ENV_PREFIX + "MASTER_PASSPHRASE";

  private static final List<String> KEYS =
      List.of(
          "tron.network",
          "tron.node",
          "tron.solidity-node",
          "tron.call-deadline-ms",
          "data.dir",
          "db.url",
          "listen.address",
          "listen.port",
          "tls.cert",
          "tls.key",
          "dev-mode",
          "dev-mode.allow-non-loopback",
          "master-passphrase.env",
          "master-passphrase.file",
          "keys.scrypt-log2n",
          "confirm.poll-interval-ms",
          "fee-limit.margin-percent",
          "channels.expiry-margin-s",
          "channels.fee-limit-sun",
          "channels.call-timeout-ms",
          "channels.settle.check-interval-ms",
          "channels.settle.before-expiry-s",
          "channels.settle.threshold-btt",
          "channels.settle.sun-per-btt",
          "channels.settle.fee-factor",
          "channels.reclaim.auto",
          "channels.hub.trc20",
          "channels.hub.trc10",
          "channels.token.trc20",
          "channels.chain-id",
          "metrics.port",
          "metrics.address");

  /**
   * Variables in our prefix that are not configuration: the client commands' token and the test
   * suites' settings. The master passphrase variable is allowed by name, whichever {@code
   * master-passphrase.env} says.
   */
  private static final Set<String> OTHER_VARIABLES = Set.of(ENV_PREFIX + "TOKEN");

  private static final String TEST_VARIABLES = ENV_PREFIX + "TEST_";

  /** Edits beyond which a suggestion would be a guess rather than the key the operator meant. */
  private static final int MAX_SUGGESTION_DISTANCE = 3;

  private ConfigKeys() {}

  /** The keys, {@code tron.token.<SYMBOL>} aside. */
  static List<String> all() {
    return KEYS;
  }

  static boolean isKnown(String key) {
    return KEYS.contains(key)
        || (key.startsWith(TOKEN_PREFIX) && key.length() > TOKEN_PREFIX.length());
  }

  /** {@code tron.node} → {@code BTTSPEED_TRON_NODE}. */
  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Refuses the first key of the file that is not a wallet key, with the closest one when there is
   * one.
   */
  static void requireKnownFileKeys(Properties file) {
    file.stringPropertyNames().stream()
        .sorted()
        .filter(key -> !isKnown(key))
        .findFirst()
        .ifPresent(
            key -> {
              throw new ConfigException(
                  key,
                  "is not a wallet setting"
                      + closest(key).map(k -> "; did you mean '" + k + "'?").orElse(""));
            });
  }

  /**
   * Refuses the first {@code BTTSPEED_} variable that overrides no key and is not one of the
   * project's other variables; variables outside the prefix are none of the wallet's business.
   */
  static void requireKnownEnvironment(Map<String, String> env, String passphraseVariable) {
    env.keySet().stream()
        .filter(name -> name.startsWith(ENV_PREFIX))
        .filter(name -> !name.equals(passphraseVariable) && !name.equals(DEFAULT_PASSPHRASE_ENV))
        .filter(name -> !OTHER_VARIABLES.contains(name) && !name.startsWith(TEST_VARIABLES))
        .filter(
            name -> !name.startsWith(envName(TOKEN_PREFIX)) || name.equals(envName(TOKEN_PREFIX)))
        .filter(name -> KEYS.stream().noneMatch(key -> envName(key).equals(name)))
        .sorted()
        .findFirst()
        .ifPresent(
            name -> {
              throw new ConfigException(
                  name,
                  "is an environment variable in the wallet's prefix but overrides no setting"
                      + closestVariable(name).map(v -> "; did you mean " + v + "?").orElse(""));
            });
  }

  private static Optional<String> closest(String key) {
    return nearest(key.toLowerCase(Locale.ROOT), KEYS);
  }

  private static Optional<String> closestVariable(String name) {
    return nearest(name, KEYS.stream().map(ConfigKeys::envName).toList());
  }

  private static Optional<String> nearest(String text, List<String> candidates) {
    String best = null;
    int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
    for (String candidate : candidates) {
      int d = distance(text, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Edit distance counting a swap of neighbours as one edit ({@code prot} → {@code port}), the
   * commonest slip. Keys are short, so the table is small; an absurdly long key is not worth
   * comparing.
   */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_SUGGESTION_DISTANCE) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

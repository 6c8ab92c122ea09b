package io.bttspeed.wallet.cli;

import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.config.WalletConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the properties file; environment variables BTTSPEED_... override it. */
final class ConfigOption {

  @Option(
      names = "--config",
      description = "wallet .properties file (optional; see README for keys)")
  Path file;

  WalletConfig load() {
    return ConfigLoader.load(Optional.ofNullable(file), System.getenv());
  }
}

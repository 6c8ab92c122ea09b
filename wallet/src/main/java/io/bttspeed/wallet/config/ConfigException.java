package io.bttspeed.wallet.config;

/**
 * A configuration value is missing or invalid; the message names the key so the operator can fix
 * it.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String key, String problem) {
    super("configuration '" + key + "' " + problem);
  }
}

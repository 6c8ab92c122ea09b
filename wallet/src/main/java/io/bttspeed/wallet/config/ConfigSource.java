package io.bttspeed.wallet.config;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The raw settings: the file's keys, each overridden by its {@code BTTSPEED_} variable. Values are
 * read in one form only, so what the operator wrote is what the wallet does: {@code true}/{@code
 * false}, and whole numbers in plain decimal within the key's bounds ({@code yes}, {@code +5},
 * {@code 007} are refused). Surrounding whitespace is dropped, since a properties file keeps the
 * trailing blanks no one sees.
 */
final class ConfigSource {

  private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,18}");

  private final Properties file;
  private final Map<String, String> env;

  ConfigSource(Properties file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  Map<String, String> env() {
    return env;
  }

  Properties file() {
    return file;
  }

  /** The value, if set and not blank. */
  Optional<String> text(String key) {
    if (!ConfigKeys.isKnown(key)) {
      throw new IllegalArgumentException(
          "read of an unlisted key " + key + ": add it to ConfigKeys");
    }
    String value = env.get(ConfigKeys.envName(key));
    if (value == null) {
      value = file.getProperty(key);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  long number(String key, long fallback, long min, long max) {
    Optional<String> text = text(key);
    return text.isEmpty() ? fallback : parseNumber(key, text.get(), min, max);
  }

  int intNumber(String key, int fallback, int min, int max) {
    return (int) number(key, fallback, min, max);
  }

  boolean bool(String key, boolean fallback) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return fallback;
    }
    return switch (text.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, "must be true or false, not '" + text.get() + "'");
    };
  }

  /**
   * A whole number in plain decimal between {@code min} and {@code max}, or the error naming {@code
   * key}.
   */
  static long parseNumber(String key, String text, long min, long max) {
    if (!CANONICAL_INTEGER.matcher(text).matches()) {
      throw new ConfigException(
          key,
          "must be a whole number in plain decimal (no '+', inner spaces or leading zeros), not '"
              + text
              + "'");
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      value = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (value < min || value > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", not " + text);
    }
    return value;
  }
}

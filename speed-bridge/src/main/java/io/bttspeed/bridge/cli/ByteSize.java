package io.bttspeed.bridge.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes and rates as people type them: {@code 48MiB}, {@code 512KiB}, {@code 3MiB/s} or bytes. */
final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})\\s*(b|kib|mib|gib)?");

  private ByteSize() {}

  /**
   * Bytes (or bytes per second when {@code rate}, where a trailing {@code /s} is allowed); units
   * are binary: KiB is 1,024 bytes.
   */
  static long parse(String option, String text, boolean rate) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (rate && value.endsWith("/s")) {
      value = value.substring(0, value.length() - 2);
    }
    Matcher m = SIZE.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option
              + " is a number of bytes, or with KiB, MiB or GiB, such as 48MiB"
              + (rate ? "/s" : ""));
    }
    long number = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2) == null ? "b" : m.group(2)) {
          case "kib" -> 10;
          case "mib" -> 20;
          case "gib" -> 30;
          default -> 0;
        };
    if (number > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException(option + " is too large");
    }
    return number << shift;
  }
}

package io.bttspeed.wallet.store;

import io.bttspeed.wallet.error.InvalidArgumentException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a bearer token allows, each level including the ones before it (as LND's admin macaroon
 * includes the read-only one): read state; spend funds and create wallets; administer keys
 * (export).
 */
public enum Scope {
  READ,
  SPEND,
  ADMIN;

  /** Whether holding this scope allows what {@code required} guards. */
  public boolean includes(Scope required) {
    return ordinal() >= required.ordinal();
  }

  /** Parses a comma-separated list such as {@code read,spend}. */
  public static Set<Scope> parseList(String text) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String part : text.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      try {
        scopes.add(valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentException(
            "unknown scope '" + name + "'; scopes are read, spend, admin");
      }
    }
    if (scopes.isEmpty()) {
      throw new InvalidArgumentException("at least one scope is needed: read, spend or admin");
    }
    return scopes;
  }

  public static String format(Set<Scope> scopes) {
    return String.join(
        ",", scopes.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList());
  }
}

package io.bttspeed.wallet.store;

import java.util.Set;

/** An authenticated caller: its id, name, and the scopes of the token it presented. */
public record Principal(String id, String name, Set<Scope> scopes) {
  public Principal {
    scopes = Set.copyOf(scopes);
  }

  public boolean has(Scope required) {
    return scopes.stream().anyMatch(s -> s.includes(required));
  }
}

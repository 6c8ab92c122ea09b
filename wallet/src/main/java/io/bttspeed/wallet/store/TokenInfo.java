package io.bttspeed.wallet.store;

import java.util.Set;

/**
 * What may be shown of a bearer token: never its secret, only its public id (the first 16 hex
 * characters of the secret's SHA-256), the name its owner gave it, its scopes, and when it was
 * created and last used (Unix epoch milliseconds; last used 0 if never, else to within {@link
 * PrincipalStore#LAST_USED_RESOLUTION_MS}).
 */
public record TokenInfo(
    String tokenId, String name, Set<Scope> scopes, long createdAtMs, long lastUsedAtMs) {
  public TokenInfo {
    scopes = Set.copyOf(scopes);
  }
}

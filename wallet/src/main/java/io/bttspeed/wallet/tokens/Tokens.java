package io.bttspeed.wallet.tokens;

import io.bttspeed.tron.Echo;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.error.PermissionDeniedException;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.TokenInfo;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Token administration while the server runs: a caller manages its own principal's tokens only, so
 * an admin token of one principal reaches no other principal's wallets. Creating a token for
 * another principal stays with the operator ({@code wallet token create --config}, on the
 * database).
 */
public final class Tokens {

  /** Printable, shell- and log-safe names: nothing to escape when listed. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{16}");

  private final PrincipalStore store;

  public Tokens(PrincipalStore store) {
    this.store = store;
  }

  /** A new token for the caller's principal, with no scope the caller's own token lacks. */
  public PrincipalStore.CreatedToken create(Principal caller, String name, Set<Scope> scopes) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidArgumentException(
          "name "
              + Echo.quote(name)
              + " must be 1 to 64 characters of letters, digits, '.', '_', '-' and '@'");
    }
    if (scopes.isEmpty()) {
      throw new InvalidArgumentException("scopes: at least one is needed (read, spend or admin)");
    }
    for (Scope scope : scopes) {
      if (!caller.has(scope)) {
        throw new PermissionDeniedException(
            "a token cannot grant the '"
                + Scope.format(Set.of(scope))
                + "' scope its creator's token lacks");
      }
    }
    return store.createToken(caller.name(), name, scopes);
  }

  public List<TokenInfo> list(Principal caller) {
    return store.tokens(caller.id());
  }

  /** Revokes one of the caller's principal's tokens; NOT_FOUND for any other id. */
  public TokenInfo revoke(Principal caller, String tokenId) {
    if (!TOKEN_ID.matcher(tokenId).matches()) {
      throw new InvalidArgumentException(
          "token_id " + Echo.quote(tokenId) + " is not 16 lowercase hex characters");
    }
    return store
        .revoke(caller.id(), tokenId)
        .orElseThrow(
            () -> new NotFoundException("no token " + Echo.quote(tokenId) + " of this principal"));
  }
}

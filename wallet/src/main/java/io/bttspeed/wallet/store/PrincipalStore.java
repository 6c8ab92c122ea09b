package io.bttspeed.wallet.store;

import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.wallet.error.FailedPreconditionException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Principals and their bearer tokens. A token is shown once when created and stored only as its
 * SHA-256; it is listed by its public id and revoked by deleting its row.
 */
public final class PrincipalStore {

  /**
   * How stale a token's "last used" may be: a known token's use is written at most once per this
   * many milliseconds, so a busy client costs no write per call. The same write notices a token
   * revoked by another server on the same database.
   */
  public static final long LAST_USED_RESOLUTION_MS = 60_000;

  /** The most tokens one principal may hold, so a leaked admin token cannot fill the database. */
  public static final int MAX_TOKENS_PER_PRINCIPAL = 1_000;

  private static final String TOKEN_PREFIX = "btts_";
  private static final int TOKEN_ID_CHARS = 16;
  private static final int NAME_COLUMN_CHARS = 64;

  /** A token known to be valid, and when its use was last written. */
  private record Known(Principal principal, String tokenId, AtomicLong lastUsedWrittenMs) {}

  /** A new token: its secret text, shown once, and what may be shown of it later. */
  public record CreatedToken(String token, TokenInfo info) {}

  private final Database db;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Known> authenticated = new ConcurrentHashMap<>();

  /**
   * Ids revoked by this process: an authentication that read its row just before the delete must
   * not cache it after the eviction (see {@link #authenticate}).
   */
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();

  public PrincipalStore(Database db, Clock clock, SecureRandom random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Creates a token for the named principal (creating the principal if new) and returns the token
   * text.
   */
  public String createToken(String principalName, Set<Scope> scopes) {
    String name =
        principalName.length() > NAME_COLUMN_CHARS
            ? principalName.substring(0, NAME_COLUMN_CHARS)
            : principalName;
    return createToken(principalName, name, scopes).token();
  }

  /**
   * Creates a token named {@code tokenName} for the named principal (creating the principal if
   * new); refused with FAILED_PRECONDITION when the principal already holds {@link
   * #MAX_TOKENS_PER_PRINCIPAL}.
   */
  public CreatedToken createToken(String principalName, String tokenName, Set<Scope> scopes) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String hash = hash(token);
    long now = clock.millis();
    db.inTransaction(
        c -> {
          String principalId;
          try (PreparedStatement q =
              c.prepareStatement("SELECT principal_id FROM principals WHERE name = ?")) {
            q.setString(1, principalName);
            try (ResultSet rs = q.executeQuery()) {
              principalId = rs.next() ? rs.getString(1) : null;
            }
          }
          if (principalId == null) {
            principalId = UUID.randomUUID().toString();
            try (PreparedStatement ins =
                c.prepareStatement(
                    "INSERT INTO principals (principal_id, name, created_at_ms) VALUES (?, ?, ?)")) {
              ins.setString(1, principalId);
              ins.setString(2, principalName);
              ins.setLong(3, now);
              ins.executeUpdate();
            }
          } else {
            try (PreparedStatement q =
                c.prepareStatement("SELECT COUNT(*) FROM api_tokens WHERE principal_id = ?")) {
              q.setString(1, principalId);
              try (ResultSet rs = q.executeQuery()) {
                rs.next();
                if (rs.getLong(1) >= MAX_TOKENS_PER_PRINCIPAL) {
                  throw new FailedPreconditionException(
                      "this principal already holds "
                          + MAX_TOKENS_PER_PRINCIPAL
                          + " tokens; revoke some first");
                }
              }
            }
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO api_tokens (token_hash, principal_id, scopes, created_at_ms, token_id, name,"
                      + " last_used_at_ms) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            ins.setString(1, hash);
            ins.setString(2, principalId);
            ins.setString(3, Scope.format(scopes));
            ins.setLong(4, now);
            ins.setString(5, tokenId(hash));
            ins.setString(6, tokenName);
            ins.executeUpdate();
          }
          return null;
        });
    return new CreatedToken(token, new TokenInfo(tokenId(hash), tokenName, scopes, now, 0));
  }

  /** The principal's tokens, oldest first. */
  public List<TokenInfo> tokens(String principalId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT token_id, name, scopes, created_at_ms, last_used_at_ms FROM api_tokens"
                      + " WHERE principal_id = ? ORDER BY created_at_ms, token_id")) {
            q.setString(1, principalId);
            try (ResultSet rs = q.executeQuery()) {
              List<TokenInfo> tokens = new ArrayList<>();
              while (rs.next()) {
                tokens.add(info(rs));
              }
              return tokens;
            }
          }
        });
  }

  /**
   * Revokes one of the principal's tokens: from the next call on it authenticates nothing. Empty if
   * the principal holds no token with that id (another principal's looks the same).
   */
  public Optional<TokenInfo> revoke(String principalId, String tokenId) {
    Optional<TokenInfo> gone =
        db.inTransaction(
            c -> {
              TokenInfo info;
              try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT token_id, name, scopes, created_at_ms, last_used_at_ms FROM api_tokens"
                          + " WHERE principal_id = ? AND token_id = ? FOR UPDATE")) {
                q.setString(1, principalId);
                q.setString(2, tokenId);
                try (ResultSet rs = q.executeQuery()) {
                  if (!rs.next()) {
                    return Optional.<TokenInfo>empty();
                  }
                  info = info(rs);
                }
              }
              try (PreparedStatement del =
                  c.prepareStatement(
                      "DELETE FROM api_tokens WHERE principal_id = ? AND token_id = ?")) {
                del.setString(1, principalId);
                del.setString(2, tokenId);
                if (del.executeUpdate() == 0) {
                  return Optional.<TokenInfo>empty();
                }
              }
              return Optional.of(info);
            });
    if (gone.isPresent()) {
      // Marked after the delete, then evicted: an authentication that read the row before the
      // delete and caches it afterwards either sees the mark or is cached before the eviction.
      revoked.add(tokenId);
      authenticated.values().removeIf(k -> k.tokenId().equals(tokenId));
    }
    return gone;
  }

  /**
   * The principal a token belongs to, with that token's scopes; empty for an unknown or revoked
   * token. Known tokens are remembered, so only the first call per token (and one per {@link
   * #LAST_USED_RESOLUTION_MS}, which records the use) touches the database; {@link #revoke} forgets
   * them.
   */
  public Optional<Principal> authenticate(String token) {
    String hash = hash(token);
    long now = clock.millis();
    Known known = authenticated.get(hash);
    if (known != null) {
      long written = known.lastUsedWrittenMs().get();
      if (now - written < LAST_USED_RESOLUTION_MS
          || !known.lastUsedWrittenMs().compareAndSet(written, now)) {
        return Optional.of(known.principal());
      }
      if (markUsed(hash, now)) {
        return Optional.of(known.principal());
      }
      authenticated.remove(hash);
      return Optional.empty();
    }
    Optional<Known> found = lookup(hash, now);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    authenticated.put(hash, found.get());
    if (revoked.contains(found.get().tokenId())) {
      authenticated.remove(hash);
      return Optional.empty();
    }
    return Optional.of(found.get().principal());
  }

  /**
   * Records a use; false if the token is gone (revoked, perhaps by another server on this
   * database).
   */
  private boolean markUsed(String hash, long now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE api_tokens SET last_used_at_ms = ? WHERE token_hash = ?")) {
            u.setLong(1, now);
            u.setString(2, hash);
            return u.executeUpdate() > 0;
          }
        });
  }

  private Optional<Known> lookup(String hash, long now) {
    return db.inTransaction(
        c -> {
          Known known;
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT p.principal_id, p.name, t.scopes, t.token_id FROM api_tokens t"
                      + " JOIN principals p ON p.principal_id = t.principal_id WHERE t.token_hash = ?")) {
            q.setString(1, hash);
            try (ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Known>empty();
              }
              known =
                  new Known(
                      new Principal(
                          rs.getString(1), rs.getString(2), Scope.parseList(rs.getString(3))),
                      rs.getString(4),
                      new AtomicLong(now));
            }
          }
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE api_tokens SET last_used_at_ms = ? WHERE token_hash = ?")) {
            u.setLong(1, now);
            u.setString(2, hash);
            u.executeUpdate();
          }
          return Optional.of(known);
        });
  }

  private static TokenInfo info(ResultSet rs) throws java.sql.SQLException {
    return new TokenInfo(
        rs.getString(1),
        rs.getString(2),
        Scope.parseList(rs.getString(3)),
        rs.getLong(4),
        rs.getLong(5));
  }

  /** The public id of a token: a prefix of its hash, which reveals nothing of the secret. */
  private static String tokenId(String hash) {
    return hash.substring(0, TOKEN_ID_CHARS);
  }

  static String hash(String token) {
    return HexFormat.of().formatHex(Sha256.hash(token.getBytes(StandardCharsets.UTF_8)));
  }
}

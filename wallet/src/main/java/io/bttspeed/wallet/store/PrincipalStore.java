package io.bttspeed.wallet.store;

import io.bttspeed.tron.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Principals and their bearer tokens. A token is shown once when created and stored only as its SHA-256. */
public final class PrincipalStore {

  private static final String TOKEN_PREFIX = "btts_";

  private final Database db;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Principal> authenticated = new ConcurrentHashMap<>();

  public PrincipalStore(Database db, Clock clock, SecureRandom random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  /** Creates a token for the named principal (creating the principal if new) and returns the token text. */
  public String createToken(String principalName, Set<Scope> scopes) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long now = clock.millis();
    db.inTransaction(
        c -> {
          String principalId;
          try (PreparedStatement q = c.prepareStatement("SELECT principal_id FROM principals WHERE name = ?")) {
            q.setString(1, principalName);
            try (ResultSet rs = q.executeQuery()) {
              principalId = rs.next() ? rs.getString(1) : null;
            }
          }
          if (principalId == null) {
            principalId = UUID.randomUUID().toString();
            try (PreparedStatement ins =
                c.prepareStatement("INSERT INTO principals (principal_id, name, created_at_ms) VALUES (?, ?, ?)")) {
              ins.setString(1, principalId);
              ins.setString(2, principalName);
              ins.setLong(3, now);
              ins.executeUpdate();
            }
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO api_tokens (token_hash, principal_id, scopes, created_at_ms) VALUES (?, ?, ?, ?)")) {
            ins.setString(1, hash(token));
            ins.setString(2, principalId);
            ins.setString(3, Scope.format(scopes));
            ins.setLong(4, now);
            ins.executeUpdate();
          }
          return null;
        });
    return token;
  }

  /**
   * The principal a token belongs to, with that token's scopes; empty for an unknown token. Known tokens are
   * remembered (tokens are never revoked or changed), so only the first call per token reads the database.
   */
  public Optional<Principal> authenticate(String token) {
    String hash = hash(token);
    Principal known = authenticated.get(hash);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Principal> found = lookup(hash);
    found.ifPresent(p -> authenticated.put(hash, p));
    return found;
  }

  private Optional<Principal> lookup(String hash) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT p.principal_id, p.name, t.scopes FROM api_tokens t"
                      + " JOIN principals p ON p.principal_id = t.principal_id WHERE t.token_hash = ?")) {
            q.setString(1, hash);
            try (ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Principal(rs.getString(1), rs.getString(2), Scope.parseList(rs.getString(3))));
            }
          }
        });
  }

  static String hash(String token) {
    return HexFormat.of().formatHex(Sha256.hash(token.getBytes(StandardCharsets.UTF_8)));
  }
}

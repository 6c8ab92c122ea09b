package io.bttspeed.wallet.app;

import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token a dev-mode start prints, reused across restarts: an exported {@code
 * BTTSPEED_TOKEN} keeps working instead of one more admin token piling up per start. The server
 * keeps only hashes, so the secret is kept in {@code dev-admin-token} in the data directory
 * (owner-only permissions; dev mode runs only on loopback with a public master passphrase, so this
 * file protects nothing the data directory does not). A saved token that no longer authenticates
 * with admin scope (the database was reset, or the token revoked) is replaced by a new one.
 */
public final class DevAdminToken {

  public static final String FILE_NAME = "dev-admin-token";

  /** The principal the dev-mode token belongs to. */
  public static final String PRINCIPAL = "dev";

  private static final Logger LOG = LoggerFactory.getLogger(DevAdminToken.class);

  /** The token, and whether it is the one saved by an earlier start. */
  public record Obtained(String token, boolean reused) {}

  private DevAdminToken() {}

  public static Obtained obtain(PrincipalStore principals, Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.isRegularFile(file)) {
        String saved = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!saved.isEmpty()
            && principals.authenticate(saved).filter(p -> p.has(Scope.ADMIN)).isPresent()) {
          LOG.info("dev mode: reusing the admin token saved in {}", file);
          return new Obtained(saved, true);
        }
        LOG.info("dev mode: the admin token saved in {} is no longer valid; replacing it", file);
      }
      String token = principals.createToken(PRINCIPAL, Set.of(Scope.ADMIN));
      save(file, token);
      LOG.info("dev mode: created an admin token and saved it in {}; later starts reuse it", file);
      return new Obtained(token, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev-mode admin token in " + file, e);
    }
  }

  /**
   * Written to a temporary owner-only file, then moved into place: never readable by others, never
   * half.
   */
  private static void save(Path file, String token) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // A file system without POSIX permissions (Windows): its default ACL is all it offers.
      Files.createFile(tmp);
    }
    Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

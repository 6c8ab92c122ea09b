package io.bttspeed.tron.crypto;

import java.security.MessageDigest;
import java.security.Provider;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * SHA-1 and SHA-256 throughput of the JDK's provider beside Bouncy Castle's, in one run: what
 * {@link JdkProvidersFirst} wins back for Bt's piece hashing and the devnet's ids.
 *
 * <p>{@code mvn -q -pl tron-core exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.bttspeed.tron.crypto.DigestProvidersBenchmark -Dexec.args="512"} (MiB per
 * measurement, 16..4096; each pair runs twice, the first as the JIT's warm-up).
 */
public final class DigestProvidersBenchmark {
  private DigestProvidersBenchmark() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    if (mib < 16 || mib > 4096) {
      throw new IllegalArgumentException("usage: DigestProvidersBenchmark [MiB 16..4096]");
    }
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    Provider jdk = MessageDigest.getInstance("SHA-1", "SUN").getProvider();
    Provider bouncyCastle = new BouncyCastleProvider();
    System.out.printf(
        Locale.ROOT,
        "%d MiB per figure, %d cores, Java %s%n",
        mib,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (String algorithm : new String[] {"SHA-1", "SHA-256"}) {
      for (int round = 1; round <= 2; round++) {
        for (Provider provider : new Provider[] {jdk, bouncyCastle}) {
          MessageDigest digest = MessageDigest.getInstance(algorithm, provider);
          long start = System.nanoTime();
          for (int i = 0; i < mib; i++) {
            digest.update(block);
          }
          digest.digest();
          long nanos = System.nanoTime() - start;
          System.out.printf(
              Locale.ROOT,
              "%-7s round %d  %-3s %5d MiB/s%n",
              algorithm,
              round,
              provider.getName(),
              mib * 1_000_000_000L / Math.max(1, nanos));
        }
      }
    }
  }
}

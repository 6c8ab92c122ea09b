package io.bttspeed.tron.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Keeps the JDK's own security providers ahead of Bouncy Castle.
 *
 * <p>Trident's {@code SECP256K1} installs Bouncy Castle as the process's <em>first</em> provider
 * when its class loads. From then on every {@code MessageDigest.getInstance("SHA-1")} or {@code
 * "SHA-256"} in the JVM, Bt's piece hashing and our block and transaction ids among them, gets
 * Bouncy Castle's pure-Java digest instead of the JDK's, which the JIT runs on the CPU's SHA
 * instructions: SHA-1 at 150 MiB/s instead of 670–850 MiB/s on the 2-core machine
 * (docs/benchmarks.md). Trident and our signer ask for Bouncy Castle by name, so they work the same
 * with it last.
 *
 * <p>Called once by each component as it starts (the BitTorrent engine, the devnet, the wallet),
 * before it serves anything: moving the provider is not atomic for a thread that looks it up by
 * name at that moment.
 */
public final class JdkProvidersFirst {
  private static final String BOUNCY_CASTLE = BouncyCastleProvider.PROVIDER_NAME;

  private JdkProvidersFirst() {}

  /**
   * Puts Bouncy Castle last, installing it if absent. Once it is installed, Trident's own insertion
   * does nothing (the JDK refuses to install a provider twice), whichever comes first.
   */
  public static synchronized void ensure() {
    Provider bouncyCastle = Security.getProvider(BOUNCY_CASTLE);
    if (bouncyCastle == null) {
      Security.addProvider(new BouncyCastleProvider());
      return;
    }
    Provider[] providers = Security.getProviders();
    if (providers[providers.length - 1] != bouncyCastle) {
      Security.removeProvider(BOUNCY_CASTLE);
      Security.addProvider(bouncyCastle);
    }
  }
}

package io.bttspeed.devnet;

import org.tron.trident.core.ApiWrapper;

/** An unmodified Trident client for one development account, closable in try-with-resources. */
public final class TridentSession implements AutoCloseable {
  public final ApiWrapper api;

  public TridentSession(Devnet devnet, DevelopmentAccount account) {
    this.api = new ApiWrapper(devnet.target(), devnet.target(), account.privateKeyHex());
  }

  @Override
  public void close() {
    api.close();
  }
}

package io.bttspeed.devnet.tvm.precompile;

import io.bttspeed.devnet.tvm.Address;
import java.util.Optional;

/** TRON's precompiles 0x01..0x05 by address. */
public final class Precompiles {

  private static final Precompile[] BY_NUMBER = {
    null, new EcRecover(), new Sha256(), new Sha256Of160(), new Identity(), new ModExp()
  };
  private static final Address[] ADDRESSES = new Address[BY_NUMBER.length];

  static {
    for (int i = 1; i < ADDRESSES.length; i++) {
      byte[] raw = new byte[Address.LENGTH];
      raw[Address.LENGTH - 1] = (byte) i;
      ADDRESSES[i] = Address.of(raw);
    }
  }

  private Precompiles() {}

  public static Optional<Precompile> forAddress(Address address) {
    for (int i = 1; i < ADDRESSES.length; i++) {
      if (ADDRESSES[i].equals(address)) {
        return Optional.of(BY_NUMBER[i]);
      }
    }
    return Optional.empty();
  }

  /** The address of precompile {@code number} (1 = ecrecover ...). */
  public static Address address(int number) {
    return ADDRESSES[number];
  }
}

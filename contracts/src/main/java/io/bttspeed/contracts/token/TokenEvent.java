package io.bttspeed.contracts.token;

import io.bttspeed.contracts.EvmAddress;
import java.math.BigInteger;

/** The TRC-20 events, amounts in the token's base units. */
public sealed interface TokenEvent {
  /**
   * {@code Transfer(address indexed from, address indexed to, uint256 value)}; from zero on a mint.
   */
  record Transfer(EvmAddress from, EvmAddress to, BigInteger value) implements TokenEvent {}

  /** {@code Approval(address indexed owner, address indexed spender, uint256 value)}. */
  record Approval(EvmAddress owner, EvmAddress spender, BigInteger value) implements TokenEvent {}
}

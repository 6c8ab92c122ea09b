package io.bttspeed.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.MalformedValueException;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Addresses and amounts as every RPC and CLI receives them: the one canonical form is accepted and
 * round-trips, anything else is a {@link MalformedValueException} (INVALID_ARGUMENT on the wire),
 * in bounded time.
 */
class AddressAndAmountFuzzTest {

  @Property
  void arbitraryTextIsAnAddressOrARefusal(@ForAll @Size(max = 200) String text) {
    try {
      TronAddress address = TronAddress.parse(text);
      assertEquals(21, address.toByteArray().length);
    } catch (MalformedValueException expected) {
      // the documented refusal
    }
  }

  @Property
  void everyAddressRoundTripsThroughBothTextForms(@ForAll @Size(value = 20) byte[] account) {
    byte[] raw = new byte[21];
    raw[0] = 0x41;
    System.arraycopy(account, 0, raw, 1, 20);
    TronAddress address = TronAddress.of(raw);
    assertEquals(address, TronAddress.parse(address.base58()));
    assertEquals(address, TronAddress.parse(address.hex()));
  }

  @Property
  void aChangedCharacterOfABase58AddressIsRefusedOrAnotherValidAddress(
      @ForAll @Size(value = 20) byte[] account,
      @ForAll("positions") int position,
      @ForAll("base58") char c) {
    byte[] raw = new byte[21];
    raw[0] = 0x41;
    System.arraycopy(account, 0, raw, 1, 20);
    String text = TronAddress.of(raw).base58();
    String changed = text.substring(0, position) + c + text.substring(position + 1);
    try {
      TronAddress parsed = TronAddress.parse(changed);
      // Only the unchanged text (c was the same character) can pass the 4-byte checksum in
      // practice.
      assertEquals(text, changed, "a corrupted address passed its checksum: " + changed);
      assertEquals(TronAddress.of(raw), parsed);
    } catch (MalformedValueException expected) {
      // the checksum caught it
    }
  }

  @Property
  void arbitraryTextIsACanonicalAmountOrARefusal(@ForAll @Size(max = 120) String text) {
    try {
      BigInteger units = Amount.parseUnits("amount_base_units", text);
      assertEquals(text, units.toString(), "only the canonical spelling is accepted");
      assertTrue(units.signum() >= 0 && units.bitLength() <= 256);
    } catch (MalformedValueException expected) {
      // the documented refusal
    }
  }

  @Property
  void everyAmountBelow2To256RoundTripsAndAboveIsRefused(@ForAll("uint257") BigInteger value) {
    boolean fits = value.bitLength() <= 256;
    try {
      assertEquals(value, Amount.parseUnits("amount_base_units", value.toString()));
      assertTrue(fits, value + " was accepted");
      new Amount(new Asset.Trc20(TronAddress.parse("TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4")), value);
    } catch (MalformedValueException e) {
      assertTrue(!fits, value + " was refused: " + e.getMessage());
    }
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 33);
  }

  @Provide
  Arbitrary<Character> base58() {
    return Arbitraries.of(
        "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
            .chars()
            .mapToObj(c -> (char) c)
            .toArray(Character[]::new));
  }

  @Provide
  Arbitrary<BigInteger> uint257() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(257));
  }
}

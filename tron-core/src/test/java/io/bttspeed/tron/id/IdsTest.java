package io.bttspeed.tron.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.tron.MalformedValueException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

  private static final String HEX = "0123456789abcdef".repeat(4);

  @Test
  void aTransactionIdIsKeptInItsCanonicalLowercaseForm() {
    TxId id = TxId.parse(HEX.toUpperCase());
    assertEquals(HEX, id.hex());
    assertEquals(HEX, id.toString());
    assertEquals(id, TxId.parse("0x" + HEX));
    assertEquals(id, TxId.of(id.bytes()));
  }

  @Test
  void aChannelIdPrintsLikeAnEvmBytes32AndStoresAsPlainHex() {
    ChannelId id = ChannelId.fromHex(HEX);
    assertEquals(HEX, id.hex());
    assertEquals("0x" + HEX, id.toString());
    assertEquals(id, ChannelId.of(id.bytes()));
  }

  @Test
  void idsAreValuesThatCannotBeChangedThroughTheirBytes() {
    byte[] bytes = new byte[32];
    TxId id = TxId.of(bytes);
    bytes[0] = 1;
    id.bytes()[1] = 1;
    assertEquals(TxId.of(new byte[32]), id);
    assertNotEquals(TxId.of(bytes), id);
  }

  @Test
  void aTransactionAndAChannelWithTheSameBytesAreNotTheSameId() {
    byte[] bytes = new byte[32];
    assertNotEquals(TxId.of(bytes), (Object) ChannelId.of(bytes));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0x",
        "abc",
        "+123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        " 123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg"
      })
  void malformedHexIsRefusedAsAMalformedValue(String text) {
    assertThrows(MalformedValueException.class, () -> TxId.parse(text));
    assertThrows(MalformedValueException.class, () -> ChannelId.fromHex(text));
  }

  @Test
  void onlyThirtyTwoBytesMakeAnId() {
    assertThrows(MalformedValueException.class, () -> TxId.of(new byte[31]));
    assertThrows(MalformedValueException.class, () -> ChannelId.of(new byte[33]));
    assertThrows(MalformedValueException.class, () -> TxId.parse(null));
    assertThrows(MalformedValueException.class, () -> TxId.parse("g" + HEX.substring(1)));
    assertThrows(MalformedValueException.class, () -> TxId.parse(HEX + "00"));
    char[] arabicDigits = new char[64];
    Arrays.fill(arabicDigits, '\u0661');
    assertThrows(MalformedValueException.class, () -> TxId.parse(new String(arabicDigits)));
  }
}

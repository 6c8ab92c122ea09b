package io.bttspeed.wallet.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.MalformedValueException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WalletIdTest {

  private static final String ID = "0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4b";

  @Test
  void theCanonicalFormParsesAndPrintsAsItself() {
    WalletId id = WalletId.parse(ID);
    assertEquals(ID, id.toString());
    assertEquals(id, WalletId.parse(ID));
    assertEquals(id.hashCode(), WalletId.parse(ID).hashCode());
    assertNotEquals(id, WalletId.parse("0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4c"));
  }

  @Test
  void aNewIdIsInTheFormItParsesFrom() {
    for (int i = 0; i < 100; i++) {
      WalletId id = WalletId.random();
      assertEquals(WalletId.LENGTH, id.toString().length());
      assertEquals(id, WalletId.parse(id.toString()));
      assertEquals(UUID.fromString(id.toString()).toString(), id.toString());
    }
    assertNotEquals(WalletId.random(), WalletId.random());
  }

  /** One spelling per wallet: upper case is refused, not normalised. */
  @Test
  void upperCaseIsRefusedRatherThanNormalised() {
    assertThrows(MalformedValueException.class, () -> WalletId.parse(ID.toUpperCase(Locale.ROOT)));
    assertThrows(
        MalformedValueException.class,
        () -> WalletId.parse("0F8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4b"));
  }

  @Test
  void aTooLongValueIsRefusedWithoutEchoingItWhole() {
    String huge = ID + "0".repeat(100_000);
    MalformedValueException e =
        assertThrows(MalformedValueException.class, () -> WalletId.parse(huge));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
    assertThrows(MalformedValueException.class, () -> WalletId.parse(ID + "0"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "nope",
        "w-a",
        " 0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4b",
        "0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4b ",
        "{0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4b}",
        "0f8e6c1a3b2d4e5fa7b89c0d1e2f3a4b",
        "0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4",
        "0f8e6c1a-3b2d-4e5f-a7b89-c0d1e2f3a4b",
        "0f8e6c1a+3b2d-4e5f-a7b8-9c0d1e2f3a4b",
        "0f8e6c1g-3b2d-4e5f-a7b8-9c0d1e2f3a4b",
        "1-1-1-1-1",
        "0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4\u0000",
        "0f8e6c1a-3b2d-4e5f-a7b8-9c0d1e2f3a4\u0661"
      })
  void anythingButTheCanonicalFormIsRefusedAsMalformed(String text) {
    MalformedValueException e =
        assertThrows(MalformedValueException.class, () -> WalletId.parse(text));
    assertTrue(e.getMessage().contains("wallet id"), e.getMessage());
    assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
  }
}

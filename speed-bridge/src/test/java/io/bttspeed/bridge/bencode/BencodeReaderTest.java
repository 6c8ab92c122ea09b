package io.bttspeed.bridge.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one bencode reader, under both rule sets it is used with. */
class BencodeReaderTest {
  private static final BencodeRules WIRE = new BencodeRules(4, 64, true);
  private static final BencodeRules LOOSE = new BencodeRules(32, Integer.MAX_VALUE, false);

  @Test
  void decodesEveryKindAndRecordsWhereTopLevelValuesLie() throws BencodeException {
    byte[] in = bytes("d4:infod1:ai-7ee4:listli1e3:xyzee");
    BencodeReader.Decoded decoded = BencodeReader.decode(in, WIRE);
    @SuppressWarnings("unchecked")
    Map<String, Object> top = (Map<String, Object>) decoded.value();
    assertEquals(Map.of("a", -7L), top.get("info"));
    List<?> list = (List<?>) top.get("list");
    assertEquals(1L, list.get(0));
    assertArrayEquals(bytes("xyz"), (byte[]) list.get(1));
    BencodeReader.Span info = decoded.topLevelSpans().get("info");
    assertEquals("d1:ai-7ee", new String(Arrays.copyOfRange(in, info.start(), info.end())));
  }

  @Test
  void everyKeyByteStringIsItsOwnKey() throws BencodeException {
    // Two keys that are the same invalid UTF-8 to a lenient decoder are two keys here.
    Map<String, Object> map =
        BencodeReader.decodeDictionary(bytes("d1:\u00ffi1e1:\u00fei2ee"), LOOSE);
    assertEquals(2, map.size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "i01e", "i-0e", "i-e", "ie", "i1", "03:abc", "-1:a", "i9223372036854775808e",
        "i12345678901234567890e", "5:abc", "li1e", "x", "i1ei2e", "d1:ai1e1:ai2ee", "d1:ae",
            "di1ei2ee"
      })
  void refusesWhatIsNotCanonicalBencode(String in) {
    assertThrows(BencodeException.class, () -> BencodeReader.decode(bytes(in), LOOSE), in);
  }

  @Test
  void theLargestLongIsRead() throws BencodeException {
    assertEquals(
        Long.MAX_VALUE, BencodeReader.decode(bytes("i9223372036854775807e"), LOOSE).value());
  }

  @Test
  void wireRulesRefuseUnsortedKeysLooseRulesTakeThem() throws BencodeException {
    byte[] unsorted = bytes("d1:bi1e1:ai2ee");
    assertEquals(2, BencodeReader.decodeDictionary(unsorted, LOOSE).size());
    BencodeException e =
        assertThrows(BencodeException.class, () -> BencodeReader.decodeDictionary(unsorted, WIRE));
    assertTrue(e.getMessage().contains("ascending"), e.getMessage());
  }

  @Test
  void depthAndSizeAreBoundedBeforeAnythingLarge() throws BencodeException {
    assertEquals(1, BencodeReader.decodeDictionary(bytes("d1:allli1eeeee"), WIRE).size());
    BencodeException deep =
        assertThrows(
            BencodeException.class,
            () -> BencodeReader.decodeDictionary(bytes("d1:allllee" + "ee" + "e"), WIRE));
    assertTrue(deep.getMessage().contains("deeper"), deep.getMessage());
    BencodeException wide =
        assertThrows(
            BencodeException.class,
            () -> BencodeReader.decodeDictionary(bytes("d1:al" + "i0e".repeat(65) + "ee"), WIRE));
    assertTrue(wide.getMessage().contains("more than 64"), wide.getMessage());
  }

  @Test
  void canonicalWritingReadsBack() throws BencodeException {
    byte[] out = BencodeWriter.encode(Map.of("b", List.of(1L, "x"), "a", -2L));
    assertEquals("d1:ai-2e1:bli1e1:xee", new String(out, StandardCharsets.ISO_8859_1));
    assertEquals(2, BencodeReader.decodeDictionary(out, WIRE).size());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}

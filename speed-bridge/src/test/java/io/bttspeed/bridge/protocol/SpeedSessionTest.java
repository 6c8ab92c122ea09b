package io.bttspeed.bridge.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedSessionTest {
  static final byte[] HELLO =
      SpeedCodec.encode(new Hello(1, SpeedCodecTest.PAYER, 1, List.of(), Map.of()));
  static final byte[] ACK = SpeedCodec.encode(new BidAck(BigInteger.ONE, true, 0));

  @Test
  void activeOnlyOnceBothHellosAreExchanged() {
    SpeedSession s = new SpeedSession();
    assertTrue(s.receive(HELLO, HELLO.length).isPresent());
    assertFalse(s.active(), "our hello has not gone out");
    s.helloSent();
    assertTrue(s.active());
    assertTrue(s.receive(ACK, ACK.length).isPresent());
  }

  @Test
  void aMessageBeforeTheHelloEndsTheSession() {
    SpeedSession s = new SpeedSession();
    s.helloSent();
    assertTrue(s.receive(ACK, ACK.length).isEmpty());
    assertTrue(s.ended());
    assertTrue(s.receive(HELLO, HELLO.length).isEmpty(), "nothing counts after the end");
    assertFalse(s.active());
  }

  @Test
  void aSecondHelloEndsTheSession() {
    SpeedSession s = new SpeedSession();
    s.helloSent();
    s.receive(HELLO, HELLO.length);
    assertTrue(s.receive(HELLO, HELLO.length).isEmpty());
    assertTrue(s.ended());
  }

  @Test
  void anOversizePayloadEndsTheSession() {
    SpeedSession s = new SpeedSession();
    assertTrue(s.receive(null, 5000).isEmpty());
    assertTrue(s.ended());
  }

  @Test
  void garbageEndsTheSessionAndLaterValidMessagesAreIgnored() {
    SpeedSession s = new SpeedSession();
    s.helloSent();
    s.receive(HELLO, HELLO.length);
    assertTrue(s.receive(new byte[] {'x'}, 1).isEmpty());
    assertTrue(s.receive(ACK, ACK.length).isEmpty());
    assertFalse(s.active());
  }
}

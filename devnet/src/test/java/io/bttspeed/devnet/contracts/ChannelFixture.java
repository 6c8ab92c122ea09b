package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.contracts.abi.RevertReason;
import io.bttspeed.contracts.voucher.Tip712Domain;
import io.bttspeed.contracts.voucher.Tip712Voucher;
import io.bttspeed.contracts.voucher.Voucher;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.signing.Secp256k1;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * A devnet with a hand-moved clock and one channel hub, shared by the cases of one test class.
 * Amounts are base units of the hub's token and small enough for either kind (TRC-10 BTT has 6
 * decimals, TRC-20 BTT 18).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChannelFixture {
  /**
   * After the genesis block (2026-01-01), so blocks are stamped by this clock rather than genesis +
   * n ms.
   */
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  static final Duration LIFETIME = Duration.ofDays(1);
  static final BigInteger DEPOSIT = BigInteger.valueOf(5_000_321);

  final MutableClock clock = new MutableClock(START);
  Devnet devnet;
  TridentCalls calls;
  ChannelHub hub;
  DevelopmentAccount payer;
  DevelopmentAccount payee;
  DevelopmentAccount stranger;

  abstract ChannelHub hub(Devnet devnet, TridentCalls calls);

  @BeforeAll
  final void startDevnet() {
    devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks().withClock(clock));
    calls = new TridentCalls(devnet);
    hub = hub(devnet, calls);
    payer = devnet.developmentAccounts().get(1);
    payee = devnet.developmentAccounts().get(2);
    stranger = devnet.developmentAccounts().get(3);
  }

  @AfterAll
  final void stopDevnet() {
    calls.close();
    devnet.close();
  }

  /**
   * Opens payer → payee for {@code deposit}, expiring {@link #LIFETIME} from now; returns its id.
   */
  final ChannelId open(BigInteger deposit) throws Exception {
    ChannelId id = hub.nextChannelId(payer.address(), payee.address());
    assertSucceeded(hub.open(payer, payee.address(), deposit, expiry()));
    return id;
  }

  /** {@link #LIFETIME} from now, in the whole seconds the contract stores. */
  final Instant expiry() {
    return clock.instant().plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS);
  }

  /** Moves chain time past the expiry of every channel opened so far. */
  final void passExpiry() {
    clock.advance(LIFETIME.plusHours(1));
  }

  /**
   * The payer's voucher for this hub, signed as a wallet would: TIP-712 digest, secp256k1, r ‖ s ‖
   * v.
   */
  final byte[] voucher(ChannelId id, BigInteger cumulative) {
    return sign(hub.domain(), id, cumulative, payer);
  }

  static byte[] sign(
      Tip712Domain domain, ChannelId id, BigInteger cumulative, DevelopmentAccount signer) {
    byte[] digest = Tip712Voucher.digest(domain, new Voucher(id, cumulative));
    return Secp256k1.sign(digest, new BigInteger(signer.privateKeyHex(), 16));
  }

  /** What the payer, the payee, a stranger and the hub hold of the channel token. */
  record Holdings(BigInteger payer, BigInteger payee, BigInteger stranger, BigInteger hub) {}

  final Holdings holdings() {
    return new Holdings(
        hub.balanceOf(payer.address()),
        hub.balanceOf(payee.address()),
        hub.balanceOf(stranger.address()),
        hub.balanceOf(hub.address()));
  }

  static BigInteger units(long value) {
    return BigInteger.valueOf(value);
  }

  static void assertSucceeded(TransactionInfo info) {
    assertEquals(
        TransactionInfo.code.SUCESS,
        info.getResult(),
        () -> info.getResMessage().toStringUtf8() + " " + reason(info));
  }

  static void assertRevertedWith(String reason, TransactionInfo info) {
    assertEquals(TransactionInfo.code.FAILED, info.getResult());
    assertEquals("REVERT opcode executed", info.getResMessage().toStringUtf8());
    assertEquals(reason, reason(info));
  }

  private static String reason(TransactionInfo info) {
    return info.getContractResultCount() == 0
        ? "(no return data)"
        : RevertReason.decode(info.getContractResult(0).toByteArray()).orElse("(no reason)");
  }
}

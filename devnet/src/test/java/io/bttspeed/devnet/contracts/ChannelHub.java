package io.bttspeed.devnet.contracts;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.contracts.channel.ChannelAsset;
import io.bttspeed.contracts.channel.ChannelEvent;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.voucher.Tip712Domain;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * One of the devnet's two channel hubs as the tests drive it, so every case runs against both token
 * kinds: how a deposit travels (approve + transferFrom, or call_token_value) and how a balance is
 * read differ, the rest is the same contract interface built by each hub's own binding.
 */
abstract class ChannelHub {
  final Devnet devnet;
  final TridentCalls calls;

  ChannelHub(Devnet devnet, TridentCalls calls) {
    this.devnet = devnet;
    this.calls = calls;
  }

  /** This hub, base58. */
  abstract String address();

  /** The devnet's other hub: its TIP-712 domain must not unlock this hub's channels. */
  abstract String otherHubAddress();

  abstract ChannelAsset asset();

  /** What {@code address} holds of the channel's token, base units. */
  abstract BigInteger balanceOf(String address);

  /**
   * Opens payer → payee with {@code deposit}; the TRC-20 hub is approved for exactly the deposit
   * first.
   */
  abstract TransactionInfo open(
      DevelopmentAccount payer, String payee, BigInteger deposit, Instant expiresAt)
      throws Exception;

  /** Adds {@code amount}, sent by {@code from} (the TRC-20 hub is approved for it first). */
  abstract TransactionInfo topUp(DevelopmentAccount from, ChannelId id, BigInteger amount)
      throws Exception;

  abstract ChannelId channelIdOf(EvmAddress payer, EvmAddress payee, BigInteger nonce);

  abstract ChannelId decodeOpenResult(byte[] result);

  abstract CallData extendCall(ChannelId id, Instant newExpiresAt);

  abstract CallData settleCall(ChannelId id, BigInteger cumulative, byte[] signature);

  abstract CallData closeCall(ChannelId id, BigInteger cumulative, byte[] signature);

  abstract CallData reclaimCall(ChannelId id);

  abstract CallData channelsCall(ChannelId id);

  abstract CallData noncesCall(EvmAddress payer);

  abstract CallData voucherDigestCall(ChannelId id, BigInteger cumulative);

  abstract CallData domainSeparatorCall();

  abstract ChannelState decodeChannel(byte[] result);

  abstract Optional<ChannelEvent> decodeEvent(EventLog log);

  final TransactionInfo extend(DevelopmentAccount from, ChannelId id, Instant newExpiresAt)
      throws Exception {
    return calls.send(from, address(), extendCall(id, newExpiresAt));
  }

  final TransactionInfo settle(
      DevelopmentAccount from, ChannelId id, BigInteger cumulative, byte[] signature)
      throws Exception {
    return calls.send(from, address(), settleCall(id, cumulative, signature));
  }

  final TransactionInfo close(
      DevelopmentAccount from, ChannelId id, BigInteger cumulative, byte[] signature)
      throws Exception {
    return calls.send(from, address(), closeCall(id, cumulative, signature));
  }

  final TransactionInfo reclaim(DevelopmentAccount from, ChannelId id) throws Exception {
    return calls.send(from, address(), reclaimCall(id));
  }

  final ChannelState channel(ChannelId id) {
    return decodeChannel(calls.constant(address(), channelsCall(id)));
  }

  final BigInteger nonce(String payer) {
    return new BigInteger(1, calls.constant(address(), noncesCall(evm(payer))));
  }

  /** The id the payer's next open will get, derived before the transaction as a wallet would. */
  final ChannelId nextChannelId(String payer, String payee) {
    return channelIdOf(evm(payer), evm(payee), nonce(payer));
  }

  final byte[] voucherDigest(ChannelId id, BigInteger cumulative) {
    return calls.constant(address(), voucherDigestCall(id, cumulative));
  }

  final byte[] domainSeparator() {
    return calls.constant(address(), domainSeparatorCall());
  }

  /**
   * The domain a payer signs this hub's vouchers under: the devnet's chain id and this hub's
   * address.
   */
  final Tip712Domain domain() {
    return new Tip712Domain(devnet.chainId(), evm(address()));
  }

  final Tip712Domain otherHubDomain() {
    return new Tip712Domain(devnet.chainId(), evm(otherHubAddress()));
  }

  /**
   * The events this hub logged in the transaction (a TRC-20 open also carries the token's
   * Transfer).
   */
  final List<ChannelEvent> events(TransactionInfo info) {
    EvmAddress self = evm(address());
    return info.getLogList().stream()
        .map(
            log ->
                new EventLog(
                    EvmAddress.of(log.getAddress().toByteArray()),
                    log.getTopicsList().stream().map(topic -> topic.toByteArray()).toList(),
                    log.getData().toByteArray()))
        .filter(log -> log.address().equals(self))
        .map(
            log ->
                decodeEvent(log)
                    .orElseThrow(() -> new AssertionError("not a channel event: " + log)))
        .toList();
  }

  static EvmAddress evm(String base58) {
    return EvmAddress.fromTron(ApiWrapper.parseAddress(base58).toByteArray());
  }
}

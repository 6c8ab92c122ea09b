package io.bttspeed.devnet.contracts;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.contracts.channel.ChannelAsset;
import io.bttspeed.contracts.channel.ChannelEvent;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.channel.SpeedChannelsTrc10Contract;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * SpeedChannelsTrc10 holding TRC-10 BTT: a deposit is the TriggerSmartContract's call_token_value
 * of token 1002000, and balances are the accounts' asset_v2 entries.
 */
final class Trc10Hub extends ChannelHub {
  static final long TOKEN_ID = SpeedChannelsTrc10Contract.TOKEN_ID;

  Trc10Hub(Devnet devnet, TridentCalls calls) {
    super(devnet, calls);
  }

  @Override
  String address() {
    return devnet.speedChannelsTrc10Address();
  }

  @Override
  String otherHubAddress() {
    return devnet.speedChannelsAddress();
  }

  @Override
  ChannelAsset asset() {
    return SpeedChannelsTrc10Contract.ASSET;
  }

  @Override
  BigInteger balanceOf(String address) {
    return BigInteger.valueOf(
        calls.api.getAccount(address).getAssetV2OrDefault(Long.toString(TOKEN_ID), 0L));
  }

  @Override
  TransactionInfo open(
      DevelopmentAccount payer, String payee, BigInteger deposit, Instant expiresAt)
      throws Exception {
    return calls.send(
        payer,
        address(),
        SpeedChannelsTrc10Contract.open(evm(payee), expiresAt),
        deposit.longValueExact(),
        TridentCalls.FEE_LIMIT);
  }

  @Override
  TransactionInfo topUp(DevelopmentAccount from, ChannelId id, BigInteger amount) throws Exception {
    return calls.send(
        from,
        address(),
        SpeedChannelsTrc10Contract.topUp(id),
        amount.longValueExact(),
        TridentCalls.FEE_LIMIT);
  }

  @Override
  ChannelId channelIdOf(EvmAddress payer, EvmAddress payee, BigInteger nonce) {
    return SpeedChannelsTrc10Contract.channelIdOf(payer, payee, nonce);
  }

  @Override
  ChannelId decodeOpenResult(byte[] result) {
    return SpeedChannelsTrc10Contract.decodeChannelId(result);
  }

  @Override
  CallData extendCall(ChannelId id, Instant newExpiresAt) {
    return SpeedChannelsTrc10Contract.extend(id, newExpiresAt);
  }

  @Override
  CallData settleCall(ChannelId id, BigInteger cumulative, byte[] signature) {
    return SpeedChannelsTrc10Contract.settle(id, cumulative, signature);
  }

  @Override
  CallData closeCall(ChannelId id, BigInteger cumulative, byte[] signature) {
    return SpeedChannelsTrc10Contract.close(id, cumulative, signature);
  }

  @Override
  CallData reclaimCall(ChannelId id) {
    return SpeedChannelsTrc10Contract.reclaim(id);
  }

  @Override
  CallData channelsCall(ChannelId id) {
    return SpeedChannelsTrc10Contract.channels(id);
  }

  @Override
  CallData noncesCall(EvmAddress payer) {
    return SpeedChannelsTrc10Contract.nonces(payer);
  }

  @Override
  CallData voucherDigestCall(ChannelId id, BigInteger cumulative) {
    return SpeedChannelsTrc10Contract.voucherDigest(id, cumulative);
  }

  @Override
  CallData domainSeparatorCall() {
    return SpeedChannelsTrc10Contract.domainSeparator();
  }

  @Override
  ChannelState decodeChannel(byte[] result) {
    return SpeedChannelsTrc10Contract.decodeChannel(result);
  }

  @Override
  Optional<ChannelEvent> decodeEvent(EventLog log) {
    return SpeedChannelsTrc10Contract.decodeEvent(log);
  }
}

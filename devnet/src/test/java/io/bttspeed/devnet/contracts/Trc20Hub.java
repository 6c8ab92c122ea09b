package io.bttspeed.devnet.contracts;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.contracts.channel.ChannelAsset;
import io.bttspeed.contracts.channel.ChannelEvent;
import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.channel.SpeedChannelsContract;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * SpeedChannels holding the devnet's TRC-20 BTT: deposits are pulled with transferFrom after an
 * approve.
 */
final class Trc20Hub extends ChannelHub {
  Trc20Hub(Devnet devnet, TridentCalls calls) {
    super(devnet, calls);
  }

  @Override
  String address() {
    return devnet.speedChannelsAddress();
  }

  @Override
  String otherHubAddress() {
    return devnet.speedChannelsTrc10Address();
  }

  @Override
  ChannelAsset asset() {
    return new ChannelAsset.Trc20(token());
  }

  @Override
  BigInteger balanceOf(String address) {
    return BttTokenContract.decodeAmount(
        calls.constant(devnet.bttTokenAddress(), BttTokenContract.balanceOf(evm(address))));
  }

  @Override
  TransactionInfo open(
      DevelopmentAccount payer, String payee, BigInteger deposit, Instant expiresAt)
      throws Exception {
    approve(payer, deposit);
    return calls.send(
        payer, address(), SpeedChannelsContract.open(evm(payee), token(), deposit, expiresAt));
  }

  @Override
  TransactionInfo topUp(DevelopmentAccount from, ChannelId id, BigInteger amount) throws Exception {
    approve(from, amount);
    return calls.send(from, address(), SpeedChannelsContract.topUp(id, amount));
  }

  private void approve(DevelopmentAccount owner, BigInteger amount) throws Exception {
    TransactionInfo info =
        calls.send(
            owner, devnet.bttTokenAddress(), BttTokenContract.approve(evm(address()), amount));
    if (info.getResult() != TransactionInfo.code.SUCESS) {
      throw new AssertionError("approve failed: " + info.getResMessage().toStringUtf8());
    }
  }

  private EvmAddress token() {
    return evm(devnet.bttTokenAddress());
  }

  @Override
  ChannelId channelIdOf(EvmAddress payer, EvmAddress payee, BigInteger nonce) {
    return SpeedChannelsContract.channelIdOf(payer, payee, token(), nonce);
  }

  @Override
  ChannelId decodeOpenResult(byte[] result) {
    return SpeedChannelsContract.decodeChannelId(result);
  }

  @Override
  CallData extendCall(ChannelId id, Instant newExpiresAt) {
    return SpeedChannelsContract.extend(id, newExpiresAt);
  }

  @Override
  CallData settleCall(ChannelId id, BigInteger cumulative, byte[] signature) {
    return SpeedChannelsContract.settle(id, cumulative, signature);
  }

  @Override
  CallData closeCall(ChannelId id, BigInteger cumulative, byte[] signature) {
    return SpeedChannelsContract.close(id, cumulative, signature);
  }

  @Override
  CallData reclaimCall(ChannelId id) {
    return SpeedChannelsContract.reclaim(id);
  }

  @Override
  CallData channelsCall(ChannelId id) {
    return SpeedChannelsContract.channels(id);
  }

  @Override
  CallData noncesCall(EvmAddress payer) {
    return SpeedChannelsContract.nonces(payer);
  }

  @Override
  CallData voucherDigestCall(ChannelId id, BigInteger cumulative) {
    return SpeedChannelsContract.voucherDigest(id, cumulative);
  }

  @Override
  CallData domainSeparatorCall() {
    return SpeedChannelsContract.domainSeparator();
  }

  @Override
  ChannelState decodeChannel(byte[] result) {
    return SpeedChannelsContract.decodeChannel(result);
  }

  @Override
  Optional<ChannelEvent> decodeEvent(EventLog log) {
    return SpeedChannelsContract.decodeEvent(log);
  }
}

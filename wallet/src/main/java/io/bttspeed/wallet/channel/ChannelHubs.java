package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.SpeedChannelsTrc10Contract;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.config.WalletConfig;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The channel contracts of the network the wallet talks to: at most one hub per asset. On the
 * embedded devnet they come from its genesis; on any other node (mainnet and Nile have no
 * deployment yet) they are configured.
 */
public record ChannelHubs(List<ChannelHub> hubs) {

  public ChannelHubs {
    hubs = List.copyOf(hubs);
    if (hubs.stream().map(ChannelHub::asset).distinct().count() != hubs.size()) {
      throw new IllegalArgumentException("at most one channel hub per asset");
    }
  }

  /** The devnet's two hubs: SpeedChannels over its TRC-20 BTT, and SpeedChannelsTrc10. */
  public static ChannelHubs devnet(
      long chainId, String trc20Hub, String trc20BttToken, String trc10Hub, long trc10TokenId) {
    return new ChannelHubs(
        List.of(
            new ChannelHub(
                TronAddress.parse(trc20Hub),
                new Asset.Trc20(TronAddress.parse(trc20BttToken)),
                chainId),
            new ChannelHub(TronAddress.parse(trc10Hub), new Asset.Trc10(trc10TokenId), chainId)));
  }

  /** The configured hubs of a node the wallet does not embed, under the node's chain id. */
  public static ChannelHubs configured(WalletConfig.Hubs config, long chainId) {
    List<ChannelHub> hubs = new ArrayList<>();
    config
        .trc20Hub()
        .ifPresent(h -> hubs.add(new ChannelHub(h, config.trc20Token().orElseThrow(), chainId)));
    config
        .trc10Hub()
        .ifPresent(
            h ->
                hubs.add(
                    new ChannelHub(
                        h, new Asset.Trc10(SpeedChannelsTrc10Contract.TOKEN_ID), chainId)));
    return new ChannelHubs(hubs);
  }

  /** The hub holding {@code asset}; the caller's mistake if there is none. */
  public ChannelHub forAsset(Asset asset) {
    return hubs.stream()
        .filter(h -> h.asset().equals(asset))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidArgumentException(
                    "no channel contract for "
                        + asset.key()
                        + " on this network; channels hold "
                        + String.join(", ", hubs.stream().map(h -> h.asset().key()).toList())));
  }

  public Optional<ChannelHub> at(TronAddress address) {
    return hubs.stream().filter(h -> h.address().equals(address)).findFirst();
  }

  /** The hub a peer's voucher names; a hub this wallet does not know cannot pay it. */
  public ChannelHub forVoucher(ChannelId id, TronAddress hubAddress) {
    return at(hubAddress)
        .orElseThrow(
            () ->
                new InvalidArgumentException(
                    "channel "
                        + id
                        + ": the voucher names channel contract "
                        + hubAddress
                        + ", which is not one of this network's channel contracts"));
  }
}

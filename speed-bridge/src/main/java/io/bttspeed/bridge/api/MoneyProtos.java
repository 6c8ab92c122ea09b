package io.bttspeed.bridge.api;

import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.speed.BidPolicy;
import io.bttspeed.bridge.speed.SpeedPeerView;
import io.bttspeed.proto.speed.v1.AutoBid;
import io.bttspeed.proto.speed.v1.FixedBid;
import io.bttspeed.proto.speed.v1.MoneyTotal;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.SpeedSession;
import io.bttspeed.proto.speed.v1.Trade;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.api.ProtoMapper;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Between SpeedService's money messages and the Speed node's types: assets are resolved against the
 * channel contracts this daemon's wallet has (BTT only: TRC-20 or TRC-10 1002000), amounts parsed
 * in their one canonical form, and ledgers shown with their exact owed amounts.
 */
final class MoneyProtos {
  private static final int MAX_RATE_PERCENT = 10_000;

  private MoneyProtos() {}

  /**
   * The asset a request names, among those the wallet has a channel contract for. A TRC-20 asset
   * with an empty address is this chain's TRC-20 BTT, so clients need not know the token contract
   * of the chain they are on.
   */
  static Asset asset(io.bttspeed.proto.wallet.v1.Asset proto, Set<Asset> tradable) {
    Asset asset =
        switch (proto.getKindCase()) {
          case TRC10_TOKEN_ID -> Asset.Trc10.parse(proto.getTrc10TokenId());
          case TRC20_CONTRACT_ADDRESS ->
              proto.getTrc20ContractAddress().isEmpty()
                  ? tradable.stream()
                      .filter(Asset.Trc20.class::isInstance)
                      .findFirst()
                      .orElseThrow(
                          () ->
                              new InvalidArgumentException(
                                  "this daemon's wallet has no TRC-20 channel contract"))
                  : new Asset.Trc20(TronAddress.parse(proto.getTrc20ContractAddress()));
          case TRX, KIND_NOT_SET ->
              throw new InvalidArgumentException(
                  "asset must be BTT: trc20_contract_address (empty for this chain's BTT) or trc10_token_id \"1002000\"");
        };
    if (!tradable.contains(asset)) {
      throw new InvalidArgumentException(
          "no channel contract for " + asset.key() + " on this daemon's chain");
    }
    return asset;
  }

  static io.bttspeed.proto.wallet.v1.Asset asset(Asset asset) {
    return ProtoMapper.asset(asset);
  }

  static Amount positive(Asset asset, String field, String text) {
    Amount amount = new Amount(asset, Amount.parseUnits(field, text));
    if (amount.units().signum() == 0) {
      throw new InvalidArgumentException(field + " must be greater than zero");
    }
    return amount;
  }

  static BidPolicy bidPolicy(io.bttspeed.proto.speed.v1.BidPolicy proto, Set<Asset> tradable) {
    return switch (proto.getKindCase()) {
      case NONE -> BidPolicy.None.INSTANCE;
      case FIXED -> {
        FixedBid f = proto.getFixed();
        Asset asset = asset(f.getAsset(), tradable);
        yield new BidPolicy.Fixed(
            positive(asset, "price_base_units_per_mib", f.getPriceBaseUnitsPerMib()),
            positive(asset, "budget_base_units", f.getBudgetBaseUnits()));
      }
      case AUTO -> {
        AutoBid a = proto.getAuto();
        Asset asset = asset(a.getAsset(), tradable);
        int percent = a.getSpendingRatePercent() == 0 ? 100 : a.getSpendingRatePercent();
        if (percent < 1 || percent > MAX_RATE_PERCENT) {
          throw new InvalidArgumentException("spending_rate_percent must be between 1 and 10000");
        }
        yield new BidPolicy.Auto(
            positive(asset, "budget_base_units", a.getBudgetBaseUnits()),
            BigDecimal.valueOf(percent, 2));
      }
      case KIND_NOT_SET ->
          throw new InvalidArgumentException("policy must be one of none, fixed or auto");
    };
  }

  static PeerMoney peerMoney(LedgerKey key, Ledger ledger) {
    return PeerMoney.newBuilder()
        .setInfoHash(key.torrent().hex())
        .setAddress(key.counterparty().base58())
        .setAsset(asset(key.asset()))
        .setPaidBytes(ledger.bytesPaid())
        .setFreeBytes(ledger.bytesFree())
        .setOwedBaseUnits(ledger.owed().toString())
        .setVoucheredBaseUnits(ledger.paid().toString())
        .build();
  }

  /** Sums per asset, exactly. */
  static List<MoneyTotal> totals(Map<LedgerKey, Ledger> ledgers) {
    Map<Asset, Ledger> sums = new LinkedHashMap<>();
    ledgers.forEach(
        (key, l) ->
            sums.merge(
                key.asset(),
                l,
                (a, b) ->
                    new Ledger(
                        a.asset(),
                        a.owedNumerator().add(b.owedNumerator()),
                        a.paid().add(b.paid()),
                        Math.addExact(a.bytesPaid(), b.bytesPaid()),
                        Math.addExact(a.bytesFree(), b.bytesFree()))));
    return sums.entrySet().stream()
        .map(
            e ->
                MoneyTotal.newBuilder()
                    .setAsset(asset(e.getKey()))
                    .setOwedBaseUnits(owedSum(ledgers, e.getKey()).toString())
                    .setVoucheredBaseUnits(e.getValue().paid().toString())
                    .setPaidBytes(e.getValue().bytesPaid())
                    .setFreeBytes(e.getValue().bytesFree())
                    .build())
        .toList();
  }

  /**
   * Σ of each ledger's floored owed amount, the figure each peer is held to (not the floor of the
   * sum).
   */
  private static BigInteger owedSum(Map<LedgerKey, Ledger> ledgers, Asset asset) {
    return ledgers.entrySet().stream()
        .filter(e -> e.getKey().asset().equals(asset))
        .map(e -> e.getValue().owed())
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  static SpeedSession session(SpeedPeerView.Session session) {
    return switch (session) {
      case ORDINARY -> SpeedSession.SPEED_SESSION_ORDINARY;
      case NEGOTIATING -> SpeedSession.SPEED_SESSION_NEGOTIATING;
      case ACTIVE -> SpeedSession.SPEED_SESSION_ACTIVE;
      case ENDED -> SpeedSession.SPEED_SESSION_ENDED;
    };
  }

  static Trade trade(SpeedPeerView.Trade t) {
    return Trade.newBuilder()
        .setAsset(asset(t.bid().asset()))
        .setBidBaseUnitsPerMib(t.bid().units().toString())
        .setPaidSlot(t.paidSlot())
        .setClearingPriceBaseUnitsPerMib(t.clearingPrice().units().toString())
        .setPaidBytes(t.bytesPaid())
        .setFreeBytes(t.bytesFree())
        .setOwedBaseUnits(t.owed().units().toString())
        .setVoucheredBaseUnits(t.paid().units().toString())
        .build();
  }
}

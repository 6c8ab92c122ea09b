package io.bttspeed.wallet.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.Keystore;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.List;
import java.util.Map;

/**
 * Bounds every string and repeated field of every request before a handler parses any of it: base58
 * decoding is quadratic (a 400,000-character address cost 50 s of CPU), and the whole request is
 * parsed before ownership is checked, so any token could spend that. Bounds are by field name, so
 * the same meaning has the same bound in every message; a field not listed gets {@link
 * #DEFAULT_MAX_CHARS}, which is how a new field is bounded before anyone thinks of it. Control
 * characters other than tab and line breaks (NUL above all) are refused in every string. A refusal
 * is INVALID_ARGUMENT naming the field.
 */
final class RequestBounds implements ServerInterceptor {

  static final int DEFAULT_MAX_CHARS = 256;
  static final int MAX_REPEATED = 64;

  private static final int ADDRESS = TronAddress.MAX_TEXT_LENGTH;

  /** 2^256 − 1 has 78 digits. */
  private static final int AMOUNT = 78;

  private static final int ID = 64;

  private static final Map<String, Integer> MAX_CHARS =
      Map.ofEntries(
          Map.entry("wallet_id", WalletId.LENGTH),
          Map.entry("transfer_id", ID),
          Map.entry("channel_id", 66),
          Map.entry("settle_channel_id", 66),
          Map.entry("close_channel_id", 66),
          Map.entry("idempotency_key", 128),
          Map.entry("page_token", WalletPageToken.MAX_LENGTH),
          Map.entry("to_address", ADDRESS),
          Map.entry("payee_address", ADDRESS),
          Map.entry("hub_address", ADDRESS),
          Map.entry("counterparty_address", ADDRESS),
          Map.entry("trc20_contract_address", ADDRESS),
          Map.entry("trc10_token_id", 19),
          Map.entry("amount_base_units", AMOUNT),
          Map.entry("deposit_base_units", AMOUNT),
          Map.entry("increment_base_units", AMOUNT),
          Map.entry("cumulative_base_units", AMOUNT),
          Map.entry("fee_limit_sun", 19),
          Map.entry("signature_hex", 132),
          Map.entry("private_key_hex", 66),
          // 24 words of at most 8 letters, with room for stray spacing.
          Map.entry("mnemonic", 512),
          Map.entry("bip39_passphrase", 1_024),
          Map.entry("password", 1_024),
          Map.entry("keystore_json", Keystore.MAX_JSON_CHARS));

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      @Override
      public void onMessage(ReqT message) {
        if (message instanceof Message m) {
          check(m, "");
        }
        super.onMessage(message);
      }
    };
  }

  /** Throws INVALID_ARGUMENT for the first field of the message (or a nested one) out of bounds. */
  static void check(Message message, String prefix) {
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      String path = prefix + field.getName();
      if (field.isRepeated()) {
        List<?> values = (List<?>) e.getValue();
        if (values.size() > MAX_REPEATED) {
          throw new InvalidArgumentException(path + " has more than " + MAX_REPEATED + " entries");
        }
        values.forEach(v -> checkValue(field, path, v));
      } else {
        checkValue(field, path, e.getValue());
      }
    }
  }

  private static void checkValue(FieldDescriptor field, String path, Object value) {
    if (value instanceof Message nested) {
      check(nested, path + ".");
    } else if (value instanceof String text) {
      int max = MAX_CHARS.getOrDefault(field.getName(), DEFAULT_MAX_CHARS);
      if (text.length() > max) {
        throw new InvalidArgumentException(path + " is longer than " + max + " characters");
      }
      if (text.chars()
          .anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
        throw new InvalidArgumentException(path + " contains a control character");
      }
    }
  }
}

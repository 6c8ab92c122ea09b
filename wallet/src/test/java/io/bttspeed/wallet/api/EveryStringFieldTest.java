package io.bttspeed.wallet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsRequest;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.store.Scope;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends hostile values into every string field of every RPC of WalletService and ChannelService,
 * found from the proto descriptors (so a new field or RPC is covered without touching this test),
 * over real gRPC on loopback through the real interceptors with an admin token. Each request is a
 * valid-looking baseline with the bad value in one field. Oversized and NUL-carrying values must be
 * INVALID_ARGUMENT; spaces-only and leading-zero values may also be NOT_FOUND, FAILED_PRECONDITION
 * or ALREADY_EXISTS, and only free-text fields may take them. Every answer comes within the
 * deadline, never UNKNOWN or INTERNAL, and a refusal changes no wallet, transfer or channel count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryStringFieldTest {

  /** A refusal comes within this. */
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  /**
   * An accepted free-text value may cost what the call legitimately costs: ExportWallet runs a
   * standard scrypt (2^18), which on a loaded machine takes a few seconds.
   */
  private static final Duration ACCEPTED_DEADLINE = Duration.ofSeconds(20);

  private static final String ADDRESS = "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH";
  private static final String MNEMONIC =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

  /** Values every field must refuse outright. */
  private static final Map<String, String> REFUSED_EVERYWHERE =
      Map.of(
          "a 1 MB string",
          "9".repeat(1_000_000),
          "a NUL byte",
          "1\u0000",
          "NUL bytes only",
          "\u0000\u0000");

  /** Values that are wrong for any id, number or address, but are legitimate free text. */
  private static final Map<String, String> NOT_CANONICAL =
      Map.of(
          "Unicode spaces",
          "\u2003\u00a0\u3000",
          "leading zeros",
          "000100",
          "a plus sign",
          "+1002000");

  /** Fields whose value is the caller's own text: any text within bounds is a valid answer. */
  private static final Set<String> FREE_TEXT =
      Set.of("label", "memo", "password", "bip39_passphrase", "idempotency_key");

  @TempDir static Path dir;
  private WalletFixture fx;
  private Channel authed;
  private String walletId;

  @BeforeAll
  void start() {
    fx = new WalletFixture(dir);
    String token = fx.app.principals().createToken("fuzzer", Set.of(Scope.ADMIN));
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    authed =
        ClientInterceptors.intercept(fx.channel, MetadataUtils.newAttachHeadersInterceptor(md));
    walletId =
        WalletServiceGrpc.newBlockingStub(authed)
            .createWallet(CreateWalletRequest.newBuilder().setLabel("fuzz").build())
            .getWallet()
            .getWalletId();
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void everyStringFieldOfEveryRpcRefusesHostileValuesInBoundedTime() {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (ServiceDescriptor service :
        List.of(
            schema(WalletServiceGrpc.getServiceDescriptor()),
            schema(ChannelServiceGrpc.getServiceDescriptor()))) {
      for (MethodDescriptor method : service.getMethods()) {
        for (List<FieldDescriptor> path : stringFields(method.getInputType(), List.of(), 0)) {
          for (Map.Entry<String, String> bad : REFUSED_EVERYWHERE.entrySet()) {
            cases++;
            check(
                    method,
                    path,
                    bad.getKey(),
                    bad.getValue(),
                    Set.of(Status.Code.INVALID_ARGUMENT),
                    false)
                .ifPresent(failures::add);
          }
          boolean freeText = FREE_TEXT.contains(path.get(path.size() - 1).getName());
          for (Map.Entry<String, String> odd : NOT_CANONICAL.entrySet()) {
            cases++;
            check(
                    method,
                    path,
                    odd.getKey(),
                    odd.getValue(),
                    Set.of(
                        Status.Code.INVALID_ARGUMENT,
                        Status.Code.NOT_FOUND,
                        Status.Code.FAILED_PRECONDITION,
                        Status.Code.ALREADY_EXISTS),
                    freeText)
                .ifPresent(failures::add);
          }
        }
      }
    }
    assertTrue(cases > 200, "the descriptors yielded " + cases + " cases");
    assertEquals(List.of(), failures);
  }

  private static ServiceDescriptor schema(io.grpc.ServiceDescriptor service) {
    return ((ProtoServiceDescriptorSupplier) service.getSchemaDescriptor()).getServiceDescriptor();
  }

  /**
   * Every path from the message to a string field, through nested, repeated and oneof message
   * fields.
   */
  private static List<List<FieldDescriptor>> stringFields(
      Descriptor type, List<FieldDescriptor> prefix, int depth) {
    List<List<FieldDescriptor>> out = new ArrayList<>();
    for (FieldDescriptor f : type.getFields()) {
      List<FieldDescriptor> path = new ArrayList<>(prefix);
      path.add(f);
      if (f.getJavaType() == FieldDescriptor.JavaType.STRING) {
        out.add(path);
      } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth < 4) {
        out.addAll(stringFields(f.getMessageType(), path, depth + 1));
      }
    }
    return out;
  }

  private java.util.Optional<String> check(
      MethodDescriptor method,
      List<FieldDescriptor> path,
      String what,
      String value,
      Set<Status.Code> allowed,
      boolean okAllowed) {
    Counts before = counts();
    String where =
        method.getName()
            + "."
            + path.stream().map(FieldDescriptor::getName).toList()
            + " = "
            + what;
    long started = System.nanoTime();
    Status.Code code = call(method, build(method.getInputType(), path, value));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (code == Status.Code.OK && okAllowed) {
      return java.util.Optional.empty();
    }
    if (took.compareTo(DEADLINE) >= 0) {
      return java.util.Optional.of(where + ": answered " + code + " after " + took);
    }
    if (!allowed.contains(code)) {
      return java.util.Optional.of(where + ": answered " + code);
    }
    Counts after = counts();
    return before.equals(after)
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            where + ": refused with " + code + " but changed " + before + " to " + after);
  }

  private record Counts(int wallets, int transfers, int channels) {}

  private Counts counts() {
    return new Counts(
        WalletServiceGrpc.newBlockingStub(authed)
            .listWallets(ListWalletsRequest.newBuilder().setPageSize(1_000).build())
            .getWalletsCount(),
        WalletServiceGrpc.newBlockingStub(authed)
            .listTransfers(ListTransfersRequest.newBuilder().setMaxTransfers(1_000).build())
            .getTransfersCount(),
        ChannelServiceGrpc.newBlockingStub(authed)
            .listChannels(ListChannelsRequest.getDefaultInstance())
            .getChannelsCount());
  }

  /**
   * The baseline request of this type with {@code value} at {@code path} (which selects its oneof
   * cases).
   */
  private DynamicMessage build(Descriptor type, List<FieldDescriptor> path, String value) {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    for (FieldDescriptor f : type.getFields()) {
      if (f.getContainingOneof() != null && f != f.getContainingOneof().getField(0)) {
        continue;
      }
      Object baseline = baseline(f);
      if (baseline == null) {
        continue;
      }
      if (f.isRepeated()) {
        b.addRepeatedField(f, baseline);
      } else {
        b.setField(f, baseline);
      }
    }
    if (!path.isEmpty()) {
      FieldDescriptor head = path.get(0);
      Object v =
          path.size() == 1
              ? value
              : build(head.getMessageType(), path.subList(1, path.size()), value);
      if (head.isRepeated()) {
        b.clearField(head).addRepeatedField(head, v);
      } else {
        b.setField(head, v);
      }
    }
    return b.build();
  }

  private Object baseline(FieldDescriptor f) {
    return switch (f.getJavaType()) {
      case MESSAGE -> build(f.getMessageType(), List.of(), "");
      case STRING -> baselineText(f.getName());
      case LONG ->
          f.getName().endsWith("_unix_ms") ? System.currentTimeMillis() + 86_400_000L : null;
      default -> null;
    };
  }

  private String baselineText(String field) {
    if (field.endsWith("_base_units")) {
      return "1";
    }
    if (field.endsWith("address")) {
      return ADDRESS;
    }
    return switch (field) {
      case "wallet_id" -> walletId;
      case "transfer_id" -> UUID.randomUUID().toString();
      case "channel_id" -> "ab".repeat(32);
      case "trc10_token_id" -> "1002000";
      case "fee_limit_sun" -> "1000000";
      case "signature_hex" -> "00".repeat(65);
      case "page_token", "bip39_passphrase" -> "";
      case "mnemonic" -> MNEMONIC;
      case "private_key_hex" -> "11".repeat(32);
      case "keystore_json" -> "{}";
      case "password" -> "fuzz-password";
      default -> "fuzz";
    };
  }

  /** Calls the method with the request over gRPC and returns its status, OK included. */
  private Status.Code call(MethodDescriptor method, DynamicMessage request) {
    io.grpc.MethodDescriptor<DynamicMessage, byte[]> rpc =
        io.grpc.MethodDescriptor.<DynamicMessage, byte[]>newBuilder()
            .setType(type(method))
            .setFullMethodName(
                io.grpc.MethodDescriptor.generateFullMethodName(
                    method.getService().getFullName(), method.getName()))
            .setRequestMarshaller(
                io.grpc.protobuf.ProtoUtils.marshaller(
                    DynamicMessage.getDefaultInstance(method.getInputType())))
            .setResponseMarshaller(HostileInputTest.BYTES)
            .build();
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(ACCEPTED_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    try {
      if (!method.isClientStreaming() && !method.isServerStreaming()) {
        ClientCalls.blockingUnaryCall(authed, rpc, options, request);
        return Status.Code.OK;
      }
      if (!method.isClientStreaming()) {
        Iterator<byte[]> it =
            ClientCalls.blockingServerStreamingCall(authed, rpc, options, request);
        while (it.hasNext()) {
          it.next();
        }
        return Status.Code.OK;
      }
      return streamOne(method, rpc, options, request);
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static io.grpc.MethodDescriptor.MethodType type(MethodDescriptor method) {
    if (method.isClientStreaming()) {
      return method.isServerStreaming()
          ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
          : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING;
    }
    return method.isServerStreaming()
        ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
        : io.grpc.MethodDescriptor.MethodType.UNARY;
  }

  /**
   * A client stream of one request: the answer is the call's status, or the code of a refusal the
   * stream answers with (AcceptVoucherStream refuses a voucher without ending the stream).
   */
  private Status.Code streamOne(
      MethodDescriptor method,
      io.grpc.MethodDescriptor<DynamicMessage, byte[]> rpc,
      CallOptions options,
      DynamicMessage request) {
    CompletableFuture<Status.Code> outcome = new CompletableFuture<>();
    List<byte[]> answers = new ArrayList<>();
    StreamObserver<DynamicMessage> requests =
        ClientCalls.asyncBidiStreamingCall(
            authed.newCall(rpc, options),
            new StreamObserver<>() {
              @Override
              public void onNext(byte[] answer) {
                answers.add(answer);
              }

              @Override
              public void onError(Throwable t) {
                outcome.complete(Status.fromThrowable(t).getCode());
              }

              @Override
              public void onCompleted() {
                outcome.complete(Status.Code.OK);
              }
            });
    requests.onNext(request);
    requests.onCompleted();
    Status.Code code = outcome.join();
    if (code != Status.Code.OK) {
      return code;
    }
    for (byte[] answer : answers) {
      String refusal = refusalCode(method.getOutputType(), answer);
      if (!refusal.isEmpty()) {
        return Status.Code.valueOf(refusal);
      }
    }
    return Status.Code.OK;
  }

  /** The {@code refused.code} of a streamed answer, or empty. */
  private static String refusalCode(Descriptor type, byte[] answer) {
    try {
      DynamicMessage m = DynamicMessage.parseFrom(type, answer);
      FieldDescriptor refused = type.findFieldByName("refused");
      if (refused == null || !m.hasField(refused)) {
        return "";
      }
      DynamicMessage r = (DynamicMessage) m.getField(refused);
      return (String) r.getField(r.getDescriptorForType().findFieldByName("code"));
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the server streamed an unparsable answer", e);
    }
  }
}

package io.securewatch.controlplane.agentchannel;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Makes the bearer credential and the client address of a gRPC call available to the agent services. It does
 * not check the credential: registration calls carry none, and the services check it against the database.
 */
@ApplicationScoped
@GlobalInterceptor
public class AgentCallInterceptor implements ServerInterceptor {

    static final Context.Key<String> CREDENTIAL = Context.key("securewatch-agent-credential");
    static final Context.Key<String> SOURCE_ADDRESS = Context.key("securewatch-agent-source-address");

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        String credential = authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()).trim()
                : null;
        Context context = Context.current()
                .withValue(CREDENTIAL, credential)
                .withValue(SOURCE_ADDRESS, address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return remote == null ? null : remote.toString();
    }
}

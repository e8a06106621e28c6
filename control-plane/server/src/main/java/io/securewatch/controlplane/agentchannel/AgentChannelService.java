package io.securewatch.controlplane.agentchannel;

import io.quarkus.grpc.GrpcService;
import io.securewatch.agent.v1.AgentChannel;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;

/** The agent stream: one {@link AgentSession} per call. */
@GrpcService
public class AgentChannelService implements AgentChannel {

    @Inject
    ConnectedAgents agents;

    @Override
    public Multi<ControlPlaneMessage> connect(Multi<AgentMessage> request) {
        AgentSession session =
                agents.newSession(AgentCallInterceptor.CREDENTIAL.get(), AgentCallInterceptor.SOURCE_ADDRESS.get());
        request.subscribe().with(session::onMessage, session::onInboundEnd, () -> session.onInboundEnd(null));
        return session.outbound();
    }
}

package io.securewatch.controlplane.agentchannel;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.securewatch.agent.v1.AgentRegistration;
import io.securewatch.agent.v1.RegisterRequest;
import io.securewatch.agent.v1.RegisterResponse;
import io.securewatch.agent.v1.RotateCredentialRequest;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Registration and credential rotation for agents. */
@GrpcService
public class AgentRegistrationService implements AgentRegistration {

    private static final Logger LOG = Logger.getLogger(AgentRegistrationService.class);

    @Inject
    AgentRegistry registry;

    @Override
    public Uni<RegisterResponse> register(RegisterRequest request) {
        String sourceAddress = AgentCallInterceptor.SOURCE_ADDRESS.get();
        return registry.register(request.getCluster(), request.getRegistrationToken(), sourceAddress)
                .invoke(credential -> LogFields.info(
                        LOG,
                        "Agent registered",
                        LogKeys.CLUSTER,
                        request.getCluster(),
                        LogKeys.AGENT_VERSION,
                        request.getAgentVersion(),
                        LogKeys.SOURCE_ADDRESS,
                        sourceAddress))
                .map(AgentRegistrationService::toResponse);
    }

    @Override
    public Uni<RegisterResponse> rotateCredential(RotateCredentialRequest request) {
        String sourceAddress = AgentCallInterceptor.SOURCE_ADDRESS.get();
        return registry.authenticate(AgentCallInterceptor.CREDENTIAL.get(), sourceAddress)
                .chain(identity -> {
                    if (!identity.cluster().equals(request.getCluster())) {
                        return Uni.createFrom()
                                .failure(Status.PERMISSION_DENIED
                                        .withDescription("the credential belongs to another cluster")
                                        .asRuntimeException());
                    }
                    return registry.rotate(identity, sourceAddress);
                })
                .map(AgentRegistrationService::toResponse);
    }

    private static RegisterResponse toResponse(AgentSecrets.NewCredential credential) {
        return RegisterResponse.newBuilder()
                .setCredential(credential.credential())
                .setCredentialId(credential.id())
                .build();
    }
}

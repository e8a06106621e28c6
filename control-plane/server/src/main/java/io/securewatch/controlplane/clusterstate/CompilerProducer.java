package io.securewatch.controlplane.clusterstate;

import io.securewatch.controlplane.desiredstate.DesiredStateCompiler;
import io.securewatch.controlplane.desiredstate.PlatformSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the pure compiler available to CDI, configured from {@link ClusterStateConfig}. */
public class CompilerProducer {

    @Produces
    @Singleton
    DesiredStateCompiler compiler(ClusterStateConfig config) {
        return new DesiredStateCompiler(new PlatformSettings(
                config.ingressNamespace(),
                config.defaultCpuRequest(),
                config.defaultMemoryRequest(),
                config.defaultCpuLimit(),
                config.defaultMemoryLimit()));
    }
}

package io.securewatch.agent.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server in CRUD mode on the loopback interface, with a client for it. It stores objects and
 * checks resource versions but does no validation, defaulting or cascading deletes.
 */
public final class MockCluster implements AutoCloseable {

    private final KubernetesMockServer server = new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private final KubernetesClient client;

    public MockCluster() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    public KubernetesMockServer server() {
        return server;
    }

    /** Takes the requests the server received since the last call, as {@code METHOD path}. */
    public List<String> takeRequests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request.getMethod() + " " + request.getPath());
        }
        return requests;
    }

    /** Takes the requests since the last call and returns those that write. */
    public List<String> takeWrites() throws InterruptedException {
        return takeRequests().stream()
                .filter(request -> !request.startsWith("GET "))
                .toList();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

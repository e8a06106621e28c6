package io.securewatch.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * One cluster for an agent: fabric8's mock API server in CRUD mode on the loopback interface. It can be set to
 * reject matching requests with 403, as an admission webhook would, and it records every request so tests can
 * count writes.
 */
public final class MockCluster implements AutoCloseable {

    private final RecordingDispatcher dispatcher = new RecordingDispatcher();
    private final KubernetesMockServer server =
            new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    private final KubernetesClient client;

    public MockCluster() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    public KubernetesClient client() {
        return client;
    }

    /** Rejects requests matching {@code METHOD path} with 403 until {@link #acceptAll()}. */
    void reject(Predicate<String> request, String message) {
        dispatcher.rejection = new Rejection(request, message);
    }

    void acceptAll() {
        dispatcher.rejection = null;
    }

    /** Takes the write requests (anything but GET) received since the last call, as {@code METHOD path}. */
    public List<String> takeWrites() {
        List<String> writes = new ArrayList<>();
        String request;
        while ((request = dispatcher.requests.poll()) != null) {
            if (!request.startsWith("GET ")) {
                writes.add(request);
            }
        }
        return writes;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private record Rejection(Predicate<String> request, String message) {}

    /** The CRUD dispatcher, with a request log and an optional rejection rule in front of it. */
    private static final class RecordingDispatcher extends KubernetesCrudDispatcher {

        final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
        volatile Rejection rejection;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String line = request.getMethod() + " " + request.getPath();
            requests.add(line);
            Rejection current = rejection;
            if (current != null && current.request().test(line)) {
                return new MockResponse()
                        .setResponseCode(403)
                        .setBody(
                                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                                        + "\"code\":403,\"message\":\"" + current.message() + "\"}");
            }
            return super.dispatch(request);
        }
    }
}

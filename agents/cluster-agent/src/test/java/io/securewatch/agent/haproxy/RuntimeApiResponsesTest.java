package io.securewatch.agent.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Responses below were captured from HAProxy 2.6.12 (Debian 12 package 2.6.12-1+deb12u4). */
class RuntimeApiResponsesTest {

    private static final String SERVERS_STATE = """
            1
            # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight \
            srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state \
            srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port \
            srv_check_addr srv_agent_addr srv_agent_port
            3 be_api 1 eu-west-1 127.0.0.1 0 8 50 100 1 8 2 0 6 0 0 0 - 18081 - 0 0 - - 0
            3 be_api 2 eu-central-1 127.0.0.1 2 0 100 100 1 8 2 0 6 0 0 0 - 18082 - 0 0 - - 0
            3 be_api 4 off 127.0.0.1 2 4 10 10 0 1 0 0 8 0 0 0 - 18084 - 0 0 - - 0

            """;

    @Test
    void serversStateIsParsedByColumnName() {
        List<ServerState> servers =
                RuntimeApiResponses.serversState("show servers state be_api", "be_api", SERVERS_STATE);

        assertThat(servers)
                .containsExactly(
                        new ServerState(1, "eu-west-1", "127.0.0.1", 18081, OperationalState.STOPPED, 8, 50, 100),
                        new ServerState(2, "eu-central-1", "127.0.0.1", 18082, OperationalState.RUNNING, 0, 100, 100),
                        new ServerState(4, "off", "127.0.0.1", 18084, OperationalState.RUNNING, 4, 10, 10));
    }

    @Test
    void adminFlagsMapToAdminState() {
        List<ServerState> servers =
                RuntimeApiResponses.serversState("show servers state be_api", "be_api", SERVERS_STATE);

        assertThat(servers.get(0).adminState()).isEqualTo(AdminState.DRAIN);
        assertThat(servers.get(1).adminState()).isEqualTo(AdminState.READY);
        assertThat(servers.get(2).adminState()).isEqualTo(AdminState.READY);
        assertThat(server(ServerState.FORCED_MAINT | ServerState.CONFIGURED_MAINT)
                        .adminState())
                .isEqualTo(AdminState.MAINT);
        assertThat(server(ServerState.FORCED_MAINT | ServerState.FORCED_DRAIN).adminState())
                .isEqualTo(AdminState.MAINT);
        assertThat(server(ServerState.RESOLUTION_MAINT).adminState()).isEqualTo(AdminState.MAINT);
        assertThat(server(ServerState.INHERITED_DRAIN).adminState()).isEqualTo(AdminState.DRAIN);
    }

    @Test
    void unknownBackendRaisesHaproxyMessage() {
        assertThatThrownBy(() -> RuntimeApiResponses.serversState(
                        "show servers state be_nope", "be_nope", "Can't find backend.\n\n"))
                .isInstanceOfSatisfying(RuntimeApiException.class, e -> {
                    assertThat(e.command()).isEqualTo("show servers state be_nope");
                    assertThat(e.reason()).isEqualTo("Can't find backend.");
                })
                .hasMessage("HAProxy Runtime API command 'show servers state be_nope' failed: Can't find backend.");
    }

    @Test
    void otherFormatVersionIsRejected() {
        assertThatThrownBy(() -> RuntimeApiResponses.serversState(
                        "show servers state be_api", "be_api", "2\n# be_id be_name\n3 be_api\n\n"))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageEndingWith("unsupported format version 2; this client reads version 1");
    }

    @Test
    void missingColumnIsRejected() {
        assertThatThrownBy(() -> RuntimeApiResponses.serversState(
                        "show servers state be_api", "be_api", "1\n# be_id be_name srv_id srv_name\n\n"))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageEndingWith("missing column srv_addr");
    }

    @Test
    void truncatedServerLineIsRejected() {
        String truncated = SERVERS_STATE.replace(" 18082 - 0 0 - - 0", "");

        assertThatThrownBy(() -> RuntimeApiResponses.serversState("show servers state be_api", "be_api", truncated))
                .isInstanceOf(RuntimeApiException.class)
                .hasMessageContaining("server line has 18 fields, the header 25");
    }

    @Test
    void emptyResponseIsSuccessForSetCommands() {
        RuntimeApiResponses.requireEmpty("set server be_api/eu-west-1 weight 50", "\n");
    }

    @Test
    void textResponseIsFailureForSetCommands() {
        assertThatThrownBy(() ->
                        RuntimeApiResponses.requireEmpty("set server be_api/nope weight 5", "No such server.\n\n"))
                .isInstanceOfSatisfying(
                        RuntimeApiException.class, e -> assertThat(e.reason()).isEqualTo("No such server."));
    }

    @Test
    void backupServersAreReadFromShowStat() {
        String stat = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,"
                + "wredis,status,weight,act,bck,chkfail\n"
                + "be_api,eu-west-1,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,100,1,0,0\n"
                + "be_api,us-east-1,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,100,0,1,0\n\n";

        assertThat(RuntimeApiResponses.backupServers("show stat be_api 4 -1", "be_api", stat))
                .containsExactly("us-east-1");
    }

    @Test
    void showStatOfUnknownBackendRaisesHaproxyMessage() {
        assertThatThrownBy(() ->
                        RuntimeApiResponses.backupServers("show stat be_nope 4 -1", "be_nope", "No such proxy.\n\n"))
                .isInstanceOfSatisfying(
                        RuntimeApiException.class, e -> assertThat(e.reason()).isEqualTo("No such proxy."));
    }

    private static ServerState server(int adminFlags) {
        return new ServerState(1, "eu-west-1", "127.0.0.1", 8080, OperationalState.RUNNING, adminFlags, 100, 100);
    }
}

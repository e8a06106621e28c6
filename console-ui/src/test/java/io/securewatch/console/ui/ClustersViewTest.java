package io.securewatch.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import elemental.json.Json;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.console.api.ApiError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClustersViewTest extends ViewTestSupport {

    private static final Instant NOW = OverviewTest.NOW;

    /** The control plane's message for a role that may not make a call. */
    private static final String FORBIDDEN =
            "your role does not allow this operation; ask a platform administrator for access";

    @BeforeEach
    void givenTwoRegionsWithOneClusterEach() {
        controlPlane.regions.addAll(
                List.of(OverviewTest.region("us-east-1", "US"), OverviewTest.region("eu-west-1", "EU")));
        controlPlane.clusters.addAll(List.of(
                OverviewTest.cluster("us-east-1-a", "us-east-1"), OverviewTest.cluster("eu-west-1-a", "eu-west-1")));
        controlPlane.statuses.put("eu-west-1-a", status(7, 5, NOW.minusSeconds(3), 1));
    }

    @Test
    void listsRegionsAndClustersWithLag() {
        // when
        ClustersView view = open();

        // then
        assertThat(GridKt._size(view.regions)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(view.regions, 0))
                .containsExactly("eu-west-1", "eu-west-1", "EU", "eu-west-1", "active");
        assertThat(GridKt._getFormattedRow(view.regions, 1)).startsWith("us-east-1");
        assertThat(GridKt._size(view.clusters)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(view.clusters, 0))
                .containsExactly("eu-west-1", "eu-west-1-a", "connected", "7", "5", "2 behind", "3 s ago", "1");
        assertThat(GridKt._getFormattedRow(view.clusters, 1))
                .as("a cluster without a readable status")
                .containsExactly(
                        "us-east-1", "us-east-1-a", "disconnected", "unknown", "unknown", "unknown", "unknown", "0");
        assertThat(view.error.isVisible()).isFalse();
    }

    @Test
    void aheadClusterShowsAgentRevision() {
        // given
        controlPlane.statuses.put("eu-west-1-a", OverviewTest.aheadStatus("eu-west-1-a", 7, 9, NOW.minusSeconds(2)));

        // when
        ClustersView view = open();

        // then
        assertThat(GridKt._getFormattedRow(view.clusters, 0))
                .contains("eu-west-1-a", "ahead at revision 9; confirm the rollback");
    }

    @Test
    void refreshKeepsSelectedCluster() {
        // given
        ClustersView view = open();
        view.clusters.select(GridKt._get(view.clusters, 0));
        controlPlane.statuses.put("eu-west-1-a", status(8, 8, NOW.minusSeconds(1), 0));

        // when
        view.refresh();

        // then
        assertThat(GridKt._getFormattedRow(view.clusters, 0)).contains("8", "0 behind", "1 s ago");
        assertThat(view.clusters.asSingleSelect().getValue())
                .extracting(Overview.ClusterRow::cluster)
                .isEqualTo("eu-west-1-a");
        assertThat(view.createToken.isEnabled()).isTrue();
    }

    @Test
    void createTokenNeedsSelectedCluster() {
        // given
        ClustersView view = open();
        assertThat(view.createToken.isEnabled()).isFalse();

        // when
        view.clusters.select(GridKt._get(view.clusters, 1));

        // then
        assertThat(view.createToken.isEnabled()).isTrue();
    }

    @Test
    void createdTokenShowsOnceWithCommand() {
        // given
        ClustersView view = open();
        view.clusters.select(GridKt._get(view.clusters, 0));

        // when
        ButtonKt._click(view.createToken);

        // then
        assertThat(controlPlane.tokenRequests).containsExactly("eu-west-1-a");
        RegistrationTokenDialog dialog = view.tokenDialog;
        assertThat(dialog.isOpened()).isTrue();
        assertThat(_find(Dialog.class)).containsExactly(dialog);
        assertThat(dialog.getHeaderTitle()).isEqualTo("Registration token for eu-west-1-a");
        assertThat(dialog.token.getValue()).isEqualTo("swrt_eu-west-1-a");
        assertThat(dialog.token.isReadOnly()).isTrue();
        assertThat(dialog.expiresAt.getValue()).isEqualTo("2026-12-05 11:00:00");
        assertThat(dialog.agentCommand.getValue()).contains("SECUREWATCH_AGENT_REGISTRATION_TOKEN=swrt_eu-west-1-a");
        assertThat(dialog.agentCommand.isReadOnly()).isTrue();
        assertThat(_find(dialog, Paragraph.class))
                .singleElement()
                .satisfies(warning -> assertThat(warning.getText()).startsWith("The token is not shown again."));
        assertThat(List.of(dialog.copyToken, dialog.copyExpiresAt, dialog.copyAgentCommand))
                .allSatisfy(copy -> assertThat(copy.getText()).isEqualTo("Copy"));
        assertThat(view.tokenError.getText()).isEmpty();
    }

    @Test
    void copyWritesTokenToClipboard() {
        // given
        RegistrationTokenDialog dialog = openTokenDialog();
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();

        // when
        ButtonKt._click(dialog.copyToken);

        // then
        PendingJavaScriptInvocation copy = clipboardWrite();
        assertThat(copy.getInvocation().getParameters()).containsExactly("swrt_eu-west-1-a");
        copy.complete(Json.createNull());
        assertThat(dialog.copyStatus.getText()).isEqualTo("Copied the token to the clipboard.");
    }

    @Test
    void blockedCopyAsksToCopyByHand() {
        // given
        RegistrationTokenDialog dialog = openTokenDialog();
        UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();

        // when
        ButtonKt._click(dialog.copyAgentCommand);

        // then
        PendingJavaScriptInvocation copy = clipboardWrite();
        assertThat((String) copy.getInvocation().getParameters().get(0)).contains("swrt_eu-west-1-a");
        copy.completeExceptionally(Json.create("navigator.clipboard is undefined"));
        assertThat(dialog.copyStatus.getText())
                .isEqualTo("The browser did not allow copying the agent command, so select the text and copy it"
                        + " with the keyboard.");
    }

    @Test
    void closingDialogClearsToken() {
        // given
        RegistrationTokenDialog dialog = openTokenDialog();
        dialog.copyStatus.setText("Copied the token to the clipboard.");

        // when
        dialog.close();

        // then
        assertThat(dialog.isOpened()).isFalse();
        assertThat(dialog.token.getValue()).isEmpty();
        assertThat(dialog.expiresAt.getValue()).isEmpty();
        assertThat(dialog.agentCommand.getValue()).isEmpty();
        assertThat(dialog.copyStatus.getText()).isEmpty();
    }

    @Test
    void rejectedTokenShowsApiMessage() {
        // given
        ClustersView view = open();
        view.clusters.select(GridKt._get(view.clusters, 0));
        controlPlane.failure = new ApiError(403, FORBIDDEN, List.of());

        // when
        ButtonKt._click(view.createToken);

        // then
        assertThat(view.tokenError.getText()).isEqualTo(FORBIDDEN);
        assertThat(view.tokenDialog).isNull();
        assertThat(_find(Dialog.class)).isEmpty();
    }

    @Test
    void refreshKeepsTokenRejectionMessage() {
        // given
        ClustersView view = open();
        view.clusters.select(GridKt._get(view.clusters, 0));
        controlPlane.failure = new ApiError(404, "cluster 'eu-west-1-a' not found", List.of());
        ButtonKt._click(view.createToken);
        controlPlane.failure = null;

        // when
        view.refresh();

        // then
        assertThat(view.tokenError.getText()).isEqualTo("cluster 'eu-west-1-a' not found");
    }

    @Test
    void listRejectionShowsApiMessage() {
        // given
        controlPlane.failure = new ApiError(403, FORBIDDEN, List.of());

        // when
        ClustersView view = open();

        // then
        assertThat(view.error.isVisible()).isTrue();
        assertThat(view.error.getText()).isEqualTo(FORBIDDEN);
        assertThat(GridKt._size(view.regions)).isZero();
        assertThat(GridKt._size(view.clusters)).isZero();
    }

    private ClustersView open() {
        ClustersView view = new ClustersView(controlPlane, Clock.fixed(NOW, ZoneOffset.UTC));
        UI.getCurrent().add(view);
        return view;
    }

    private RegistrationTokenDialog openTokenDialog() {
        ClustersView view = open();
        view.clusters.select(GridKt._get(view.clusters, 0));
        ButtonKt._click(view.createToken);
        return view.tokenDialog;
    }

    private static PendingJavaScriptInvocation clipboardWrite() {
        List<PendingJavaScriptInvocation> writes =
                UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                        .filter(invocation ->
                                invocation.getInvocation().getExpression().contains("navigator.clipboard"))
                        .toList();
        assertThat(writes).hasSize(1);
        return writes.get(0);
    }

    private static ClusterStatus status(long desired, long applied, Instant heartbeat, int drifted) {
        List<ClusterStatus.Drift> drift = java.util.stream.IntStream.range(0, drifted)
                .mapToObj(index -> new ClusterStatus.Drift("Deployment/web-" + index, "replicas changed", false))
                .toList();
        return new ClusterStatus(
                "eu-west-1-a",
                true,
                "1.0",
                null,
                null,
                null,
                desired,
                "h",
                applied,
                null,
                desired - applied,
                heartbeat,
                drift,
                null,
                Map.of(),
                List.of(),
                null);
    }
}

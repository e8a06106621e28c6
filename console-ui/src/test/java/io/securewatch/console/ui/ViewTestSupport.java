package io.securewatch.console.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.server.VaadinSession;
import io.securewatch.api.v1.CurrentUser;
import io.securewatch.console.api.Credentials;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Runs each view test in a mocked Vaadin session in which {@code admin} is signed in. */
abstract class ViewTestSupport {

    final FakeControlPlane controlPlane = new FakeControlPlane();

    @BeforeEach
    void setUpVaadin() {
        // Only views that links point to; a view that needs the control plane injected cannot be opened by route here
        MockVaadin.setup(
                new Routes(new HashSet<>(Set.of(DrillReportView.class, DrillsView.class)), new HashSet<>(), true));
        VaadinSession.getCurrent().setAttribute(Credentials.class, new Credentials("admin", "admin"));
        VaadinSession.getCurrent()
                .setAttribute(CurrentUser.class, new CurrentUser("admin", List.of("platform-admin"), null));
    }

    /** Replaces the signed-in admin with a user of one platform role, such as {@code viewer}. */
    static void signInAs(String role) {
        VaadinSession.getCurrent().setAttribute(Credentials.class, new Credentials(role, role));
        VaadinSession.getCurrent().setAttribute(CurrentUser.class, new CurrentUser(role, List.of(role), null));
    }

    /** Replaces the signed-in admin with {@code acme-admin}, the tenant admin of {@code acme}. */
    static void signInAsTenantAdmin() {
        VaadinSession.getCurrent().setAttribute(Credentials.class, new Credentials("acme-admin", "acme-admin"));
        VaadinSession.getCurrent()
                .setAttribute(CurrentUser.class, new CurrentUser("acme-admin", List.of("tenant-admin"), "acme"));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }
}

package io.securewatch.console.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.server.VaadinSession;
import io.securewatch.console.api.Credentials;
import java.util.HashSet;
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
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }
}

package io.securewatch.console.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.server.VaadinSession;
import io.securewatch.console.api.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Runs each view test in a mocked Vaadin session in which {@code admin} is signed in. */
abstract class ViewTestSupport {

    final FakeControlPlane controlPlane = new FakeControlPlane();

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup();
        VaadinSession.getCurrent().setAttribute(Credentials.class, new Credentials("admin", "admin"));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
    }
}

package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.AbstractLogin;
import com.vaadin.flow.server.VaadinSession;
import io.securewatch.console.api.Credentials;
import org.junit.jupiter.api.Test;

class LoginViewTest extends ViewTestSupport {

    @Test
    void wrongPasswordShowsError() {
        // given
        VaadinSession.getCurrent().setAttribute(Credentials.class, null);
        LoginView view = new LoginView(controlPlane);
        UI.getCurrent().add(view);

        // when
        ComponentUtil.fireEvent(view.form, new AbstractLogin.LoginEvent(view.form, true, "admin", "wrong"));

        // then
        assertThat(view.form.isError()).isTrue();
        assertThat(SignedIn.credentials()).isEmpty();
    }

    @Test
    void validPasswordSignsIn() {
        // given
        VaadinSession.getCurrent().setAttribute(Credentials.class, null);
        LoginView view = new LoginView(controlPlane);
        UI.getCurrent().add(view);

        // when
        ComponentUtil.fireEvent(view.form, new AbstractLogin.LoginEvent(view.form, true, "admin", "admin"));

        // then
        assertThat(view.form.isError()).isFalse();
        assertThat(SignedIn.credentials()).contains(new Credentials("admin", "admin"));
    }

    @Test
    void credentialsHidePasswordFromText() {
        // when / then
        assertThat(new Credentials("admin", "s3cret").toString()).doesNotContain("s3cret");
    }
}

package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.AbstractLogin;
import com.vaadin.flow.server.VaadinSession;
import io.securewatch.api.v1.CurrentUser;
import io.securewatch.console.api.Credentials;
import io.securewatch.console.signin.AccessToken;
import java.util.List;
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
        assertThat(SignedIn.credentials().map(Credentials::authorization))
                .contains(new Credentials("admin", "admin").authorization());
        assertThat(SignedIn.user().map(CurrentUser::roles)).contains(java.util.List.of("platform-admin"));
    }

    @Test
    void credentialsHidePasswordFromText() {
        // when / then
        assertThat(new Credentials("admin", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void oidcAccessTokenSignsInWithoutForm() {
        // given
        VaadinSession.getCurrent().setAttribute(Credentials.class, null);
        AccessToken token = new AccessToken("alice", "token-1");
        VaadinSession.getCurrent().getSession().setAttribute(AccessToken.SESSION_ATTRIBUTE, token);
        controlPlane.bearerUsers.put("token-2", new CurrentUser("alice", List.of("operator"), null));
        LoginView view = new LoginView(controlPlane);
        UI.getCurrent().add(view);
        token.renew("token-2");

        // when
        boolean signedIn = view.signInWithAccessToken();

        // then
        assertThat(signedIn).isTrue();
        assertThat(view.form.isVisible()).isFalse();
        assertThat(SignedIn.credentials().map(Credentials::authorization)).contains("Bearer token-2");
        assertThat(SignedIn.user().map(CurrentUser::name)).contains("alice");
    }

    @Test
    void rejectedAccessTokenShowsReason() {
        // given
        VaadinSession.getCurrent().setAttribute(Credentials.class, null);
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(AccessToken.SESSION_ATTRIBUTE, new AccessToken("mallory", "unknown-token"));
        LoginView view = new LoginView(controlPlane);
        UI.getCurrent().add(view);

        // when
        boolean signedIn = view.signInWithAccessToken();

        // then
        assertThat(signedIn).isFalse();
        assertThat(SignedIn.credentials()).isEmpty();
        assertThat(view.message.getText())
                .isEqualTo("Signed in as mallory, but the control plane rejected the sign-in: the user name or"
                        + " password is not valid");
    }
}

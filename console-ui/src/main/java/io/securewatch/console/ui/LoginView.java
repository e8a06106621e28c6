package io.securewatch.console.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.CurrentUser;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import io.securewatch.console.signin.AccessToken;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Sign-in with a user of the control plane. Without OIDC the console checks a name and password with the REST API
 * and then sends them with every call of this session. With OIDC the user has already signed in at the provider
 * before any page opens, and this view only takes over the access token, checks it with the API, and moves on.
 */
@Route("login")
@PageTitle("Sign in | SecureWatch")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    final LoginForm form = new LoginForm();
    final Span message = new Span();
    private final ControlPlane controlPlane;

    @Inject
    public LoginView(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("SecureWatch control plane");
        i18n.getForm().setUsername("User name");
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage("Check the user name and password and try again.");
        form.setI18n(i18n);
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(event -> {
            Credentials credentials = new Credentials(event.getUsername(), event.getPassword());
            CurrentUser user;
            try {
                user = controlPlane.signIn(credentials);
            } catch (ApiError error) {
                if (error.status() != 401) {
                    i18n.getErrorMessage().setMessage(error.getMessage());
                    form.setI18n(i18n);
                }
                form.setError(true);
                return;
            }
            SignedIn.signIn(credentials, user);
            getUI().ifPresent(ui -> ui.getPage().setLocation("."));
        });
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        add(form, message);
    }

    /** Signs in with the OIDC access token of the browser session, when there is one, instead of the form. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (signInWithAccessToken()) {
            event.forwardTo(OverviewView.class);
        }
    }

    /**
     * Signs in with the browser session's OIDC access token after the API accepted it.
     *
     * @return whether the user is signed in; false without a token, or when the API rejects it, with the reason shown
     */
    boolean signInWithAccessToken() {
        Optional<AccessToken> token = SignedIn.accessToken();
        if (token.isEmpty()) {
            return false;
        }
        form.setVisible(false);
        AccessToken found = token.get();
        Credentials credentials = Credentials.bearer(found.user(), found::current);
        try {
            SignedIn.signIn(credentials, controlPlane.signIn(credentials));
            return true;
        } catch (ApiError failure) {
            message.setText("Signed in as " + found.user() + ", but the control plane rejected the sign-in: "
                    + failure.getMessage());
            return false;
        }
    }
}

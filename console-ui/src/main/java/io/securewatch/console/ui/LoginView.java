package io.securewatch.console.ui;

import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.securewatch.api.v1.CurrentUser;
import io.securewatch.console.api.ApiError;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import jakarta.inject.Inject;

/**
 * Sign-in with a user of the control plane. The console checks the name and password with the REST API and then
 * sends them with every call of this session. NOTE: sign-in through Keycloak (OIDC) in production is not built yet.
 */
@Route("login")
@PageTitle("Sign in | SecureWatch")
public class LoginView extends VerticalLayout {

    final LoginForm form = new LoginForm();

    @Inject
    public LoginView(ControlPlane controlPlane) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("SecureWatch control plane");
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
        add(form);
    }
}

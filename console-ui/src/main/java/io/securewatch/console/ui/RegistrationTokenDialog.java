package io.securewatch.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.securewatch.api.v1.RegistrationToken;
import java.util.List;

/**
 * Shows a new registration token once: the token, its expiry and the command line that starts an agent with it,
 * each with a button that copies it to the browser's clipboard. Closing the dialog empties the fields, so that no
 * component keeps the token afterwards.
 */
class RegistrationTokenDialog extends Dialog {

    final TextField token = new TextField("Registration token");
    final TextField expiresAt = new TextField("Expires at (UTC)");
    final TextArea agentCommand = new TextArea("Agent command");
    final Button copyToken = new Button("Copy", click -> copy(token, "token"));
    final Button copyExpiresAt = new Button("Copy", click -> copy(expiresAt, "expiry time"));
    final Button copyAgentCommand = new Button("Copy", click -> copy(agentCommand, "agent command"));
    final Span copyStatus = new Span();

    RegistrationTokenDialog(RegistrationToken created) {
        setHeaderTitle("Registration token for " + created.cluster());
        setModal(true);
        setCloseOnOutsideClick(false);
        setWidth("48em");

        token.setValue(created.token());
        expiresAt.setValue(OverviewView.TIME.format(created.expiresAt()));
        agentCommand.setValue(created.agentCommand());
        for (HasValue<?, String> field : List.of(token, expiresAt, agentCommand)) {
            field.setReadOnly(true);
        }
        token.setWidthFull();
        agentCommand.setWidthFull();
        copyToken.setAriaLabel("Copy the registration token");
        copyExpiresAt.setAriaLabel("Copy the expiry time");
        copyAgentCommand.setAriaLabel("Copy the agent command");

        Paragraph warning = new Paragraph("The token is not shown again. Copy it or the agent command before you close"
                + " this dialog. An agent can exchange it for a credential once, before it expires.");
        warning.getStyle().set("font-weight", "bold");
        add(
                warning,
                row(token, copyToken),
                row(expiresAt, copyExpiresAt),
                row(agentCommand, copyAgentCommand),
                copyStatus);

        Button close = new Button("Close", click -> close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
        addOpenedChangeListener(change -> {
            if (!change.isOpened()) {
                clear();
            }
        });
    }

    private static HorizontalLayout row(Component field, Button copy) {
        HorizontalLayout row = new HorizontalLayout(field, copy);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.expand(field);
        return row;
    }

    /**
     * Asks the browser to write the field's value to the clipboard. Browsers allow that only in a secure context,
     * an HTTPS page or localhost (MDN, {@code Clipboard.writeText}), so elsewhere the status line asks the user to
     * copy the text by hand.
     */
    private void copy(HasValue<?, String> field, String valueName) {
        copyStatus.setText("");
        UI.getCurrent()
                .getPage()
                .executeJs("return navigator.clipboard.writeText($0)", field.getValue())
                .then(
                        done -> copyStatus.setText("Copied the " + valueName + " to the clipboard."),
                        failure -> copyStatus.setText("The browser did not allow copying the " + valueName
                                + ", so select the text and copy it with the keyboard."));
    }

    /** Empties the token, expiry and agent command fields and the copy status. */
    private void clear() {
        token.clear();
        expiresAt.clear();
        agentCommand.clear();
        copyStatus.setText("");
    }
}

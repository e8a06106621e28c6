package io.securewatch.console.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before a destructive action, such as a delete, a live drill or the kill switch. */
final class Confirmation {

    private Confirmation() {}

    /** Opens a dialog that runs the action only when the user confirms it; cancelling does nothing. */
    static void ask(String header, String text, String confirmText, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(event -> action.run());
        dialog.open();
    }
}

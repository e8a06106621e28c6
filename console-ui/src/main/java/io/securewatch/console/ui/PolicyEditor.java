package io.securewatch.console.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.console.api.ApiError;
import java.util.List;

/**
 * The common part of the policy editors: an API call that previews or saves the form, and the API's field errors
 * shown at the inputs they name. Errors that name no input show in one message line.
 */
abstract class PolicyEditor extends VerticalLayout {

    final Span message = new Span();
    final Span notice = new Span();

    PolicyEditor() {
        setPadding(false);
        message.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    /** Returns the input an API field path refers to, or null when none does. */
    abstract HasValidation fieldOf(String path);

    /** Returns every input that can show an error. */
    abstract List<? extends HasValidation> fields();

    /** Removes the last preview, which no longer matches the form once a call starts. */
    abstract void clearPreview();

    /** Clears the previous errors and runs the API call, showing its errors at their inputs when it fails. */
    void attempt(Runnable call) {
        message.setText("");
        fields().forEach(field -> field.setInvalid(false));
        clearPreview();
        try {
            call.run();
        } catch (ApiError failure) {
            showErrors(failure);
        }
    }

    private void showErrors(ApiError failure) {
        boolean unplaced = failure.fieldErrors().isEmpty();
        for (FieldError error : failure.fieldErrors()) {
            HasValidation field = fieldOf(error.field());
            if (field == null) {
                unplaced = true;
            } else if (!field.isInvalid()) {
                field.setErrorMessage(error.message());
                field.setInvalid(true);
            }
        }
        if (unplaced) {
            message.setText(failure.getMessage());
        }
    }
}

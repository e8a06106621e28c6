package io.securewatch.console.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import jakarta.servlet.http.HttpServletResponse;

/** The page for an address the console does not have, inside the usual frame so that navigation stays at hand. */
@ParentLayout(MainLayout.class)
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    final Paragraph text = new Paragraph();

    public NotFoundView() {
        add(new H2("Page not found"), text, new RouterLink("Go to the overview", OverviewView.class));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        text.setText("The console has no page at /" + event.getLocation().getPath()
                + ". Choose a view in the navigation on the left.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
